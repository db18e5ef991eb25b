import type { Activity, TurnContext } from 'botbuilder';
import { ActivityTypes, CardFactory, MessageFactory } from 'botbuilder';
import { Application, TurnState } from '@microsoft/teams-ai';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Locale } from '../config';
import type { AppDeps } from '../deps';
import { AppError, toAppError } from '../errors';
import { pickLocale, t } from '../i18n';
import { errorReply, ERROR_TABLE } from './errorReply';
import type { Reply, TurnInfo } from '../kit/featureApp';
import { greet } from './frame';
import { inspectPayload, inspectText, MAX_STRING_CHARS, type Inspection } from './inboundGuard';
import type { FormOnce } from './formOnce';
import { featureData, plainErrorReply, refusalOfError, refusalOfIssues, refusedForm, valuesOf, type Refusal } from './formRefusal';
import type { FeatureRegistry, VerbRoute } from './registry';
import { renderPlain, replyRenderer, type RenderReply } from './replyCards';
import { ACTOR_ENTRY_KEY, TURN_INCOMPLETE_KEY, turnInfoOf, type TurnSources } from './turnInfo';

const ACTION_INVOKE = 'adaptiveCard/action';
const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

/**
 * The teams-ai Application: four disjoint routes (card actions, other invokes, messages,
 * installs), each mapping a turn to one feature call and the result to a card.
 */
export function buildApplication(adapter: TeamsAdapter, deps: AppDeps, registry: FeatureRegistry, once: FormOnce): Application<TurnState> {
  const render = replyRenderer(registry.onceVerbs, deps.clock);
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
      const reply = await runVerb(context, deps, registry, once, action.verb, action.data);
      await sendInvokeResponse(context, toInvokeBody(reply.reply, reply.locale, render));
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
        const { reply, locale } = await runVerb(context, deps, registry, once, verb, data);
        await sendReplies(context, [reply], locale, render, context.activity.replyToId);
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
        await sendReplies(context, [{ text: t(locale, 'security', 'chatRefused', { max: MAX_STRING_CHARS }) }], locale, render);
        return;
      }
      if (!turn || !found) {
        await sendReplies(context, [{ text: t(locale, 'core', 'unknownCommand') }], locale, render);
        return;
      }
      const replies = await guarded(turn, () => found.route.handler(turn, found.args));
      await sendReplies(context, replies, locale, render);
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
      await sendReplies(context, replies, turn?.actor.locale ?? localeOf(context, deps), render);
    },
  );

  return app;
}

async function runVerb(
  context: TurnContext,
  deps: AppDeps,
  registry: FeatureRegistry,
  once: FormOnce,
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
  const reply = await runRoute(context, turn, route, String(verb), once, data ?? {});
  return { reply, locale };
}

/**
 * One card action: the inbound guard, the schema, the once-only record of a form that creates or
 * sends something, the handler. A form's refusal, whoever refuses, is the form again in place with
 * the person's values and the problem beside its field; another verb's is its error card.
 */
