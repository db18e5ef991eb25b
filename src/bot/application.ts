import type { Activity, TurnContext } from 'botbuilder';
import { ActivityTypes, CardFactory, MessageFactory } from 'botbuilder';
import { Application, TurnState } from '@microsoft/teams-ai';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { renderCard } from '../cards/renderCard';
import type { Locale } from '../config';
import type { AppDeps } from '../deps';
import { AppError, toAppError } from '../errors';
import { pickLocale, t } from '../i18n';
import { errorReply, ERROR_TABLE } from './errorReply';
import type { Reply, TurnInfo } from '../kit/featureApp';
import { greet } from './frame';
import { inspectPayload, inspectText, MAX_STRING_CHARS, type Inspection } from './inboundGuard';
import type { FeatureRegistry } from './registry';
import { ACTOR_ENTRY_KEY, turnInfoOf, type TurnSources } from './turnInfo';

const ACTION_INVOKE = 'adaptiveCard/action';
const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

/**
 * The teams-ai Application: four disjoint routes (card actions, other invokes, messages,
 * installs), each mapping a turn to one feature call and the result to a card.
 */
export function buildApplication(adapter: TeamsAdapter, deps: AppDeps, registry: FeatureRegistry): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    ...(deps.config.auth.enabled ? { botAppId: deps.config.auth.appId } : {}),
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState(),
  });

  const isActionExecute = (a: Activity) =>
    a.type === ActivityTypes.Invoke && a.name === ACTION_INVOKE && isRecord(a.value) && isRecord(a.value.action);

  app.addRoute(
    (context) => Promise.resolve(isActionExecute(context.activity)),
    async (context) => {
      const action = (context.activity.value as { action: { verb?: unknown; data?: unknown } }).action;
      const reply = await runVerb(context, deps, registry, action.verb, action.data);
      await sendInvokeResponse(context, toInvokeBody(reply.reply, reply.locale));
    },
    true,
  );

  app.addRoute(
    (context) => Promise.resolve(context.activity.type === ActivityTypes.Invoke && !isActionExecute(context.activity)),
    async (context) => {
      const locale = localeOf(context, deps);
      const text = t(locale, 'core', 'errorUnknownAction', { verb: context.activity.name ?? '?' });
      const body = context.activity.name?.startsWith('task/')
        ? { task: { type: 'message', value: text } }
        : { statusCode: 200, type: MESSAGE_RESPONSE, value: text };
      await sendInvokeResponse(context, body);
    },
    true,
  );

  app.addRoute(
    (context) => Promise.resolve(context.activity.type === ActivityTypes.Message),
    async (context) => {
      const value: unknown = context.activity.value;
      if (isRecord(value) && typeof value.verb === 'string') {
        // Action.Submit fallback: the same verbs, answered by updating the card's message.
        const { verb, ...data } = value;
        const { reply, locale } = await runVerb(context, deps, registry, verb, data);
        await sendReplies(context, [reply], locale, context.activity.replyToId);
        return;
      }
      const text = (context.activity.text ?? '').trim();
      const inspected = inspectText(text);
      const found = inspected.ok ? registry.findCommand(text) : undefined;
      const purpose = { command: found?.route.spec.names[0] ?? '' };
      const turn = await turnInfoOf(context.activity, sources(deps), purpose, context.turnState.get(ACTOR_ENTRY_KEY));
      const locale = turn?.actor.locale ?? localeOf(context, deps);
      if (!inspected.ok) {
        (turn?.log ?? deps.log).info({ reason: inspected.reason }, 'chat text refused');
        await sendReplies(context, [{ text: t(locale, 'security', 'chatRefused', { max: MAX_STRING_CHARS }) }], locale);
        return;
      }
      if (!turn || !found) {
        await sendReplies(context, [{ text: t(locale, 'core', 'unknownCommand') }], locale);
        return;
      }
      const replies = await guarded(turn, () => found.route.handler(turn, found.args));
      await sendReplies(context, replies, locale);
    },
  );

  app.addRoute(
    (context) =>
      Promise.resolve(
        (context.activity.type === ActivityTypes.ConversationUpdate &&
          (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id)) ||
          (context.activity.type === ActivityTypes.InstallationUpdate && context.activity.action !== 'remove'),
      ),
    async (context) => {
      const turn = await turnInfoOf(context.activity, sources(deps), { event: 'installed' }, context.turnState.get(ACTOR_ENTRY_KEY));
      const replies = await greet(context.activity, turn, deps, registry, localeOf(context, deps));
      await sendReplies(context, replies, turn?.actor.locale ?? localeOf(context, deps));
    },
  );

  return app;
}

