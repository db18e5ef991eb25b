import type { Member, Role } from '../../directory/model';
import { joinedIntroBodies } from '../../directory/membershipRules';
import type { Doc } from '../../store/types';
import { INTRODUCTION_STALL_DAYS } from '../../store/sharedRecords';

/** The four introductions of docs/domain.md §12, in order. */
export const INTRO_STEPS = ['chief', 'chair', 'schoolChief', 'coordinator'] as const;
export type IntroStep = (typeof INTRO_STEPS)[number];

/** A step's role holders may tick it without being named: the chair, and the coordinators (secretariat). */
export const STEP_ROLE: Record<IntroStep, Role | null> = {
  chief: null,
  chair: 'chair',
  schoolChief: null,
  coordinator: 'secretariat',
};

export interface StepState {
  step: IntroStep;
  /** The person the secretariat named for this step (aadObjectId), if any. */
  responsible: string | null;
  responsibleName: string | null;
  doneAt: string | null;
  doneBy: string | null;
  doneByName: string | null;
  note: string | null;
}

/** One newcomer's introduction (one per member; a cancelled one is replaced if they join again). */
export interface Checklist extends Doc {
  type: 'introduction';
  pk: 'intro';
  newcomer: string;
  newcomerName: string;
  partyId: string;
  /** A newcomer from the region meets the director of health care instead of a municipal chief executive. */
  regional: boolean;
  bodies: string[];
  startedAt: string;
  lastProgressAt: string;
  completedAt: string | null;
  cancelledAt: string | null;
  steps: StepState[];
}

export type StartDecision = { kind: 'start'; bodies: string[] } | { kind: 'none' };

/**
 * Whether a member change starts an introduction: they joined Länsledning or a committee, it is
 * not the first load of the directory file (existing members, not newcomers), and they have no
 * introduction yet (a cancelled one starts over).
 */
export function decideStart(
  change: { before: Pick<Member, 'bodies'> | undefined; after: Pick<Member, 'bodies'> | undefined; initialLoad: boolean },
  existing: Pick<Checklist, 'cancelledAt'> | undefined,
): StartDecision {
  if (change.initialLoad) return { kind: 'none' };
  const bodies = joinedIntroBodies(change.before, change.after);
  if (bodies.length === 0) return { kind: 'none' };
  if (existing && !existing.cancelledAt) return { kind: 'none' };
  return { kind: 'start', bodies };
}

export function newChecklist(member: Pick<Member, 'aadObjectId' | 'name' | 'partyId'>, bodies: string[], regional: boolean, now: Date): Checklist {
  return {
    id: member.aadObjectId,
    pk: 'intro',
    type: 'introduction',
    newcomer: member.aadObjectId,
    newcomerName: member.name,
    partyId: member.partyId,
    regional,
    bodies,
    startedAt: now.toISOString(),
    lastProgressAt: now.toISOString(),
    completedAt: null,
    cancelledAt: null,
    steps: INTRO_STEPS.map((step) => ({ step, responsible: null, responsibleName: null, doneAt: null, doneBy: null, doneByName: null, note: null })),
  };
}

export function isOpen(checklist: Pick<Checklist, 'completedAt' | 'cancelledAt'>): boolean {
  return !checklist.completedAt && !checklist.cancelledAt;
}

/** Who is the actor for a step: the named person, a holder of the step's role, the secretariat acting for someone, or nobody. */
export type StepAuthority = 'responsible' | 'onBehalf' | 'none';

export function authorityFor(step: StepState, actor: Pick<Member, 'aadObjectId' | 'roles'>): StepAuthority {
  if (step.responsible) {
    if (step.responsible === actor.aadObjectId) return 'responsible';
  } else {
    const role = STEP_ROLE[step.step];
    if (role && actor.roles.includes(role)) return 'responsible';
  }
  return actor.roles.includes('secretariat') ? 'onBehalf' : 'none';
}

export type TickDecision =
  | { kind: 'ticked'; next: Checklist; completed: boolean }
  | { kind: 'already' }
  | { kind: 'rejected'; reason: 'closed' | 'forbidden' | 'noteRequired' };

/**
 * Ticks a step. The person responsible ticks it (note optional); the secretariat may tick it for
 * them, and must then say why in a note.
 */
export function decideTick(
  checklist: Checklist,
  step: IntroStep,
  actor: Pick<Member, 'aadObjectId' | 'name' | 'roles'>,
  note: string,
  now: Date,
): TickDecision {
  if (!isOpen(checklist)) return { kind: 'rejected', reason: 'closed' };
  const state = checklist.steps.find((s) => s.step === step);
  if (!state) return { kind: 'rejected', reason: 'forbidden' };
  if (state.doneAt) return { kind: 'already' };
  const authority = authorityFor(state, actor);
  if (authority === 'none') return { kind: 'rejected', reason: 'forbidden' };
  if (authority === 'onBehalf' && note.trim() === '') return { kind: 'rejected', reason: 'noteRequired' };
  const at = now.toISOString();
  const steps = checklist.steps.map((s) =>
    s.step === step ? { ...s, doneAt: at, doneBy: actor.aadObjectId, doneByName: actor.name, note: note.trim() || null } : s,
  );
  const completed = steps.every((s) => s.doneAt !== null);
  return { kind: 'ticked', completed, next: { ...checklist, steps, lastProgressAt: at, completedAt: completed ? at : null } };
}

export type AssignDecision = { kind: 'assigned'; next: Checklist } | { kind: 'rejected'; reason: 'closed' | 'done' };

/** The secretariat names the person responsible for a step (a step already done keeps its record). */
export function decideAssign(checklist: Checklist, step: IntroStep, person: Pick<Member, 'aadObjectId' | 'name'>): AssignDecision {
  if (!isOpen(checklist)) return { kind: 'rejected', reason: 'closed' };
  if (checklist.steps.find((s) => s.step === step)?.doneAt) return { kind: 'rejected', reason: 'done' };
  const steps = checklist.steps.map((s) => (s.step === step ? { ...s, responsible: person.aadObjectId, responsibleName: person.name } : s));
  return { kind: 'assigned', next: { ...checklist, steps } };
}

/** Days without progress after which the coordinator is reminded (and again after as many more). */
export const STALL_DAYS = INTRODUCTION_STALL_DAYS;

/** When the next stall reminder is due: STALL_DAYS after the last progress, or after `after` if that is later. */
export function nextStallCheck(checklist: Pick<Checklist, 'lastProgressAt'>, after?: Date): Date {
  const due = new Date(Date.parse(checklist.lastProgressAt) + STALL_DAYS * 86_400_000);
  return after && after.getTime() >= due.getTime() ? new Date(after.getTime() + STALL_DAYS * 86_400_000) : due;
}

export type StallDecision = { kind: 'remind'; next: Date } | { kind: 'later'; next: Date } | { kind: 'stop' };

/** At a stall check: remind if nothing happened for STALL_DAYS, otherwise look again later. */
export function decideStall(checklist: Checklist | undefined, now: Date): StallDecision {
  if (!checklist || !isOpen(checklist)) return { kind: 'stop' };
  const due = nextStallCheck(checklist);
  if (now.getTime() < due.getTime()) return { kind: 'later', next: due };
  return { kind: 'remind', next: nextStallCheck(checklist, now) };
}

export function progress(checklist: Pick<Checklist, 'steps'>): { done: number; total: number } {
  return { done: checklist.steps.filter((s) => s.doneAt).length, total: checklist.steps.length };
}
