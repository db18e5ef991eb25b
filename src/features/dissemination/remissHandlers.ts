import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { cardOf, form } from '../../kit/forms';
import { requireMember, requireRole } from '../../kit/permissions';
import { verb } from '../../kit/verbs';
import { TEAMS_MESSAGE_LIMIT_BYTES, cardBytes, renderCard, sizeForPeople } from '../../cards/renderCard';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { partiesText } from '../../common/partyCounts';
import { isoDate } from '../../dates/dates';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import type { Stored } from '../../store/types';
import type { Member } from '../../directory/model';
import { partyCounted, recipientsOf } from './audienceRules';
import { LOCALES, bi, when } from './bilingual';
import type { Dissemination } from './broadcastDelivery';
import { planFor } from './broadcastDelivery';
import { REMINDER_INTERVAL_MS } from './broadcastRules';
import type { RemissDoc } from './model';
import { BATCH, answerId } from './model';
import { refusalError } from './refusals';
import { remissCardData, remissComposeReply } from './remissCards';
import { JOB_REMISS_CLOSE, JOB_REMISS_REMIND, enqueueRemiss, remissStatusReply } from './remissDelivery';
import type { CloseJob, RemindJob } from './remissJobs';
import { exportAnswers, runCloseJob, runRemindJob, sendSummaryIfDue } from './remissJobs';
import { decideAnswer, decideRemissCreate, reminderTimes, remissAddressees, remissDeadline, silentParties } from './remissRules';
import { REMISS_ID, openForm, remissAnswerSchema, remissCreateSchema, remissDeclineSchema, remissRef } from './schemas';
import { CSV_LINK_MAX_AGE_MS } from '../../links';

/** Remisser and förfrågningar: created by the secretariat, answered (or declined) once per party by a date. */
export function registerRemisser(app: FeatureApp, d: Dissemination) {
  app.command(
    {
      names: ['remiss', 'förfrågan', 'forfragan', 'consultation'],
      display: { sv: 'remiss', en: 'consultation' },
      description: { sv: t('sv', 'dissemination', 'commandRemiss'), en: t('en', 'dissemination', 'commandRemiss') },
      roles: ['secretariat'],
    },
    // The secretariat composes a remiss; a member gets their party's open remisser, each with its answer form.
    async (turn) => (requireMember(turn).roles.includes('secretariat') ? [await composeForm(d, turn)] : openForParty(d, turn)),
  );
  app.quickAction({ verb: 'remiss.compose', title: bi((l) => t(l, 'dissemination', 'quickRemiss')), roles: ['secretariat'] });
  app.download('remiss-answers', (params) => exportAnswers(d, params), { maxAgeMs: CSV_LINK_MAX_AGE_MS });
  d.deps.scheduler.handle<RemindJob>(JOB_REMISS_REMIND, (job, context) => runRemindJob(d, job, context));
  d.deps.scheduler.handle<CloseJob>(JOB_REMISS_CLOSE, (job) => runCloseJob(d, job));

  const createForm = form('remiss-compose', async (turn) => cardOf(await composeForm(d, turn)));
  // The party's card is the answer form: a refused answer comes back in it, typed text kept.
  const answerForm = form('remiss-message', async (turn, values) => cardOf(await view(d, turn, values.remissId ?? '')));
  return {
    remissCompose: verb(openForm, (turn) => composeForm(d, turn)),
    remissCreate: verb(remissCreateSchema, (turn, data) => create(d, turn, data), { form: createForm, once: true }),
    remissAnswer: verb(
      remissAnswerSchema,
      (turn, data) => answer(d, turn, data.remissId, { state: 'answered', answer: data.answer, attachmentUrl: data.attachmentUrl }),
      { form: answerForm },
    ),
    remissDecline: verb(remissDeclineSchema, (turn, data) => answer(d, turn, data.remissId, { state: 'declined', reason: data.reason, attachmentUrl: null }), {
      form: answerForm,
    }),
    remissView: verb(remissRef, (turn, data) => view(d, turn, data.remissId)),
    remissStatus: verb(remissRef, async (turn, data) => remissStatusReply(d, await managed(d, turn, data.remissId))),
    remissRemind: verb(remissRef, (turn, data) => remind(d, turn, data.remissId)),
  };
}

/** Open remisser a member's party is asked to answer, shown at most this many at once (due first). */
const OPEN_SHOWN = 5;
/** How far back a remiss still open is looked for: longer than any answer period. */
const OPEN_LOOKBACK_MS = 400 * 86_400_000;