async function runRoute(context: TurnContext, turn: TurnInfo, route: VerbRoute, verb: string, once: FormOnce, data: unknown): Promise<Reply> {
  const locale = turn.actor.locale;
  const raw = valuesOf(data);
  const form = route.form;
  const refuse = (refusal: Refusal, otherwise: () => Reply): Promise<Reply> | Reply => (form ? refusedForm(turn, form, raw, refusal) : otherwise());

  const inspected = inspectPayload(data);
  if (!inspected.ok) {
    turn.log.info({ reason: inspected.reason, field: inspected.path }, 'card data refused');
    return refuse(refusalOfInspection(inspected, raw), () => refusal(inspected, locale));
  }
  // The kit's form instance id is its own on a once-only verb; a feature that keeps its own
  // once-only record (a `formId` in its schema) gets it as sent.
  const parsed = route.input.safeParse(route.once ? featureData(data) : data);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'data'))].slice(0, 5).join(', ');
    turn.log.info({ fields }, 'card data refused');
    return refuse(refusalOfIssues(parsed.error.issues, raw, form?.fieldOf), () => errorReply(new AppError('BAD_REQUEST', { detail: fields }), locale));
  }

  turn.formKey = once.formKeyOf(raw.formId, turn.replyToId, turn.activityId);
  const claim = route.once ? await once.claim({ actor: turn.actor.aadObjectId, formKey: turn.formKey, verb }) : undefined;
  if (claim?.kind === 'done') {
    turn.log.info('form pressed again: the first result is shown');
    return claim.reply;
  }
  if (claim?.kind === 'busy') {
    turn.log.info('form pressed again while the first press runs');
    return refuse({ problems: {}, general: [t(locale, 'forms', 'stillRunning')] }, () => ({ text: t(locale, 'forms', 'stillRunning') }));
  }

  let reply: Reply;
  try {
    reply = await route.handler(turn, parsed.data);
  } catch (err) {
    await claim?.release().catch((releaseErr: unknown) => turn.log.warn({ err: releaseErr }, 'could not release the once-only record'));
    const appError = toAppError(err);
    if (appError.code === 'UNAVAILABLE') {
      // Not done: the turn is not recorded, so a press again runs it; a form stays as it was typed.
      if (!form) throw appError;
      context.turnState.set(TURN_INCOMPLETE_KEY, true);
      turn.log.warn({ code: appError.code, err }, 'turn failed');
      return refusedForm(turn, form, raw, refusalOfError(appError, locale));
    }
    const level = ERROR_TABLE[appError.code].log;
    turn.log[level]({ code: appError.code, fields: appError.fields, err: level === 'info' ? undefined : err }, 'turn failed');
    const reference = appError.code === 'INTERNAL' ? turn.reference : undefined;
    return refuse(refusalOfError(appError, locale, reference), () => plainErrorReply(appError, locale, reference));
  }
  if (claim) {
    // A handler that answers with its own form again has refused: nothing was done, so the
    // corrected form may be sent again.
    const done = form === undefined || !('card' in reply) || !form.cards.includes(reply.card);
    await (done ? claim.finish(reply) : claim.release()).catch((recordErr: unknown) => turn.log.warn({ err: recordErr }, 'could not record the form as done'));
  }
  return reply;
}

/** The inbound guard's finding as a problem beside the field it was found in. */
function refusalOfInspection(inspected: Exclude<Inspection, { ok: true }>, raw: Record<string, string>): Refusal {
  const field = /^data\.([A-Za-z][A-Za-z0-9_]*)/.exec(inspected.path)?.[1] ?? '?';
  if (inspected.reason === 'tooLong') {
    const length = raw[field]?.length ?? 0;
    delete raw[field];
    return { problems: { [field]: { kind: 'tooLong', values: { max: MAX_STRING_CHARS, length } } }, general: [] };
  }
  return { problems: { [field]: 'unreadable' }, general: [] };
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
      : toInvokeBody(reply, locale, renderPlain);
    await sendInvokeResponse(context, body);
  } else {
    await sendReplies(context, [reply], locale, renderPlain);
  }
}

/** A card action is answered with a card: a text reply becomes a one-line card, so its Markdown renders. */
function toInvokeBody(reply: Reply, locale: Locale, render: RenderReply): object {
  return { statusCode: 200, type: CARD_RESPONSE, value: render(reply, locale) };
}

async function sendInvokeResponse(context: TurnContext, body: object): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

/** Sends replies; with `updateId`, the first one replaces that message (a card updated in place). */
async function sendReplies(context: TurnContext, replies: Reply[], locale: Locale, render: RenderReply, updateId?: string): Promise<void> {
  for (const [index, reply] of replies.entries()) {
    const activity =
      'card' in reply ? MessageFactory.attachment(CardFactory.adaptiveCard(render(reply, locale))) : MessageFactory.text(reply.text);
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
