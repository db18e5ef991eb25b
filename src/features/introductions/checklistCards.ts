import type { Locale } from '../../config';
import { t } from '../../i18n';
import type { Member, Party } from '../../directory/model';
import type { Checklist, IntroStep, StepState } from './checklistRules';
import { authorityFor, isOpen, progress, STEP_ROLE } from './checklistRules';
import { formatDay } from '../../common/format';

/** Who looks at a checklist: the card shows the actions their place allows. */
export type Viewer = Pick<Member, 'aadObjectId' | 'roles'>;

/** Everything a checklist card needs besides the checklist: names of the party and bodies. */
export interface ViewContext {
  party: Pick<Party, 'name' | 'kind'> | undefined;
  bodyName(id: string): string;
}

/** The card data of `introductions-checklist` for one viewer, in one locale. */
export function checklistCard(checklist: Checklist, viewer: Viewer, context: ViewContext, locale: Locale, refreshUserIds: string[]): object {
  const open = isOpen(checklist);
  const { done, total } = progress(checklist);
  const bodies = checklist.bodies.map((b) => context.bodyName(b)).join(', ');
  const partyName = context.party?.name ?? checklist.partyId;
  const isSecretariat = viewer.roles.includes('secretariat');
  return {
    checklistId: checklist.id,
    title: t(locale, 'introductions', 'title', { name: checklist.newcomerName }),
    subtitle: t(locale, 'introductions', 'subtitle', { party: partyName, bodies, date: formatDay(checklist.startedAt, locale) }),
    intro: viewer.aadObjectId === checklist.newcomer && open ? t(locale, 'introductions', 'newcomerIntro', { bodies }) : '',
    progress: t(locale, 'introductions', 'progress', { done, total }),
    status: checklist.completedAt
      ? t(locale, 'introductions', 'completed', { date: formatDay(checklist.completedAt, locale) })
      : checklist.cancelledAt
        ? t(locale, 'introductions', 'cancelled', { date: formatDay(checklist.cancelledAt, locale) })
        : '',
    steps: checklist.steps.map((s, i) => {
      const authority = open && !s.doneAt ? authorityFor(s, viewer) : 'none';
      return {
        number: `${i + 1}.`,
        title: stepTitle(s.step, checklist, partyName, context.party?.kind, locale),
        who: responsibleText(s, locale),
        state: s.doneAt
          ? t(locale, 'introductions', 'stateDone', { date: formatDay(s.doneAt, locale), by: s.doneByName ?? '' })
          : t(locale, 'introductions', 'statePending'),
        note: s.note ? t(locale, 'introductions', 'stateNote', { note: s.note }) : '',
        done: s.doneAt !== null,
        canTick: authority !== 'none',
        noteId: `note_${s.step}`,
        noteLabel: t(locale, 'introductions', authority === 'onBehalf' ? 'noteOnBehalf' : 'noteOptional'),
        canAssign: open && !s.doneAt && isSecretariat,
        personId: `person_${s.step}`,
        step: s.step,
      };
    }),
    refreshUserIds: refreshUserIds.slice(0, 60),
  };
}

export function stepTitle(step: IntroStep, checklist: Pick<Checklist, 'regional'>, partyName: string, partyKind: Party['kind'] | undefined, locale: Locale): string {
  switch (step) {
    case 'chief':
      if (checklist.regional) return t(locale, 'introductions', 'stepChiefRegion');
      return t(locale, 'introductions', partyKind === 'federation' ? 'stepChiefFederation' : 'stepChiefMunicipality', { party: partyName });
    case 'chair':
      return t(locale, 'introductions', 'stepChair');
    case 'schoolChief':
      return t(locale, 'introductions', 'stepSchoolChief');
    case 'coordinator':
      return t(locale, 'introductions', 'stepCoordinator');
  }
}

function responsibleText(step: StepState, locale: Locale): string {
  if (step.responsibleName) return t(locale, 'introductions', 'responsibleNamed', { name: step.responsibleName });
  const role = STEP_ROLE[step.step];
  if (role === 'chair') return t(locale, 'introductions', 'responsibleChair');
  if (role === 'secretariat') return t(locale, 'introductions', 'responsibleCoordinator');
  return t(locale, 'introductions', 'responsibleNobody');
}

/** Whether the viewer may see the checklist: the newcomer, the secretariat, and whoever may tick a step. */
export function maySee(checklist: Checklist, viewer: Viewer): boolean {
  if (viewer.aadObjectId === checklist.newcomer || viewer.roles.includes('secretariat')) return true;
  return checklist.steps.some((s) => authorityFor(s, viewer) === 'responsible' || s.doneBy === viewer.aadObjectId);
}