/** `remiss` typed by a member: the party's open remisser, each as the card the party answers in. */
async function openForParty(d: Dissemination, turn: TurnInfo): Promise<Reply[]> {
  const member = requireMember(turn);
  const locale = turn.actor.locale;
  const index = await d.repo.createdSince(new Date(turn.now.getTime() - OPEN_LOOKBACK_MS));
  const remisser = await Promise.all(index.filter((e) => e.item === 'remiss').map((e) => d.repo.remiss(e.id)));
  const open = remisser
    .filter((r): r is Stored<RemissDoc> => r !== undefined)
    .filter((r) => r.status === 'open' && turn.now.getTime() < remissDeadline(r.dueDate).getTime() && r.plan.parties.some((p) => p.partyId === member.partyId))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const party = (await d.deps.directory.party(member.partyId))?.name ?? member.partyId;
  if (open.length === 0) return [{ text: t(locale, 'dissemination', 'remissOpenNone', { party }) }];
  const cards = await Promise.all(open.slice(0, OPEN_SHOWN).map((r) => partyCard(d, r, member, turn)));
  return open.length > OPEN_SHOWN ? [{ text: t(locale, 'dissemination', 'remissOpenMore', { count: open.length, party }) }, ...cards] : cards;
}

async function composeForm(d: Dissemination, turn: TurnInfo): Promise<Reply> {
  requireRole(turn, 'secretariat');
  return remissComposeReply(isoDate(turn.now), await d.deps.directory.parties());
}

