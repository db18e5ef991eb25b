import { randomBytes } from 'node:crypto';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { cardOf, form, type FormValues } from '../../kit/forms';
import { requireMember, requireRole } from '../../kit/permissions';
import { verb } from '../../kit/verbs';
import { TEAMS_MESSAGE_LIMIT_BYTES, cardBytes, renderCard, sizeForPeople } from '../../cards/renderCard';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { isoDate } from '../../dates/dates';
import { partiesText } from '../../common/partyCounts';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import type { Stored } from '../../store/types';
import { ROLES } from '../../directory/model';
import { partyCounted, recipientsOf } from './audienceRules';
import { bi } from './bilingual';
import { composeReply, messageCardData, previewReply } from './broadcastCards';
import type { Dissemination } from './broadcastDelivery';
import { currentPreview, largestMessageBytes, partyName, planFor, statusReply } from './broadcastDelivery';
import type { ComposeInput } from './broadcastRules';
import { decideChange, decideCompose, decideConfirm, mayManage } from './broadcastRules';
import { JOB_SEND, runSendJob, sendJobId, startSend } from './broadcastSending';
import type { SendJob } from './broadcastSending';
import type { BroadcastDoc } from './model';
import { refusalError } from './refusals';
import { BROADCAST_ID, broadcastRef, composeSchema, confirmSchema, openForm } from './schemas';

/** Compose, preview, confirm (now or at a time), edit and cancel: the secretariat's and members' side. */
export function registerBroadcastCompose(app: FeatureApp, d: Dissemination) {
  app.command(
    {
      names: ['utskick', 'broadcast'],
      display: { sv: 'utskick', en: 'broadcast' },
      description: { sv: t('sv', 'dissemination', 'commandBroadcast'), en: t('en', 'dissemination', 'commandBroadcast') },
      roles: ['secretariat'],
    },
    async (turn) => [await secretariatForm(d, turn)],
  );
  app.command(
    {
      names: ['förändring', 'forandring', 'verksamhetsförändring', 'orgchange'],
      display: { sv: 'förändring', en: 'orgchange' },
      description: { sv: t('sv', 'dissemination', 'commandOrgChange'), en: t('en', 'dissemination', 'commandOrgChange') },
      roles: ROLES,
    },
    async (turn) => [await orgChangeForm(d, turn)],
  );
  app.quickAction({ verb: 'broadcast.compose', title: bi((l) => t(l, 'dissemination', 'quickBroadcast')), roles: ['secretariat'] });
  app.quickAction({ verb: 'orgchange.compose', title: bi((l) => t(l, 'dissemination', 'quickOrgChange')), roles: ROLES });

  d.deps.scheduler.handle<SendJob>(JOB_SEND, (job) => runSendJob(d, job));

  const composeForm = form('broadcast-compose', (turn, values) => composeFormFor(d, turn, values));
  return {
    broadcastCompose: verb(openForm, (turn) => secretariatForm(d, turn)),
    orgChangeCompose: verb(openForm, (turn) => orgChangeForm(d, turn)),
    broadcastCreate: verb(composeSchema, (turn, input) => compose(d, turn, input), { form: composeForm, once: true }),
    broadcastConfirm: verb(confirmSchema, (turn, data) => confirm(d, turn, data), { once: true }),
    broadcastEdit: verb(broadcastRef, (turn, data) => edit(d, turn, data.broadcastId)),
    broadcastCancel: verb(broadcastRef, (turn, data) => cancel(d, turn, data.broadcastId)),
  };
}

async function secretariatForm(d: Dissemination, turn: TurnInfo): Promise<Reply> {
  requireRole(turn, 'secretariat');
  const [parties, bodies] = await Promise.all([d.deps.directory.parties(), d.deps.directory.bodies()]);
  return composeReply(turn.actor.locale, { orgChange: false, partyName: null, parties, bodies, today: isoDate(turn.now) });
}

async function orgChangeForm(d: Dissemination, turn: TurnInfo): Promise<Reply> {
  const member = requireMember(turn);
  return composeReply(turn.actor.locale, { orgChange: true, partyName: await partyName(d.deps, member.partyId), parties: [], bodies: [], today: isoDate(turn.now) });
}

/** The compose form a submit came from: the secretariat's, a party's organisational change, or a draft's edit. */
async function composeFormFor(d: Dissemination, turn: TurnInfo, values: FormValues) {
  const draft = values.broadcastId ? await loadBroadcast(d, values.broadcastId) : undefined;
  if (!draft) return cardOf(values.kind === 'orgChange' ? await orgChangeForm(d, turn) : await secretariatForm(d, turn));
  requireMember(turn);
  const orgChange = draft.kind === 'orgChange';
  const [parties, bodies] = orgChange ? [[], []] : await Promise.all([d.deps.directory.parties(), d.deps.directory.bodies()]);
  return cardOf(composeReply(turn.actor.locale, { orgChange, partyName: await partyName(d.deps, draft.fromPartyId), parties, bodies, draft, today: isoDate(turn.now) }));
}

