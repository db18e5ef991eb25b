import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { formatDay } from '../../common/format';
import { TIME_ZONE } from '../../dates/dates';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { partiesDoneText } from '../../common/partyCounts';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember, requireRole } from '../../kit/permissions';
import { verb } from '../../kit/verbs';
import { FieldError, cardOf, form, type FieldProblem } from '../../kit/forms';
import { parseTypedDate } from '../../dates/typedDates';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { queryAll, updateDoc } from '../../store/concurrency';
import type { RevisionDoc } from './revisionRules';
import { REVISION_REMINDER_DAYS, revisionId, unsigned } from './revisionRules';

const ANNUAL_PK = 'annual';
export const REVISION_REMINDER_JOB = 'revision.remind';
const FORM_ID = /^f-[a-f0-9]{16}$/;
const REVISION_ID = /^revision:f-[a-f0-9]{16}$/;
const text = (max: number) => z.string().max(max).optional().transform((v) => (v ?? '').trim());
const day = /^\d{4}-\d{2}-\d{2}$/;

const createSchema = z.object({ formId: z.string().regex(FORM_ID), title: text(400), approvedOn: text(10) });
const partySchema = z.object({ revisionId: z.string().regex(REVISION_ID), partyId: z.string().regex(/^[a-z0-9-]{1,100}$/), approvedBy: text(400), signedOn: text(10) });
const statusSchema = z.object({ revisionId: z.string().regex(REVISION_ID).optional() });

/**
 * Revisions of the agreement tracked per party: the secretariat records a revision Länsledning
 * approved, then for each party who approved it and when it signed; while parties have not
 * signed, the secretariat is reminded every 30 days. Any member sees where the parties stand.
 */
