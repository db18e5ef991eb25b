import type { Activity, TurnContext } from 'botbuilder';
import { ActivityTypes, ConfigurationBotFrameworkAuthentication, INVOKE_RESPONSE_KEY } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { AuthenticationConstants } from 'botframework-connector';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { renderCard } from '../cards/renderCard';
import { AppError, toAppError } from '../errors';
import { eventLoopLag } from '../eventLoopLag';
import { pickLocale, t } from '../i18n';
import { createAdapter, authOptions } from './adapter';
import { answerError, buildApplication } from './application';
import { ERROR_TABLE } from './errorReply';
import { FormOnce } from './formOnce';
import type { Inbox, InboxClaim } from './inbox';
import { handleNightlySweep, type Sweep } from './nightlySweep';
import type { FeatureRegistry } from './registry';
import { decideTenant } from './tenants';
import { ACTOR_ENTRY_KEY, TURN_INCOMPLETE_KEY, sightingOf } from './turnInfo';
import { UserRateLimiter } from './userRateLimit';

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

const account = z.object({ id: z.string().min(1).max(1024) }).passthrough();

/** What every activity Teams sends has; anything less is not an activity this bot can answer. */
const activityShape = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    serviceUrl: z.string().max(2048).regex(/^https?:\/\/[^\s]+$/),
    channelId: z.string().max(128).optional(),
    from: account,
    recipient: account,
    conversation: account,
    // Fields botbuilder and Teams AI read without checking their type.
    name: z.string().max(256).optional(),
    text: z.string().optional(),
    locale: z.string().max(64).optional(),
    timestamp: z.string().max(64).optional(),
    localTimestamp: z.string().max(64).optional(),
    replyToId: z.string().max(1024).optional(),
    action: z.string().max(64).optional(),
    channelData: z.record(z.unknown()).optional(),
    entities: z.array(z.record(z.unknown())).max(100).optional(),
    attachments: z.array(z.record(z.unknown())).max(100).optional(),
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
  })
  .passthrough();

