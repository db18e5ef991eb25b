import type { Activity, TurnContext } from 'botbuilder';
import { ActivityTypes, ConfigurationBotFrameworkAuthentication, INVOKE_RESPONSE_KEY } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { renderCard } from '../cards/renderCard';
import { pickLocale, t } from '../i18n';
import { createAdapter, authOptions } from './adapter';
import { buildApplication } from './application';
import type { Inbox } from './inbox';
import type { FeatureRegistry } from './registry';
import { sightingOf, tenantOf } from './turnInfo';

export interface HttpAnswer {
  status: number;
  body?: unknown;
}

/** The bot as the HTTP server sees it: one call per POST /api/messages. */
export interface Bot {
  handle(body: unknown, authorization: string | undefined): Promise<HttpAnswer>;
  /** Turns being processed now. */
  inFlight(): number;
  /** Resolves once no turn is in flight (graceful shutdown waits for it). */
  drained(): Promise<void>;
}

const activityShape = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    serviceUrl: z.string().max(2048).optional(),
    channelId: z.string().max(128).optional(),
  })
  .passthrough();

/** Builds the adapter, the teams-ai Application and the turn pipeline around it. */
export function createBot(deps: AppDeps, registry: FeatureRegistry, inbox: Inbox): Bot {
  const adapter = createAdapter(deps.config);
  const auth = new ConfigurationBotFrameworkAuthentication(authOptions(deps.config));
  const app = buildApplication(adapter, deps, registry);
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (inFlight > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  async function logic(context: TurnContext): Promise<void> {
    const claim = await inbox.claim(context.activity);
    if (claim.kind !== 'new') {
      deps.log.info({ activityType: context.activity.type, state: claim.kind }, 'repeated activity answered without redoing it');
      if (context.activity.type === ActivityTypes.Invoke) {
        const locale = pickLocale(context.activity.locale, deps.config.defaultLocale);
        const body =
          claim.kind === 'done' && claim.response
            ? claim.response
            : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: renderCard('notice', { text: t(locale, 'core', 'errorUnavailable') }, locale) };
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
      }
      return;
    }
    try {
      const sighting = sightingOf(context.activity);
      if (sighting) await deps.directory.sawConversation(sighting);
      await app.run(context);
      const invoke = context.turnState.get<{ value?: { body?: unknown } } | undefined>(INVOKE_RESPONSE_KEY);
      await claim.finish(invoke?.value?.body);
    } catch (err) {
      await claim.abandon().catch((abandonErr: unknown) => deps.log.warn({ err: abandonErr }, 'could not release inbox claim'));
      throw err;
    }
  }

  return {
    inFlight: () => inFlight,
    drained: () =>
      inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push(resolve);
          }),
    async handle(body, authorization) {
      const shape = activityShape.safeParse(body);
      if (!shape.success) return { status: 400, body: { error: 'the body is not a Bot Framework activity' } };
      const activity = body as Activity;
      let authResult: AuthenticateRequestResult;
      try {
        authResult = await auth.authenticateRequest(activity, authorization ?? '');
      } catch (err) {
        deps.log.info({ reason: (err as Error).message?.slice(0, 200) }, 'request refused: not authenticated');
        return { status: 401, body: { error: 'unauthorized' } };
      }
      const tenant = tenantOf(activity);
      if (deps.config.allowedTenantIds.length > 0 && (!tenant || !deps.config.allowedTenantIds.includes(tenant))) {
        deps.log.info({ tenant }, 'request refused: tenant not allowed');
        return { status: 403, body: { error: 'tenant not allowed' } };
      }
      inFlight += 1;
      try {
        const invokeResponse = await adapter.runAuthenticated(authResult, activity, logic);
        return invokeResponse ? { status: invokeResponse.status, body: invokeResponse.body } : { status: 200 };
      } catch (err) {
        deps.log.error({ err, activityType: activity.type }, 'activity failed');
        return { status: 500, body: { error: 'internal error' } };
      } finally {
        inFlight -= 1;
        settle();
      }
    },
  };
}