async function load(d: Dissemination, id: string): Promise<Stored<RemissDoc>> {
  const r = REMISS_ID.test(id) ? await d.repo.remiss(id) : undefined;
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

async function managed(d: Dissemination, turn: TurnInfo, id: string): Promise<Stored<RemissDoc>> {
  const member = requireMember(turn);
  const r = await load(d, id);
  if (!member.roles.includes('secretariat') && r.createdBy.aadObjectId !== member.aadObjectId) throw new AppError('FORBIDDEN');
  return r;
}

/**
 * `remiss.create`: checks the sender, the date and the text, fixes the recipients (each party's
 * managers; its channel if it has none), sends it, and schedules the reminders and the closing.
 */
async function create(d: Dissemination, turn: TurnInfo, data: z.infer<typeof remissCreateSchema>): Promise<Reply> {
  const member = requireMember(turn);
  const locale = turn.actor.locale;
  const parties = await d.deps.directory.parties();
  const addressees = remissAddressees(data.parties, parties);
  const decision = decideRemissCreate({ ...data, parties: addressees }, member, new Set(parties.map((p) => p.id)), turn.now);
  if (decision.kind !== 'ok') throw refusalError(decision, locale);
  refuseIdentityNumbers({ title: data.title, text: data.text, attachmentUrl: data.attachmentUrl });
  const plan = await planFor(d.deps, { parties: addressees, bodyId: null }, 'personal', null, { channelWhenNoMembers: true });
  if (recipientsOf(plan).length === 0) throw refusalError({ kind: 'bad', reason: 'noRecipients' }, locale);

  const id = `r-${randomBytes(8).toString('hex')}`;
  const now = turn.now.toISOString();
  const remiss: RemissDoc = {
    id,
    pk: id,
    type: 'remiss',
    title: data.title,
    text: data.text,
    dueDate: data.dueDate,
    partyIds: plan.parties.map((p) => p.partyId),
    attachmentUrl: data.attachmentUrl,
    createdBy: { aadObjectId: member.aadObjectId, name: member.name },
    createdAt: now,
    statusConversation: turn.conversation.key,
    plan,
    status: 'open',
    reminders: 0,
    lastReminderAt: null,
    summarySentAt: null,
    summaries: 0,
  };
  const size = largestRemissBytes(remiss, turn.now);
  if (size > TEAMS_MESSAGE_LIMIT_BYTES) throw new AppError('TOO_LARGE', { field: 'text', values: sizeForPeople(size) });

  for (const reminder of reminderTimes(remiss.dueDate, turn.now)) {
    await d.deps.scheduler.schedule<RemindJob>({
      id: `remiss-remind-${id}-${reminder.stage}`,
      kind: JOB_REMISS_REMIND,
      runAt: reminder.at,
      payload: { remissId: id, stage: reminder.stage },
    });
  }
  await d.deps.scheduler.schedule<CloseJob>({ id: `remiss-close-${id}`, kind: JOB_REMISS_CLOSE, runAt: remissDeadline(remiss.dueDate), payload: { remissId: id } });
  await d.repo.createRemiss(remiss);
  await enqueueRemiss(d, remiss, BATCH.send, undefined, false);
  turn.log.info({ remissId: id, parties: plan.parties.length }, 'remiss sent');
  return remissStatusReply(d, remiss);
}

/** The largest the managers' card gets (reminder, long party name, full refresh list), in either language. */
function largestRemissBytes(r: RemissDoc, now: Date): number {
  const viewers = Array.from({ length: 60 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const party = { id: 'party', name: 'x'.repeat(60) };
  const by = { aadObjectId: 'x', name: 'x'.repeat(200) };
  const answer = {
    id: 'a', pk: r.id, type: 'remiss-answer' as const, partyId: 'party', state: 'answered' as const, answer: 'x'.repeat(1_000),
    reason: null, attachmentUrl: null, by, at: now.toISOString(), firstAt: now.toISOString(), history: [],
  };
  const variants = [
    remissCardData(r, { party, answer: null, reminder: true, viewers, now }),
    remissCardData(r, { party, answer, reminder: true, viewers, now }),
  ];
  return Math.max(...variants.flatMap((data) => LOCALES.map((l) => cardBytes(renderCard('remiss-message', data, l)))));
}

type AnswerRequest =
  | { state: 'answered'; answer: string; attachmentUrl: string | null }
  | { state: 'declined'; reason: string; attachmentUrl: null };

/** `remiss.answer` and `remiss.decline`: the party's answer, changeable until the date. */
async function answer(d: Dissemination, turn: TurnInfo, remissId: string, request: AnswerRequest): Promise<Reply> {
  const member = requireMember(turn);
  const r = await load(d, remissId);
  const existing = await d.repo.answer(r.id, member.partyId);
  const decision = decideAnswer(r, member, existing, request, turn.now);
  if (decision.kind === 'closed') return partyCard(d, r, member, turn);
  if (decision.kind !== 'record') throw refusalError(decision, turn.actor.locale);
  refuseIdentityNumbers(request.state === 'answered' ? { answer: request.answer, attachmentUrl: request.attachmentUrl } : { reason: request.reason });

  const now = turn.now.toISOString();
  const by = { aadObjectId: member.aadObjectId, name: member.name };
  const answer = request.state === 'answered' ? request.answer : null;
  const reason = request.state === 'declined' ? request.reason : null;
  await d.repo.updateAnswer<void>(r.id, decision.partyId, (current) => {
    // The same answer again (a second press after "try again") is already recorded, not a new version.
    const same =
      current !== undefined &&
      current.state === request.state &&
      current.answer === answer &&
      current.reason === reason &&
      current.attachmentUrl === request.attachmentUrl &&
      current.by.aadObjectId === by.aadObjectId;
    if (same) return { result: undefined };
    return {
      write: {
        id: answerId(decision.partyId),
        pk: r.id,
        type: 'remiss-answer',
        partyId: decision.partyId,
        state: request.state,
        answer,
        reason,
        attachmentUrl: request.attachmentUrl,
        by,
        at: now,
        firstAt: current?.firstAt ?? now,
        history: current
          ? [...current.history, { state: current.state, answer: current.answer, reason: current.reason, attachmentUrl: current.attachmentUrl, by: current.by, at: current.at }]
          : [],
      },
      result: undefined,
    };
  });
  turn.log.info({ remissId: r.id, partyId: decision.partyId, state: request.state, first: decision.first }, 'remiss answer recorded');
  await sendSummaryIfDue(d, r.id, 'answer');
  return partyCard(d, r, member, turn);
}

/** The managers' card for the actor's party, with the party's answer as it is now. */
async function partyCard(d: Dissemination, r: RemissDoc, member: Member | undefined, turn: TurnInfo): Promise<Reply> {
  const party = member ? r.plan.parties.find((p) => p.partyId === member.partyId) : undefined;
  const current = party ? await d.repo.answer(r.id, party.partyId) : undefined;
  return {
    card: 'remiss-message',
    data: remissCardData(r, {
      party: party ? { id: party.partyId, name: party.name } : null,
      answer: current ?? null,
      reminder: false,
      viewers: [turn.actor.aadObjectId],
      now: turn.now,
    }),
  };
}

/** `remiss.view` (the card's refresh). */
async function view(d: Dissemination, turn: TurnInfo, remissId: string): Promise<Reply> {
  return partyCard(d, await load(d, remissId), turn.actor.member, turn);
}

/** "Remind those who have not answered", at most every ten minutes. */
async function remind(d: Dissemination, turn: TurnInfo, remissId: string): Promise<Reply> {
  const r = await managed(d, turn, remissId);
  const silent = silentParties(r, await d.repo.answers(r.id));
  if (r.status !== 'open' || turn.now.getTime() >= remissDeadline(r.dueDate).getTime()) return remissStatusReply(d, r);
  if (silent.length === 0) return remissStatusReply(d, r, bi((l) => t(l, 'dissemination', 'remissRemindNobody')));
  const last = r.lastReminderAt ? new Date(r.lastReminderAt) : null;
  if (last && turn.now.getTime() - last.getTime() < REMINDER_INTERVAL_MS) {
    return remissStatusReply(d, r, bi((l) => t(l, 'dissemination', 'remindTooSoon', { when: when(last, l), next: when(new Date(last.getTime() + REMINDER_INTERVAL_MS), l) })));
  }
  const number = r.reminders + 1;
  const claimed = await d.repo.updateRemiss<boolean>(r.id, (current) =>
    current?.reminders === number - 1
      ? { write: { ...current, reminders: number, lastReminderAt: turn.now.toISOString() }, result: true }
      : { result: false },
  );
  if (!claimed) return remissStatusReply(d, await load(d, r.id));
  await enqueueRemiss(d, r, BATCH.reminder(number), new Set(silent), true);
  turn.log.info({ remissId: r.id, parties: silent.length }, 'remiss reminder queued by hand');
  const reminded = r.plan.parties.filter((p) => silent.includes(p.partyId)).map(partyCounted);
  return remissStatusReply(d, await load(d, r.id), bi((l) => t(l, 'dissemination', 'remissRemindSent', { who: partiesText(l, reminded) })));
}