export function registerRevisions(app: FeatureApp, deps: AppDeps) {
  const container = deps.store.containers.directory;
  const today = (now: Date) => DateTime.fromJSDate(now, { zone: TIME_ZONE }).toISODate()!;
  const validDay = (s: string, now: Date) => day.test(s) && DateTime.fromISO(s, { zone: TIME_ZONE }).isValid && s <= today(now);

  const formReply = (values: { formId: string; title: string; approvedOn: string }, errors: { title?: string; approvedOn?: string } = {}, note = ''): Reply => ({
    card: 'revision-form',
    data: { ...values, note, titleError: errors.title ?? '', approvedOnError: errors.approvedOn ?? '', refused: Object.keys(errors).length > 0 },
  });

  const status = async (turn: TurnInfo, revision: RevisionDoc | undefined, notice = '', errors: { approvedBy?: string; signedOn?: string } = {}, typed?: Record<string, string>): Promise<Reply> => {
    const member = requireMember(turn);
    const l = turn.actor.locale;
    const parties = await deps.directory.parties();
    if (!revision) {
      const latest = (await queryAll<RevisionDoc>(container, ANNUAL_PK, "c.type = 'agreement-revision'")).sort((a, b) => b.approvedOn.localeCompare(a.approvedOn))[0];
      // On first use the secretariat gets the form to record the first revision; a member is told there is none.
      if (!latest) {
        if (member.roles.includes('secretariat')) return formReply({ formId: `f-${randomBytes(8).toString('hex')}`, title: '', approvedOn: today(turn.now) }, {}, t(l, 'yearPlan', 'revisionFirst'));
        return { text: t(l, 'yearPlan', 'revisionNone') };
      }
      revision = latest;
    }
    const r = revision;
    const ordered = [...parties.filter((p) => p.isParty), ...parties.filter((p) => !p.isParty)];
    return {
      card: 'revision-status',
      data: {
        revisionId: r.id,
        heading: t(l, 'yearPlan', 'revisionTitle', { title: r.title, date: formatDay(r.approvedOn, l) }),
        summary: t(l, 'yearPlan', 'revisionSigned', {
          parties: partiesDoneText(l, ordered.map((p) => ({ name: p.name, isParty: p.isParty, done: Boolean(r.parties[p.id]?.signedOn) })), {
            done: t(l, 'yearPlan', 'revisionDone'),
            not: t(l, 'yearPlan', 'revisionNotDone'),
          }),
        }),
        notice,
        rows: ordered.map((p) => {
          const s = r.parties[p.id];
          return {
            name: p.name,
            line: !s
              ? t(l, 'yearPlan', 'revisionPartyNone')
              : s.signedOn
                ? t(l, 'yearPlan', 'revisionPartySigned', { by: s.approvedBy, date: formatDay(s.signedOn, l) })
                : t(l, 'yearPlan', 'revisionPartyApproved', { by: s.approvedBy }),
            color: s?.signedOn ? 'Good' : 'Default',
          };
        }),
        canRecord: member.roles.includes('secretariat'),
        parties: ordered.map((p) => ({ title: p.name, value: p.id })),
        partyId: typed?.partyId ?? ordered[0]?.id ?? '',
        approvedBy: typed?.approvedBy ?? '',
        signedOn: typed?.signedOn ?? '',
        refused: Object.keys(errors).length > 0,
        approvedByError: errors.approvedBy ?? '',
        signedOnError: errors.signedOn ?? '',
      },
    };
  };

  const remindJob = (id: string, at: Date) => ({ id: `${id}:remind:${at.toISOString().slice(0, 10)}`, kind: REVISION_REMINDER_JOB, runAt: at, payload: { revisionId: id } });

  deps.scheduler.handle<{ revisionId: string }>(REVISION_REMINDER_JOB, async (payload, context) => {
    const r = await container.read<RevisionDoc>(ANNUAL_PK, payload.revisionId);
    if (!r) return;
    const parties = await deps.directory.parties();
    const missing = unsigned(r, parties);
    if (missing.length === 0) return;
    const secretariat = await deps.directory.membersWithRole('secretariat');
    const line = (l: 'sv' | 'en') => t(l, 'yearPlan', 'revisionReminder', { title: r.title, names: missing.map((p) => p.name).join(', ') });
    const byId = new Map(secretariat.map((m) => [m.aadObjectId, m]));
    await deps.outbox.enqueue({
      batchId: `${r.id}:reminder:${context.runAt.toISOString().slice(0, 10)}`,
      source: { container: 'directory', pk: ANNUAL_PK },
      recipients: secretariat.map((m) => ({ kind: 'member', aadObjectId: m.aadObjectId })),
      message: (recipient) => {
        const locale = (recipient.kind === 'member' ? byId.get(recipient.aadObjectId)?.locale : null) ?? deps.config.defaultLocale;
        return { template: 'text-reply', data: { text: line(locale) }, locale, summary: line(locale) };
      },
    });
    await deps.scheduler.schedule(remindJob(r.id, new Date(context.runAt.getTime() + REVISION_REMINDER_DAYS * 86_400_000)));
  });

  // Teams' command menus are full: the revisions open from the help card.
  app.quickAction({ verb: 'revision.status', title: { sv: t('sv', 'yearPlan', 'revisionMenu'), en: t('en', 'yearPlan', 'revisionMenu') }, roles: 'everyone' });

  /** The forms again for what was sent: the new revision's keeps its form id (it is recorded once per form). */
  const forms = {
    create: form('revision-form', (turn, values) => {
      requireRole(turn, 'secretariat');
      return cardOf(formReply({ formId: FORM_ID.test(values.formId ?? '') ? values.formId! : `f-${randomBytes(8).toString('hex')}`, title: '', approvedOn: '' }));
    }),
    party: form('revision-status', async (turn, values) => {
      requireRole(turn, 'secretariat');
      const revision = REVISION_ID.test(values.revisionId ?? '') ? await container.read<RevisionDoc>(ANNUAL_PK, values.revisionId!) : undefined;
      if (!revision) throw new AppError('NOT_FOUND');
      return cardOf(await status(turn, revision));
    }),
  };

  return {
    revisionForm: verb(z.object({}).passthrough(), (turn) => {
      requireRole(turn, 'secretariat');
      return Promise.resolve(formReply({ formId: `f-${randomBytes(8).toString('hex')}`, title: '', approvedOn: today(turn.now) }));
    }),
    revisionCreate: verb(createSchema, async (turn, data) => {
      const secretary = requireRole(turn, 'secretariat');
      refuseIdentityNumbers({ title: data.title, approvedOn: data.approvedOn });
      const l = turn.actor.locale;
      const errors: Record<string, FieldProblem> = {};
      if (data.title.length === 0 || data.title.length > 200) errors.title = { text: t(l, 'yearPlan', 'revisionBadTitle') };
      const approvedOn = parseTypedDate(data.approvedOn) ?? '';
      if (!validDay(approvedOn, turn.now)) errors.approvedOn = data.approvedOn === '' ? 'required' : { text: t(l, 'yearPlan', 'followUpBadDate') };
      if (Object.keys(errors).length > 0) throw new FieldError(errors);
      const id = revisionId(data.formId);
      const fresh: RevisionDoc = { id, pk: ANNUAL_PK, type: 'agreement-revision', title: data.title, approvedOn, parties: {}, createdAt: turn.now.toISOString(), createdBy: secretary.name };
      // Once per form: a second press shows the revision as it stands.
      const stored = await updateDoc<RevisionDoc, RevisionDoc>(container, ANNUAL_PK, id, (current) => (current ? { result: current } : { write: fresh, result: fresh }));
      if (stored === fresh) {
        await deps.scheduler.schedule(remindJob(id, new Date(turn.now.getTime() + REVISION_REMINDER_DAYS * 86_400_000)));
        turn.log.info({ revisionId: id }, 'revision of the agreement recorded');
      }
      return status(turn, stored);
    }, { form: forms.create }),
    revisionParty: verb(partySchema, async (turn, data) => {
      const secretary = requireRole(turn, 'secretariat');
      refuseIdentityNumbers({ approvedBy: data.approvedBy, signedOn: data.signedOn });
      const l = turn.actor.locale;
      const [revision, party] = await Promise.all([container.read<RevisionDoc>(ANNUAL_PK, data.revisionId), deps.directory.party(data.partyId)]);
      if (!revision) throw new AppError('NOT_FOUND');
      if (!party) throw new AppError('BAD_REQUEST', { detail: t(l, 'yearPlan', 'revisionUnknownParty') });
      const errors: Record<string, FieldProblem> = {};
      if (data.approvedBy.length === 0 || data.approvedBy.length > 200) errors.approvedBy = { text: t(l, 'yearPlan', 'revisionBadApprovedBy') };
      const signedOn = data.signedOn === '' ? '' : (parseTypedDate(data.signedOn) ?? data.signedOn);
      if (signedOn !== '' && !validDay(signedOn, turn.now)) errors.signedOn = { text: t(l, 'yearPlan', 'followUpBadDate') };
      if (Object.keys(errors).length > 0) throw new FieldError(errors);
      const next = await updateDoc<RevisionDoc, RevisionDoc>(container, ANNUAL_PK, revision.id, (current) => {
        if (!current) return { result: revision };
        const standing = { approvedBy: data.approvedBy, signedOn: signedOn || null, recordedBy: secretary.name, recordedAt: turn.now.toISOString() };
        const updated = { ...current, parties: { ...current.parties, [party.id]: standing } };
        return { write: updated, result: updated };
      });
      turn.log.info({ revisionId: revision.id, partyId: party.id, signed: signedOn !== '' }, 'revision standing of a party recorded');
      return status(turn, next, t(l, 'yearPlan', 'revisionRecorded', { party: party.name }));
    }, { form: forms.party }),
    revisionStatus: verb(statusSchema, async (turn, data) => {
      const revision = data.revisionId ? await container.read<RevisionDoc>(ANNUAL_PK, data.revisionId) : undefined;
      if (data.revisionId && !revision) throw new AppError('NOT_FOUND');
      return status(turn, revision);
    }),
  };
}