/**
 * `broadcast.create`: checks who may send what, the text (no identity numbers) and the size, then
 * saves the draft (or the edit of one) and answers with the preview. A refusal writes nothing.
 */
async function compose(d: Dissemination, turn: TurnInfo, input: ComposeInput): Promise<Reply> {
  const member = requireMember(turn);
  const locale = turn.actor.locale;
  const [parties, bodies] = await Promise.all([d.deps.directory.parties(), d.deps.directory.bodies()]);
  const known = { partyIds: new Set(parties.map((p) => p.id)), bodyIds: new Set(bodies.map((b) => b.id)) };
  const decision = decideCompose(input, member, known, turn.now);
  if (decision.kind !== 'ok') throw refusalError(decision, locale);
  refuseIdentityNumbers({ title: input.title, text: input.text, links: input.links.flatMap((l) => [l.title, l.url]) });

  const existing = input.broadcastId ? await d.repo.broadcast(input.broadcastId) : undefined;
  if (input.broadcastId) {
    if (!existing) throw new AppError('NOT_FOUND');
    const change = decideChange(existing, member);
    if (change.kind === 'conflict' && change.reason === 'alreadySent') return statusReply(d, existing, bi((l) => t(l, 'dissemination', 'alreadySent')));
    if (change.kind !== 'ok') throw refusalError(change, locale);
    if (existing.fromPartyId !== decision.fromPartyId) throw new AppError('FORBIDDEN', { message: 'orgChange party differs' });
  }

  const audience = { parties: input.audience, bodyId: input.audienceBody };
  const plan = await planFor(d.deps, audience, input.targets, decision.fromPartyId);
  if (recipientsOf(plan).length === 0) throw refusalError({ kind: 'bad', reason: 'noRecipients' }, locale);

  const now = turn.now.toISOString();
  const content = {
    kind: input.kind,
    title: input.title,
    text: input.text,
    links: input.links,
    audience,
    targets: input.targets,
    requiresAck: input.requiresAck,
    sendAt: decision.sendAt?.toISOString() ?? null,
    fromPartyId: decision.fromPartyId,
  };
  const draft: BroadcastDoc = existing
    ? { ...existing, ...content, status: 'draft', revision: existing.revision + 1, updatedAt: now }
    : newDraft(turn, member.name, content, now);
  const fromParty = await partyName(d.deps, decision.fromPartyId);
  const messageSize = largestMessageBytes(draft, fromParty);
  const preview = previewReply(draft, plan, { fromParty }, messageSize);
  const size = Math.max(messageSize, 'card' in preview ? cardBytes(renderCard(preview.card, preview.data, locale)) : 0);
  if (size > TEAMS_MESSAGE_LIMIT_BYTES) throw new AppError('TOO_LARGE', { field: 'text', values: sizeForPeople(size) });

  if (!existing) {
    await d.repo.createBroadcast(draft);
    turn.log.info({ broadcastId: draft.id, kind: draft.kind }, 'broadcast drafted');
    return preview;
  }
  const saved = await d.repo.updateBroadcast<{ doc: BroadcastDoc; unscheduled: BroadcastDoc | null } | null>(existing.id, (current) => {
    if (!current || (current.status !== 'draft' && current.status !== 'scheduled')) return { result: null };
    const next: BroadcastDoc = { ...current, ...content, status: 'draft', revision: current.revision + 1, updatedAt: now };
    return { write: next, result: { doc: next, unscheduled: current.status === 'scheduled' ? current : null } };
  });
  if (!saved) throw refusalError({ kind: 'conflict', reason: 'alreadySent' }, locale);
  if (saved.unscheduled?.sendAt) {
    await d.deps.scheduler.cancel(sendJobId(existing.id, saved.unscheduled.revision), new Date(saved.unscheduled.sendAt));
  }
  turn.log.info({ broadcastId: existing.id, revision: saved.doc.revision }, 'broadcast draft edited');
  return previewReply(saved.doc, plan, { fromParty }, messageSize);
}

function newDraft(
  turn: TurnInfo,
  name: string,
  content: Pick<BroadcastDoc, 'kind' | 'title' | 'text' | 'links' | 'audience' | 'targets' | 'requiresAck' | 'sendAt' | 'fromPartyId'>,
  now: string,
): BroadcastDoc {
  const id = `b-${randomBytes(8).toString('hex')}`;
  return {
    id,
    pk: id,
    type: 'broadcast',
    ...content,
    status: 'draft',
    revision: 1,
    createdBy: { aadObjectId: turn.actor.aadObjectId, name },
    createdAt: now,
    updatedAt: now,
    statusConversation: turn.conversation.key,
    plan: null,
    sentAt: null,
    cancelledAt: null,
    reminders: 0,
    lastReminderAt: null,
    statusUpdates: 0,
    lastStatusBatch: null,
  };
}

async function loadBroadcast(d: Dissemination, id: string): Promise<Stored<BroadcastDoc>> {
  const b = BROADCAST_ID.test(id) ? await d.repo.broadcast(id) : undefined;
  if (!b) throw new AppError('NOT_FOUND');
  return b;
}

