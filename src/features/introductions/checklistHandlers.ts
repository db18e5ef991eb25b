import { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember, requireRole } from '../../kit/permissions';
import { defineVerbs, verb } from '../../kit/verbs';
import { FieldError, beside, form, type CardReply } from '../../kit/forms';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { fold } from '../../common/text';
import type { Member } from '../../directory/model';
import type { AssignDecision, Checklist, TickDecision } from './checklistRules';
import { authorityFor, decideAssign, decideTick, INTRO_STEPS, nextStallCheck, progress } from './checklistRules';
import { maySee } from './checklistCards';
import { formatDay } from '../../common/format';
import type { Introductions } from './introductions';

const stepSchema = z.object({ checklistId: z.string().min(1).max(128), step: z.enum(INTRO_STEPS) }).passthrough();
/** The limits the checklist's inputs carry (cards/introductions-checklist.json). */
const NOTE_MAX = 500;
const PERSON_MAX = 200;
const showSchema = z.object({ checklistId: z.string().min(1).max(128) }).passthrough();

/** `introduktion`/`introduction`, and the checklist card's actions: show, tick, name the person responsible. */
export function registerChecklistActions(app: FeatureApp, deps: AppDeps, intros: Introductions) {
  app.command(
    {
      names: ['introduktion', 'introduction', 'introduktioner', 'introductions', 'intro'],
      display: { sv: 'introduktion', en: 'introduction' },
      description: { sv: t('sv', 'introductions', 'commandIntro'), en: t('en', 'introductions', 'commandIntro') },
      roles: 'everyone',
    },
    async (turn) => {
      const me = requireMember(turn);
      const locale = turn.actor.locale;
      const own = await intros.read(me.aadObjectId);
      const mine = (await intros.open()).filter((c) => c.newcomer !== me.aadObjectId && maySee(c, me) && (me.roles.includes('secretariat') || canAct(c, me)));
      const replies: Reply[] = [];
      if (own) replies.push({ card: 'introductions-checklist', data: await intros.card(own, me, locale) });
      if (mine.length > 0 || !own) {
        const parties = new Map((await deps.directory.parties()).map((p) => [p.id, p.name]));
        replies.push({
          card: 'introductions-list',
          data: {
            // The secretariat starts an introduction by adding the member: the way there, always.
            canStart: me.roles.includes('secretariat'),
            rows: mine.map((c) => {
              const { done, total } = progress(c);
              const stalled = nextStallCheck(c).getTime() <= turn.now.getTime();
              return {
                name: c.newcomerName,
                party: parties.get(c.partyId) ?? c.partyId,
                line: t(locale, 'introductions', 'listRow', { progress: t(locale, 'introductions', 'progress', { done, total }), date: formatDay(c.startedAt, locale) }),
                stalled: stalled ? t(locale, 'introductions', 'listStalled', { date: formatDay(c.lastProgressAt, locale) }) : '',
                checklistId: c.id,
              };
            }),
          },
        });
      }
      return replies;
    },
  );

  // The checklist is the form of both: a refused note or search comes back beside its step.
  const checklistForm = form('introductions-checklist', (turn, values) => show(turn, intros, values.checklistId ?? ''));

  return defineVerbs({
    'onboarding.show': verb(showSchema, async (turn, data) => {
      const me = requireMember(turn);
      const checklist = await intros.read(data.checklistId);
      if (!checklist) throw new AppError('NOT_FOUND');
      if (!maySee(checklist, me)) throw new AppError('FORBIDDEN');
      return { card: 'introductions-checklist', data: await intros.card(checklist, me, turn.actor.locale) };
    }),
    'onboarding.tick': verb(stepSchema, async (turn, data) => {
      const me = requireMember(turn);
      const locale = turn.actor.locale;
      const noteId = `note_${data.step}`;
      const note = inputOf(data, noteId);
      refuseIdentityNumbers({ [noteId]: note });
      if (note.length > NOTE_MAX) throw new FieldError({ [noteId]: { kind: 'tooLong', values: { max: NOTE_MAX, length: note.length } } });
      const decision = await intros.repo.change<TickDecision | { kind: 'missing' }>(data.checklistId, (current) => {
        if (!current) return { result: { kind: 'missing' } };
        const d = decideTick(current, data.step, me, note, turn.now);
        return d.kind === 'ticked' ? { write: d.next, result: d } : { result: d };
      });
      switch (decision.kind) {
        case 'missing':
          throw new AppError('NOT_FOUND');
        case 'rejected':
          if (decision.reason === 'forbidden') throw new AppError('FORBIDDEN');
          if (decision.reason === 'noteRequired') throw new FieldError({ [noteId]: beside(t(locale, 'introductions', 'noteRequired')) });
          throw new AppError('BAD_REQUEST', { detail: t(locale, 'introductions', 'closed') });
        case 'already':
          break;
        case 'ticked':
          turn.log.info({ step: data.step, completed: decision.completed }, 'introduction step ticked');
          await intros.ticked(decision.next, data.step, decision.completed);
          return { card: 'introductions-checklist', data: await intros.card(decision.next, me, locale) };
      }
      return show(turn, intros, data.checklistId);
    }, { form: checklistForm }),
    'onboarding.assign': verb(stepSchema, async (turn, data) => {
      const me = requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      const personId = `person_${data.step}`;
      const query = inputOf(data, personId).trim();
      // A search that finds no one, or more than one, is said beside what was typed.
      refuseIdentityNumbers({ [personId]: query });
      if (query === '') throw new FieldError({ [personId]: 'required' });
      if (query.length > PERSON_MAX) throw new FieldError({ [personId]: { kind: 'tooLong', values: { max: PERSON_MAX, length: query.length } } });
      const found = findPerson(await deps.directory.members(), query);
      if (found.kind === 'none') throw new FieldError({ [personId]: beside(t(locale, 'introductions', 'personNotFound', { query })) });
      if (found.kind === 'many') throw new FieldError({ [personId]: beside(t(locale, 'introductions', 'personAmbiguous', { query, names: found.names.join(', ') })) });
      const decision = await intros.repo.change<AssignDecision | { kind: 'missing' }>(data.checklistId, (current) => {
        if (!current) return { result: { kind: 'missing' } };
        const d = decideAssign(current, data.step, found.member);
        return d.kind === 'assigned' ? { write: d.next, result: d } : { result: d };
      });
      if (decision.kind === 'missing') throw new AppError('NOT_FOUND');
      if (decision.kind === 'rejected') throw new AppError('BAD_REQUEST', { detail: t(locale, 'introductions', decision.reason === 'closed' ? 'closed' : 'stepDone') });
      turn.log.info({ step: data.step }, 'introduction step assigned');
      await intros.assigned(decision.next, data.step, found.member);
      return { card: 'introductions-checklist', data: await intros.card(decision.next, me, locale) };
    }, { form: checklistForm }),
  });
}

