import type { AppDeps } from '../../deps';
import type { Locale } from '../../config';
import type { JobContext, Recipient } from '../../delivery/types';
import { t } from '../../i18n';
import type { Stored } from '../../store/types';
import type { Member, MemberChange } from '../../directory/model';
import type { Checklist } from './checklistRules';
import { decideStall, decideStart, isOpen, newChecklist, nextStallCheck } from './checklistRules';
import type { Viewer, ViewContext } from './checklistCards';
import { checklistCard, stepTitle } from './checklistCards';
import { bothLocales, formatDay } from '../../common/format';
import { INTRODUCTION_PK, INTRODUCTION_STALL_JOB } from '../../store/sharedRecords';
import { IntroductionRepo } from './introductionRepo';

export const INTRO_PK = INTRODUCTION_PK;
export const STALL_JOB = INTRODUCTION_STALL_JOB;

interface StallPayload {
  checklistId: string;
  startedAt: string;
}

/** Checklists, their notifications and the stall reminders; shared by the listener and the card actions. */
export class Introductions {
  readonly repo: IntroductionRepo;

  constructor(private readonly deps: AppDeps) {
    this.repo = new IntroductionRepo(deps.store.containers.directory);
  }

  read(id: string): Promise<Stored<Checklist> | undefined> {
    return this.repo.read(id);
  }

  open(): Promise<Stored<Checklist>[]> {
    return this.repo.open();
  }

  /** A member joined Länsledning or a committee: start their introduction; a removed member's is cancelled. */
  async memberChanged(change: MemberChange): Promise<void> {
    const after = change.after;
    if (!after) {
      if (change.before) await this.cancel(change.before.aadObjectId);
      return;
    }
    const decision = decideStart(change, await this.read(after.aadObjectId));
    if (decision.kind === 'none') return;
    const party = await this.deps.directory.party(after.partyId);
    const fresh = newChecklist(after, decision.bodies, party?.kind === 'region', this.deps.clock.now());
    const created = await this.repo.change<boolean>(fresh.id, (current) =>
      current && isOpen(current) ? { result: false } : { write: fresh, result: true },
    );
    if (!created) return;
    this.deps.log.info({ bodies: fresh.bodies }, 'introduction started');
    const [secretariat, chairs] = await Promise.all([this.deps.directory.membersWithRole('secretariat'), this.deps.directory.membersWithRole('chair')]);
    await this.send(fresh, startBatch(fresh), [after, ...secretariat, ...chairs], t(this.deps.config.defaultLocale, 'introductions', 'startedSummary', { name: fresh.newcomerName }));
    const runAt = nextStallCheck(fresh);
    await this.deps.scheduler.schedule<StallPayload>({ id: stallJobId(fresh, runAt), kind: STALL_JOB, runAt, payload: { checklistId: fresh.id, startedAt: fresh.startedAt } });
  }

  /** After a tick: the newcomer's card updates in place; at the end the newcomer and the secretariat are told. */
  async ticked(checklist: Checklist, step: string, completed: boolean): Promise<void> {
    const newcomer = await this.deps.directory.member(checklist.newcomer);
    if (newcomer) await this.send(checklist, `${startBatch(checklist)}:tick:${step}`, [newcomer], undefined, startBatch(checklist));
    if (!completed) return;
    const secretariat = await this.deps.directory.membersWithRole('secretariat');
    await this.send(checklist, `${startBatch(checklist)}:done`, [...(newcomer ? [newcomer] : []), ...secretariat], t(this.deps.config.defaultLocale, 'introductions', 'completedSummary', { name: checklist.newcomerName }));
  }

  /** The person named for a step gets the checklist, with the step to tick. */
  async assigned(checklist: Checklist, step: string, person: Member): Promise<void> {
    await this.send(checklist, `${startBatch(checklist)}:assign:${step}:${person.aadObjectId}`, [person], t(this.deps.config.defaultLocale, 'introductions', 'assignedSummary', { name: checklist.newcomerName }));
  }

  /** The card data for one viewer. */
  async card(checklist: Checklist, viewer: Viewer, locale: Locale): Promise<object> {
    return checklistCard(checklist, viewer, await this.context(checklist), locale, await this.refreshIds(checklist));
  }