/** `broadcast.confirm`: send now, or schedule for the chosen time. */
async function confirm(d: Dissemination, turn: TurnInfo, data: { broadcastId: string; revision: number; when: 'now' | 'scheduled' }): Promise<Reply> {
  const member = requireMember(turn);
  const b = await loadBroadcast(d, data.broadcastId);
  const decision = decideConfirm(b, member, data, turn.now);
  switch (decision.kind) {
    case 'already-sent':
      return statusReply(d, b);
    case 'stale':
      return currentPreview(d, b, 'stale');
    case 'conflict':
      return currentPreview(d, b);
    case 'forbidden':
    case 'bad':
      throw refusalError(decision, turn.actor.locale);
    case 'schedule': {
      await d.deps.scheduler.schedule<SendJob>({
        id: sendJobId(b.id, b.revision),
        kind: JOB_SEND,
        runAt: decision.at,
        payload: { broadcastId: b.id, revision: b.revision },
      });
      const scheduled = await d.repo.updateBroadcast<BroadcastDoc | null>(b.id, (current) =>
        current && current.revision === b.revision && (current.status === 'draft' || current.status === 'scheduled')
          ? { write: { ...current, status: 'scheduled', updatedAt: turn.now.toISOString() }, result: { ...current, status: 'scheduled' } }
          : { result: null },
      );
      turn.log.info({ broadcastId: b.id, runAt: decision.at.toISOString() }, 'broadcast scheduled');
      return currentPreview(d, scheduled ?? (await loadBroadcast(d, b.id)));
    }
    case 'send-now': {
      if (b.status === 'scheduled' && b.sendAt) await d.deps.scheduler.cancel(sendJobId(b.id, b.revision), new Date(b.sendAt));
      const outcome = await startSend(d, b.id, b.revision);
      const sent = await loadBroadcast(d, b.id);
      if (outcome === 'skipped' || !sent.plan) return currentPreview(d, sent);
      const fromParty = await partyName(d.deps, sent.fromPartyId);
      const parties = sent.plan.parties.map(partyCounted);
      return {
        card: 'broadcast-message',
        data: {
          ...messageCardData(sent, fromParty, { party: null, ack: null, reminder: false, viewers: [] }),
          banner: bi((l) => t(l, 'dissemination', 'sentBanner', { who: partiesText(l, parties) })),
        },
      };
    }
  }
}

/** `broadcast.edit`: the form filled with the draft; nothing changes until it is saved again. */
async function edit(d: Dissemination, turn: TurnInfo, broadcastId: string): Promise<Reply> {
  const member = requireMember(turn);
  const b = await loadBroadcast(d, broadcastId);
  const change = decideChange(b, member);
  if (change.kind === 'conflict') {
    return change.reason === 'alreadySent' ? statusReply(d, b, bi((l) => t(l, 'dissemination', 'alreadySent'))) : currentPreview(d, b);
  }
  if (change.kind !== 'ok') throw refusalError(change, turn.actor.locale);
  const orgChange = b.kind === 'orgChange';
  const [parties, bodies] = orgChange ? [[], []] : await Promise.all([d.deps.directory.parties(), d.deps.directory.bodies()]);
  return composeReply(turn.actor.locale, { orgChange, partyName: await partyName(d.deps, b.fromPartyId), parties, bodies, draft: b, today: isoDate(turn.now) });
}

/** `broadcast.cancel`: discards a draft or cancels a scheduled broadcast; a sent one cannot be. */
async function cancel(d: Dissemination, turn: TurnInfo, broadcastId: string): Promise<Reply> {
  const member = requireMember(turn);
  const b = await loadBroadcast(d, broadcastId);
  if (!mayManage(b, member)) throw refusalError({ kind: 'forbidden', reason: 'notYours' }, turn.actor.locale);
  const change = decideChange(b, member);
  if (change.kind === 'conflict') {
    return change.reason === 'alreadySent' ? statusReply(d, b, bi((l) => t(l, 'dissemination', 'alreadySent'))) : currentPreview(d, b);
  }
  if (change.kind !== 'ok') throw refusalError(change, turn.actor.locale);
  const now = turn.now.toISOString();
  const cancelled = await d.repo.updateBroadcast<{ doc: BroadcastDoc; was: BroadcastDoc } | null>(b.id, (current) =>
    current && (current.status === 'draft' || current.status === 'scheduled')
      ? { write: { ...current, status: 'cancelled', cancelledAt: now, updatedAt: now }, result: { doc: { ...current, status: 'cancelled' }, was: current } }
      : { result: null },
  );
  if (!cancelled) return currentPreview(d, await loadBroadcast(d, b.id));
  if (cancelled.was.status === 'scheduled' && cancelled.was.sendAt) {
    await d.deps.scheduler.cancel(sendJobId(b.id, cancelled.was.revision), new Date(cancelled.was.sendAt));
  }
  turn.log.info({ broadcastId: b.id }, 'broadcast cancelled');
  return currentPreview(d, cancelled.doc);
}