async function runVerb(
  context: TurnContext,
  deps: AppDeps,
  registry: FeatureRegistry,
  verb: unknown,
  data: unknown,
): Promise<{ reply: Reply; locale: Locale }> {
  const route = typeof verb === 'string' ? registry.verbs.get(verb) : undefined;
  const purpose = { verb: route ? String(verb) : typeof verb === 'string' ? verb.slice(0, 80) : typeof verb };
  const turn = await turnInfoOf(context.activity, sources(deps), purpose, context.turnState.get(ACTOR_ENTRY_KEY));
  const locale = turn?.actor.locale ?? localeOf(context, deps);
  if (!route) {
    (turn?.log ?? deps.log.child(purpose)).info('unknown card verb');
    return { reply: { text: t(locale, 'core', 'errorUnknownAction', { verb: String(verb).slice(0, 80) }) }, locale };
  }
  if (!turn) return { reply: errorReply(new AppError('BAD_REQUEST', { detail: 'no user' }), locale), locale };
  const inspected = inspectPayload(data ?? {});
  if (!inspected.ok) {
    turn.log.info({ reason: inspected.reason, field: inspected.path }, 'card data refused');
    return { reply: refusal(inspected, locale), locale };
  }
  const parsed = route.input.safeParse(data ?? {});
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'data'))].slice(0, 5).join(', ');
    turn.log.info({ fields }, 'card data refused');
    return { reply: errorReply(new AppError('BAD_REQUEST', { detail: fields }), locale), locale };
  }
  const reply = await guarded(turn, () => route.handler(turn, parsed.data).then((r) => [r]));
  return { reply: reply[0]!, locale };
}

/**
 * Runs a feature call; an expected failure becomes its card, anything else is logged with the
 * turn's reference (its logger carries the verb or command, the person and the reference). A store
 * that cannot answer is passed on: the turn is then not recorded as done, so the person's retry
 * runs it again (see bot.ts).
 */
async function guarded(turn: TurnInfo, call: () => Promise<Reply[]>): Promise<Reply[]> {
  try {
    return await call();
  } catch (err) {
    const appError = toAppError(err);
    if (appError.code === 'UNAVAILABLE') throw appError;
    const level = ERROR_TABLE[appError.code].log;
    turn.log[level]({ code: appError.code, err: level === 'info' ? undefined : err }, 'turn failed');
    return [errorReply(appError, turn.actor.locale, appError.code === 'INTERNAL' ? turn.reference : undefined)];
  }
}

function sources(deps: AppDeps): TurnSources {
  return { directory: deps.directory, clock: deps.clock, defaultLocale: deps.config.defaultLocale, log: deps.log };
}

/** The card for input no verb accepts, naming the field and the reason, never the input itself. */
function refusal(inspected: Exclude<Inspection, { ok: true }>, locale: Locale): Reply {
  const field = inspected.path.replace(/^data\.?/, '') || 'data';
  const detail = t(locale, 'security', inspected.reason, { field, max: MAX_STRING_CHARS });
  return errorReply(new AppError('BAD_REQUEST', { detail }), locale);
}

/**
 * Answers a turn that could not complete with its error card: in the invoke response for a card
 * action, as a message otherwise. `reference` ties an internal error to its log line.
 */
export async function answerError(context: TurnContext, err: AppError, locale: Locale, reference?: string): Promise<void> {
  const reply = errorReply(err, locale, reference);
  if (context.activity.type === ActivityTypes.Invoke) {
    const body = context.activity.name?.startsWith('task/')
      ? { task: { type: 'message', value: 'card' in reply ? String((reply.data as { message?: string }).message) : reply.text } }
      : toInvokeBody(reply, locale);
    await sendInvokeResponse(context, body);
  } else {
    await sendReplies(context, [reply], locale);
  }
}

/** A card action is answered with a card: a text reply becomes a one-line card, so its Markdown renders. */
function toInvokeBody(reply: Reply, locale: Locale): object {
  const card = 'card' in reply ? renderCard(reply.card, reply.data, locale) : renderCard('text-reply', { text: reply.text }, locale);
  return { statusCode: 200, type: CARD_RESPONSE, value: card };
}

async function sendInvokeResponse(context: TurnContext, body: object): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

/** Sends replies; with `updateId`, the first one replaces that message (a card updated in place). */
async function sendReplies(context: TurnContext, replies: Reply[], locale: Locale, updateId?: string): Promise<void> {
  for (const [index, reply] of replies.entries()) {
    const activity =
      'card' in reply
        ? MessageFactory.attachment(CardFactory.adaptiveCard(renderCard(reply.card, reply.data, locale)))
        : MessageFactory.text(reply.text);
    if (index === 0 && updateId) await context.updateActivity({ ...activity, id: updateId });
    else await context.sendActivity(activity);
  }
}

function localeOf(context: TurnContext, deps: AppDeps): Locale {
  return pickLocale(context.activity.locale, deps.config.defaultLocale);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
