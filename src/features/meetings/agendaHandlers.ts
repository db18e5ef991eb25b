import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember } from '../../kit/permissions';
import { AppError } from '../../errors';
import { FieldError, cardOf, type CardReply, type FieldProblem, type FormValues } from '../../kit/forms';
import { compositionWarning } from '../../i18n/composition';
import { compositionShortfalls } from '../../directory/composition';
import { t } from '../../i18n';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { queryAll, updateDoc } from '../../store/concurrency';
import { CASE_INDEX_PK } from '../../store/sharedRecords';
import type { Doc } from '../../store/types';
import type { AgendaItemDoc, OpenCase } from './agendaRules';
import { AGENDA_PK, agendaItemId, draftAgenda, PREPARATION_BODY, proposalProblems, TEXT_MAX, TITLE_MAX } from './agendaRules';
import { DIGEST_BODY } from './digestRules';
import type { MeetingServices } from './services';
import { bi, biT, dateTimeText } from './text';

const CASE_STATE_KEYS: Record<string, 'agendaCaseReceived' | 'agendaCasePreparing' | 'agendaCaseReturned'> = {
  received: 'agendaCaseReceived',
  preparing: 'agendaCasePreparing',
  returned: 'agendaCaseReturned',
};

const FORM_ID = /^f-[a-f0-9]{16}$/;
const bodyIdSchema = z.string().regex(/^[a-z0-9-]{1,100}$/);

export const proposeFormSchema = z.object({ bodyId: bodyIdSchema.optional() });
export const proposeSchema = z.object({
  formId: z.string().regex(FORM_ID),
  bodyId: bodyIdSchema,
  title: z.string().max(TITLE_MAX * 2).optional().transform((v) => (v ?? '').trim()),
  text: z.string().max(TEXT_MAX * 2).optional().transform((v) => (v ?? '').trim()),
  isCase: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});
/** Without a body (the help card's button): Länsledning's for the secretariat, the beredning's for a preparer. */
export const draftSchema = z.object({ bodyId: bodyIdSchema.optional() });