async function show(turn: TurnInfo, intros: Introductions, id: string): Promise<CardReply> {
  const checklist = await intros.read(id);
  if (!checklist) throw new AppError('NOT_FOUND');
  if (!maySee(checklist, requireMember(turn))) throw new AppError('FORBIDDEN');
  return { card: 'introductions-checklist', data: await intros.card(checklist, requireMember(turn), turn.actor.locale) };
}

function canAct(checklist: Checklist, me: Pick<Member, 'aadObjectId' | 'roles'>): boolean {
  return checklist.steps.some((s) => !s.doneAt && authorityFor(s, me) === 'responsible');
}

function inputOf(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  return typeof v === 'string' ? v : '';
}

/** A person in the directory by e-mail or name: an exact match wins, else a single partial match. */
export function findPerson(members: readonly Member[], query: string): { kind: 'one'; member: Member } | { kind: 'none' } | { kind: 'many'; names: string[] } {
  const q = fold(query.trim());
  if (q === '') return { kind: 'none' };
  const exact = members.filter((m) => m.email === q || fold(m.name) === q);
  const hits = exact.length > 0 ? exact : members.filter((m) => fold(m.name).includes(q) || m.email.includes(q));
  if (hits.length === 1) return { kind: 'one', member: hits[0]! };
  return hits.length === 0 ? { kind: 'none' } : { kind: 'many', names: hits.slice(0, 5).map((m) => m.name) };
}