/** Builds the adapter, the teams-ai Application and the turn pipeline around it. */
export function createBot(deps: AppDeps, registry: FeatureRegistry, inbox: Inbox, sweeps: readonly Sweep[] = []): Bot {
  const adapter = createAdapter(deps.config);
  const auth = new ConfigurationBotFrameworkAuthentication(authOptions(deps.config));
  const once = new FormOnce(deps.store.containers.inbox, deps.clock);
  const app = buildApplication(adapter, deps, registry, once);
  handleNightlySweep(deps, [{ name: 'processedActivities', run: () => inbox.sweep() }, { name: 'pressedForms', run: () => once.sweep() }, ...sweeps]);
  const limiter = new UserRateLimiter(deps.config.inboundLimit);
  // The secretariat's card presses (a reminder, a status, a send) are deliberate work, not a flood:
  // past the shared allowance they are counted in an allowance of their own.
  const deliberate = new UserRateLimiter(deps.config.inboundLimit);
  const lag = eventLoopLag();
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (inFlight > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  const localeOf = (context: TurnContext) => pickLocale(context.activity.locale, deps.config.defaultLocale);

  /** Answers a turn that could not complete with a clear card; only a failing answer reaches the HTTP layer. */
  async function refuse(context: TurnContext, err: unknown): Promise<void> {
    const appError = toAppError(err);
    const reference = randomUUID().slice(0, 8);
    const level = ERROR_TABLE[appError.code].log;
    deps.log[level]({ code: appError.code, reference, activityType: context.activity.type, err: level === 'info' ? undefined : err }, 'turn could not complete');
    await answerError(context, appError, localeOf(context), appError.code === 'INTERNAL' ? reference : undefined);
  }

  /** A card press by a member of the secretariat (read only once the shared allowance is spent). */
  async function isSecretariatPress(activity: TurnContext['activity']): Promise<boolean> {
    if (activity.type !== ActivityTypes.Invoke || activity.name !== 'adaptiveCard/action' || !activity.from?.aadObjectId) return false;
    try {
      return (await deps.directory.member(activity.from.aadObjectId))?.roles.includes('secretariat') ?? false;
    } catch (err) {
      deps.log.warn({ err }, 'could not read the sender for the rate limit');
      return false;
    }
  }

  /** A person sending faster than the limit is told to wait (once per refused run), and nothing is done. */
  async function rateLimited(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.Invoke) return false;
    const key = activity.from?.aadObjectId ?? activity.from?.id;
    if (!key) return false;
    const now = deps.clock.now().getTime();
    const decision = limiter.take(key, now);
    if (decision.allowed) return false;
    if (await isSecretariatPress(activity) && deliberate.take(key, now).allowed) return false;
    deps.log.info({ activityType: activity.type, retryAfterMs: decision.retryAfterMs, told: decision.tell }, 'activity refused: sender over the rate limit');
    if (activity.type === ActivityTypes.Invoke || decision.tell) {
      await answerError(context, new AppError('RATE_LIMITED'), localeOf(context));
    }
    return true;
  }

  /**
   * While the event loop lags beyond the bound, or once as many turns as the instance takes are in
   * flight (a burst arrives before any lag shows), a person's new turn is told "busy, try again in
   * a moment" before anything is read or written: every await of a turn would wait that long
   * again, and a turn that runs out of time half way cannot say truly what it saved. Teams' own
   * events (installs, roster changes) still run: nobody would send them again.
   */
  async function busy(context: TurnContext): Promise<boolean> {
    const type = context.activity.type;
    if (type !== ActivityTypes.Message && type !== ActivityTypes.Invoke) return false;
    const { lagMs: bound, maxTurns } = deps.config.busy;
    const lagMs = bound > 0 ? lag.lagMs() : 0;
    const lagging = bound > 0 && lagMs > bound;
    const full = maxTurns > 0 && inFlight > maxTurns;
    if (!lagging && !full) return false;
    deps.log.info({ activityType: type, lagMs: Math.round(lagMs), inFlight }, 'activity refused: busy');
    await answerError(context, new AppError('BUSY'), localeOf(context));
    return true;
  }

  async function logic(context: TurnContext): Promise<void> {
    if (await busy(context)) return;
    if (await rateLimited(context)) return;
    let claim: InboxClaim;
    try {
      claim = await inbox.claim(context.activity);
    } catch (err) {
      await refuse(context, err);
      return;
    }
    if (claim.kind !== 'new') {
      deps.log.info({ activityType: context.activity.type, state: claim.kind }, 'repeated activity answered without redoing it');
      if (context.activity.type === ActivityTypes.Invoke) {
        const locale = pickLocale(context.activity.locale, deps.config.defaultLocale);
        const body =
          claim.kind === 'done' && claim.response
            ? claim.response
            : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: renderCard('text-reply', { text: t(locale, 'core', 'errorUnavailable') }, locale) };
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
      }
      return;
    }
    try {
      const sighting = sightingOf(context.activity);
      const seen = sighting ? await deps.directory.sawConversation(sighting) : undefined;
      if (seen && seen.member !== undefined) context.turnState.set(ACTOR_ENTRY_KEY, seen.member);
      await app.run(context);
    } catch (err) {
      // Not recorded as done: the person's (or Teams') retry runs the turn again.
      await claim.abandon().catch((abandonErr: unknown) => deps.log.warn({ err: abandonErr }, 'could not release inbox claim'));
      await refuse(context, err);
      return;
    }
    if (context.turnState.get(TURN_INCOMPLETE_KEY) === true) {
      await claim.abandon().catch((abandonErr: unknown) => deps.log.warn({ err: abandonErr }, 'could not release inbox claim'));
      return;
    }
    const invoke = context.turnState.get<{ value?: { body?: unknown } } | undefined>(INVOKE_RESPONSE_KEY);
    // The work is done and answered; if the record of it cannot be written, its lease runs out instead.
    await claim.finish(invoke?.value?.body).catch((err: unknown) => deps.log.warn({ err }, 'could not record the activity as done'));
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
      if (deps.config.auth.enabled && !serviceUrlMatches(authResult, activity)) {
        // botbuilder compares the claim only when the activity names a service URL, and not on its
        // emulator and skill paths: a reply must never go anywhere the token was not issued for.
        deps.log.info({}, 'request refused: serviceurl claim does not match the activity');
        return { status: 401, body: { error: 'unauthorized' } };
      }
      const tenant = decideTenant(activity, deps.config.allowedTenantIds);
      if (tenant.kind === 'refused') {
        deps.log.info({ reason: tenant.reason, fields: tenant.fields }, 'request refused: tenant not allowed');
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

function serviceUrlMatches(auth: AuthenticateRequestResult, activity: Activity): boolean {
  const claim = auth.claimsIdentity.getClaimValue(AuthenticationConstants.ServiceUrlClaim);
  return typeof activity.serviceUrl === 'string' && activity.serviceUrl !== '' && claim === activity.serviceUrl;
}