/** The bodies an item may be proposed to: those that meet (not the networks, which only forward). */
async function meetingBodies(svc: MeetingServices) {
  return (await svc.deps.directory.bodies()).filter((b) => !b.forwardingTarget).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

function formReply(bodies: readonly { id: string; name: string }[], values: { formId: string; bodyId: string; title: string; text: string; isCase: boolean }): Reply {
  return { card: 'agenda-propose', data: { ...values, isCase: values.isCase ? 'true' : 'false', bodies: bodies.map((b) => ({ title: b.name, value: b.id })) } };
}

/** The proposal form again for what was sent (its form id and body kept, so a corrected press still stores the item once). */
export async function showProposeForm(svc: MeetingServices, turn: TurnInfo, values: FormValues): Promise<CardReply> {
  requireMember(turn);
  const bodies = await meetingBodies(svc);
  const formId = FORM_ID.test(values.formId ?? '') ? values.formId! : `f-${randomBytes(8).toString('hex')}`;
  const bodyId = bodies.some((b) => b.id === values.bodyId) ? values.bodyId! : DIGEST_BODY;
  return cardOf(formReply(bodies, { formId, bodyId, title: '', text: '', isCase: values.isCase === 'true' }));
}

/** `agenda.proposeForm` ("Inför nästa möte"): any member proposes an item for a body's next meeting; Länsledning unless chosen. */
export async function openProposeForm(svc: MeetingServices, turn: TurnInfo, data: z.infer<typeof proposeFormSchema>): Promise<Reply> {
  requireMember(turn);
  const bodies = await meetingBodies(svc);
  if (data.bodyId && !bodies.some((b) => b.id === data.bodyId)) throw new AppError('BAD_REQUEST', { detail: t(turn.actor.locale, 'meetings', 'agendaUnknownBody') });
  const bodyId = data.bodyId ?? DIGEST_BODY;
  return formReply(bodies, { formId: `f-${randomBytes(8).toString('hex')}`, bodyId, title: '', text: '', isCase: false });
}

/**
 * `agenda.propose`: stores the item once per form. A refused form comes back with what was typed
 * and the problem beside the field; a second press or a retry answers the same and stores nothing new.
 */
export async function propose(svc: MeetingServices, turn: TurnInfo, data: z.infer<typeof proposeSchema>): Promise<Reply> {
  const member = requireMember(turn);
  const bodies = await meetingBodies(svc);
  const body = bodies.find((b) => b.id === data.bodyId);
  if (!body) throw new AppError('BAD_REQUEST', { detail: t(turn.actor.locale, 'meetings', 'agendaUnknownBody') });
  refuseIdentityNumbers({ title: data.title, text: data.text });
  const problems = proposalProblems(data);
  if (problems.length > 0) {
    const limits = { title: TITLE_MAX, text: TEXT_MAX };
    const locale = turn.actor.locale;
    throw new FieldError(
      Object.fromEntries(
        problems.map((p): [string, FieldProblem] => [p.field, p.problem === 'required' ? { text: t(locale, 'meetings', 'agendaFieldRequired') } : { kind: 'tooLong', values: { max: limits[p.field], length: data[p.field].length } }]),
      ),
    );
  }
  const [party, upcoming] = await Promise.all([svc.deps.directory.party(member.partyId), svc.repo.upcoming(turn.now, [body.id])]);
  const next = upcoming.find((m) => m.status !== 'cancelled' && new Date(m.startsAt) > turn.now) ?? null;
  const fresh: AgendaItemDoc = {
    id: agendaItemId(data.formId),
    pk: AGENDA_PK,
    type: 'agenda-item',
    bodyId: body.id,
    bodyName: body.name,
    meetingId: next?.id ?? null,
    partyId: member.partyId,
    partyName: party?.name ?? member.partyId,
    proposedBy: { aadObjectId: member.aadObjectId, name: member.name },
    title: data.title,
    text: data.text,
    isCase: data.isCase,
    createdAt: turn.now.toISOString(),
  };
  const stored = await updateDoc<AgendaItemDoc, AgendaItemDoc>(svc.deps.store.containers.meetings, AGENDA_PK, fresh.id, (current) =>
    current ? { result: current } : { write: fresh, result: fresh },
  );
  if (stored.proposedBy.aadObjectId !== member.aadObjectId) throw new AppError('CONFLICT', { detail: t(turn.actor.locale, 'meetings', 'agendaFormUsed') });
  if (stored === fresh) turn.log.info({ bodyId: body.id, isCase: fresh.isCase }, 'agenda item proposed');
  const locale = turn.actor.locale;
  const when = next ? dateTimeText(next.startsAt)[locale] : null;
  const lines = [
    when ? t(locale, 'meetings', 'agendaProposed', { title: stored.title, body: stored.bodyName, when }) : t(locale, 'meetings', 'agendaProposedNoMeeting', { title: stored.title, body: stored.bodyName }),
    ...(stored.isCase ? [t(locale, 'meetings', 'agendaProposedCase')] : []),
  ];
  return { text: lines.join(' ') };
}

const openCaseShape = z.object({ caseId: z.string(), title: z.string(), state: z.string(), partyId: z.string(), createdAt: z.string() }).passthrough();

/** The cases in the register, read as the draft agenda needs them (a document of another shape is left out). */
async function openCases(svc: MeetingServices): Promise<OpenCase[]> {
  const docs = await queryAll<Doc>(svc.deps.store.containers.cases, CASE_INDEX_PK, "c.type = 'case-summary' AND c.state IN ('received', 'preparing', 'returned')");
  return docs.map((d) => openCaseShape.safeParse(d)).flatMap((r) => (r.success ? [r.data] : []));
}

/**
 * `agenda.draft`: the secretariat's draft agenda for a body's next meeting, from the items the
 * parties proposed; the beredningsorgan's (also for its preparers) adds the open cases and every
 * item proposed as a case.
 */
export async function showDraft(svc: MeetingServices, turn: TurnInfo, data: z.infer<typeof draftSchema>): Promise<Reply> {
  const member = requireMember(turn);
  const bodyId = data.bodyId ?? (member.roles.includes('secretariat') ? DIGEST_BODY : PREPARATION_BODY);
  const preparer = bodyId === PREPARATION_BODY && (member.roles.includes('preparer') || member.bodies.includes(PREPARATION_BODY));
  if (!member.roles.includes('secretariat') && !preparer) throw new AppError('FORBIDDEN');
  const body = await svc.deps.directory.body(bodyId);
  if (!body) throw new AppError('NOT_FOUND');
  const preparation = body.id === PREPARATION_BODY;
  const [upcoming, items, cases, parties, preparers] = await Promise.all([
    svc.repo.upcoming(turn.now, [body.id]),
    queryAll<AgendaItemDoc>(svc.deps.store.containers.meetings, AGENDA_PK, "c.type = 'agenda-item'"),
    preparation ? openCases(svc) : Promise.resolve([]),
    svc.deps.directory.parties(),
    preparation ? svc.deps.directory.membersOfBody(PREPARATION_BODY) : Promise.resolve([]),
  ]);
  const shortfalls = preparation ? compositionShortfalls(preparers, parties) : [];
  const next = upcoming.find((m) => m.status !== 'cancelled' && new Date(m.startsAt) > turn.now) ?? null;
  const draft = draftAgenda(body.id, next?.id ?? null, items, cases);
  const partyName = (id: string) => parties.find((p) => p.id === id)?.name ?? id;
  return {
    card: 'agenda-draft',
    data: {
      bodyId: body.id,
      heading: biT('agendaDraftTitle', { body: body.name }),
      next: next ? biT('agendaDraftNext', { when: dateTimeText(next.startsAt) }) : biT('agendaDraftNoMeeting'),
      items: draft.items.map((i) => ({
        title: i.title,
        text: i.text,
        from: biT(i.isCase ? 'agendaItemFromCase' : 'agendaItemFrom', { party: i.partyName, name: i.proposedBy.name, when: dateTimeText(i.createdAt), body: i.bodyName }),
      })),
      cases: draft.cases.map((c) => ({ title: `${c.caseId}: ${c.title}`, from: bi((l) => `${partyName(c.partyId)} · ${t(l, 'meetings', CASE_STATE_KEYS[c.state] ?? 'agendaCaseOpen')}`) })),
      hasCases: draft.cases.length > 0,
      empty: draft.items.length === 0 && draft.cases.length === 0,
      composition: shortfalls.length > 0 ? compositionWarning(shortfalls) : null,
      canLansledning: member.roles.includes('secretariat'),
    },
  };
}