  /** A stall check: remind the coordinator when nothing happened for a while, and look again later. */
  async stallCheck(payload: StallPayload, context: JobContext): Promise<void> {
    const checklist = await this.read(payload.checklistId);
    if (checklist?.startedAt !== payload.startedAt) return;
    const decision = decideStall(checklist, context.runAt);
    if (decision.kind === 'stop') return;
    if (decision.kind === 'remind') {
      const coordinator = checklist.steps.find((s) => s.step === 'coordinator')?.responsible;
      const recipients = coordinator ? [coordinator] : (await this.deps.directory.membersWithRole('secretariat')).map((m) => m.aadObjectId);
      const ctx = await this.context(checklist);
      const partyName = ctx.party?.name ?? checklist.partyId;
      const left = (locale: Locale) => checklist.steps.filter((s) => !s.doneAt).map((s) => stepTitle(s.step, checklist, partyName, ctx.party?.kind, locale)).join(', ');
      await this.deps.outbox.enqueue({
        batchId: `intro-stall:${checklist.id}:${context.runAt.toISOString()}`,
        source: { container: 'directory', pk: INTRO_PK },
        recipients: recipients.map((aadObjectId) => ({ kind: 'member', aadObjectId })),
        message: {
          template: 'introductions-stalled',
          data: {
            name: checklist.newcomerName,
            checklistId: checklist.id,
            text: bothLocales((locale) => t(locale, 'introductions', 'stalledText', { date: formatDay(checklist.lastProgressAt, locale), steps: left(locale) })),
          },
          summary: t(this.deps.config.defaultLocale, 'introductions', 'stalledSummary', { name: checklist.newcomerName }),
        },
      });
      this.deps.log.info({ reminded: recipients.length }, 'stalled introduction: coordinator reminded');
    }
    await this.deps.scheduler.schedule<StallPayload>({ id: stallJobId(checklist, decision.next), kind: STALL_JOB, runAt: decision.next, payload });
  }

  private async cancel(aadObjectId: string): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await this.repo.change<void>(aadObjectId, (current) =>
      current && isOpen(current) ? { write: { ...current, cancelledAt: now }, result: undefined } : { result: undefined },
    );
  }

  private async send(checklist: Checklist, batchId: string, members: Member[], summary: string | undefined, replaces?: string): Promise<void> {
    const byId = new Map(members.map((m) => [m.aadObjectId, m]));
    const context = await this.context(checklist);
    const refresh = await this.refreshIds(checklist);
    await this.deps.outbox.enqueue({
      batchId,
      source: { container: 'directory', pk: INTRO_PK },
      recipients: [...byId.keys()].map((aadObjectId): Recipient => ({ kind: 'member', aadObjectId })),
      message: (recipient) => {
        const member = recipient.kind === 'member' ? byId.get(recipient.aadObjectId) : undefined;
        const locale = member?.locale ?? this.deps.config.defaultLocale;
        const viewer = member ?? { aadObjectId: '', roles: [] };
        return { template: 'introductions-checklist', data: checklistCard(checklist, viewer, context, locale, refresh), locale, ...(summary ? { summary } : {}) };
      },
      ...(replaces ? { replaces } : {}),
    });
  }

  private async context(checklist: Checklist): Promise<ViewContext> {
    const [party, bodies] = await Promise.all([this.deps.directory.party(checklist.partyId), this.deps.directory.bodies()]);
    const names = new Map(bodies.map((b) => [b.id, b.name]));
    return { party, bodyName: (id) => names.get(id) ?? id };
  }

  /** Who sees the card refresh live: the newcomer, the named people, the chairs and the secretariat (Teams allows 60). */
  private async refreshIds(checklist: Checklist): Promise<string[]> {
    const [secretariat, chairs] = await Promise.all([this.deps.directory.membersWithRole('secretariat'), this.deps.directory.membersWithRole('chair')]);
    const named = checklist.steps.map((s) => s.responsible).filter((id): id is string => id !== null);
    return [...new Set([checklist.newcomer, ...named, ...chairs.map((m) => m.aadObjectId), ...secretariat.map((m) => m.aadObjectId)])].slice(0, 60);
  }
}

function startBatch(checklist: Pick<Checklist, 'id' | 'startedAt'>): string {
  return `intro:${checklist.id}:${checklist.startedAt}`;
}

function stallJobId(checklist: Pick<Checklist, 'id'>, runAt: Date): string {
  return `intro-stall:${checklist.id}:${runAt.toISOString()}`;
}

export type { StallPayload };
