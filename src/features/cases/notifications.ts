import { performance } from 'node:perf_hooks';
import type { Locale } from '../../config';
import type { AppDeps } from '../../deps';
import type { Recipient } from '../../delivery/types';
import { t } from '../../i18n';
import { formatDate, isoDate } from '../../dates/dates';
import { compositionShortfalls, PREPARATION_BODY } from '../../directory/composition';
import { compositionWarning } from '../../i18n/composition';
import type { Member } from '../../directory/model';
import type { Stored } from '../../store/types';
import type { CaseSetting } from './caseContext';
import { moverOf, viewContext } from './caseContext';
import { eventText, levelLabel } from './labels';
import type { CaseDoc, CaseEvent } from './model';
import { DISPUTE_FORUM, PARTIES_LEVEL } from './model';
import { placedMessageData, prepareCardData, stepMessageData } from './caseCards';

type Deps = Pick<AppDeps, 'outbox' | 'directory' | 'config'>;

/** The batch that first brought a case to the preparers; later updates replace it in place. */
export const prepareBatchId = (caseId: string) => `${caseId}:prepare`;

/**
 * Who hears what about a case, through the outbox: the preparers (one card each, updated in place
 * as the case moves), the submitter (a short message per step), and whoever a case is placed with.
 */
export class CaseNotifier {
  // The preparers as last read, and until when that answer is used (see `preparers`).
  private kept: { members: Stored<Member>[]; until: number } | undefined;
  private changes = 0;

  constructor(
    private readonly deps: Deps,
    private readonly now: () => number = () => performance.now(),
  ) {
    deps.directory.onMemberChange(() => {
      this.kept = undefined;
      this.changes += 1;
      return Promise.resolve();
    });
  }

  /**
   * Every member of the beredningsorgan: by body or by the `preparer` role. Kept for half a minute,
   * and read again after any change of a member made here; a change made on another instance
   * reaches the preparers' cards within that half minute (docs/store.md).
   */
  async preparers(): Promise<Stored<Member>[]> {
    if (this.kept && this.now() < this.kept.until) return this.kept.members.map((m) => structuredClone(m));
    const changes = this.changes;
    const [byBody, byRole] = await Promise.all([
      this.deps.directory.membersOfBody('beredningsorgan'),
      this.deps.directory.membersWithRole('preparer'),
    ]);
    const members = uniqueMembers([...byBody, ...byRole]);
    // Not kept when a member changed while it was read: it may predate the change.
    if (changes === this.changes) this.kept = { members: members.map((m) => structuredClone(m)), until: this.now() + PREPARERS_KEPT_MS };
    return members;
  }

  /** The new case to every preparer, with "I'll prepare this". */
  async newCase(c: CaseDoc, setting: CaseSetting, now: Date): Promise<void> {
    await this.toPreparers(c, [c.lastEvent], setting, now, prepareBatchId(c.caseId));
  }

  /** Each preparer's card follows the case: who has it, and the moves they may make now. */
  async updatePreparers(c: CaseDoc, events: readonly CaseEvent[], setting: CaseSetting, now: Date): Promise<void> {
    await this.toPreparers(c, events, setting, now, `${c.caseId}:prepare:v${c.version}`, prepareBatchId(c.caseId));
  }

  /** A short message to the submitter about a step (not when they took it themselves). */
  async tellSubmitter(c: CaseDoc, event: CaseEvent, setting: CaseSetting): Promise<void> {
    if (event.actor.aadObjectId === c.submitter.aadObjectId) return;
    const submitter = await this.deps.directory.member(c.submitter.aadObjectId);
    const locale = this.localeOf(submitter);
    const ctx = viewContext(setting, locale, new Date(event.at));
    await this.deps.outbox.enqueue({
      batchId: `${c.caseId}:step:${event.seq}`,
      source: { container: 'cases', pk: c.caseId },
      recipients: [{ kind: 'member', aadObjectId: c.submitter.aadObjectId }],
      message: {
        template: 'case-step',
        data: stepMessageData(c, eventText(locale, event, setting.names), event.comment ?? '', ctx),
        summary: eventText(locale, event, setting.names),
      },
    });
  }

  /**
   * Whoever the case was placed with: the body's linked channel, Politiska ledningsgruppen, or the
   * parties. Returns false when that reaches nobody (a body without a linked channel): the mover's
   * card says so and the secretariat is told, never silence.
   */
  async tellPlacement(c: CaseDoc, setting: CaseSetting, now: Date): Promise<boolean> {
    const audience = await this.placementAudience(c);
    const members = new Map(audience.members.map((m) => [m.aadObjectId, m]));
    const recipients: Recipient[] = [
      ...[...members.keys()].map((aadObjectId) => ({ kind: 'member' as const, aadObjectId })),
      ...(audience.channel ? [{ kind: 'conversation' as const, conversationKey: audience.channel }] : []),
    ];
    if (recipients.length === 0) {
      await this.tellSecretariatUnreached(c, setting, now);
      return false;
    }
    await this.deps.outbox.enqueue({
      batchId: `${c.caseId}:placed:v${c.version}`,
      source: { container: 'cases', pk: c.caseId },
      recipients,
      message: (recipient) => {
        const locale = this.localeOf(recipient.kind === 'member' ? members.get(recipient.aadObjectId) : undefined);
        return { template: 'case-placed', data: placedMessageData(c, viewContext(setting, locale, now)), locale };
      },
    });
    return true;
  }

  /**
   * A case arrives at a beredningsorgan that falls short of the agreement's composition: the
   * secretariat is told what is missing, at most once a day for the same shortfall.
   */
  async checkComposition(now: Date): Promise<void> {
    const [members, parties] = await Promise.all([this.deps.directory.membersOfBody(PREPARATION_BODY), this.deps.directory.parties()]);
    const shortfalls = compositionShortfalls(members, parties);
    if (shortfalls.length === 0) return;
    const secretariat = uniqueMembers(await this.deps.directory.membersWithRole('secretariat'));
    if (secretariat.length === 0) return;
    const byId = new Map(secretariat.map((m) => [m.aadObjectId, m]));
    const warning = compositionWarning(shortfalls);
    await this.deps.outbox.enqueue({
      batchId: `composition:${isoDate(now)}:${shortfalls.join('+')}`,
      source: { container: 'cases', pk: 'composition' },
      recipients: secretariat.map((m) => ({ kind: 'member', aadObjectId: m.aadObjectId })),
      message: (recipient) => {
        const locale = this.localeOf(recipient.kind === 'member' ? byId.get(recipient.aadObjectId) : undefined);
        return { template: 'text-reply', data: { text: warning[locale] }, locale, summary: warning[locale] };
      },
    });
  }

  /** A case placed where it reaches nobody: the secretariat hears it once per placement, with what would fix it. */
  private async tellSecretariatUnreached(c: CaseDoc, setting: CaseSetting, now: Date): Promise<void> {
    const secretariat = uniqueMembers(await this.deps.directory.membersWithRole('secretariat'));
    if (secretariat.length === 0) return;
    const byId = new Map(secretariat.map((m) => [m.aadObjectId, m]));
    await this.deps.outbox.enqueue({
      batchId: `${c.caseId}:unreached:v${c.version}`,
      source: { container: 'cases', pk: c.caseId },
      recipients: secretariat.map((m) => ({ kind: 'member', aadObjectId: m.aadObjectId })),
      message: (recipient) => {
        const locale = this.localeOf(recipient.kind === 'member' ? byId.get(recipient.aadObjectId) : undefined);
        const what = placedNowhereText(locale, c, setting);
        return { template: 'case-step', data: stepMessageData(c, what, '', viewContext(setting, locale, now)), locale, summary: what };
      },
    });
  }

  /**
   * The date the preparer gave the parties to settle a dispute has come: the holder is told, the
   * preparers' cards follow, and the parties are asked again, with the button that reports that
   * they cannot agree.
   */
  async settleDeadlinePassed(c: CaseDoc, events: readonly CaseEvent[], setting: CaseSetting, now: Date): Promise<void> {
    const deadlineText = (locale: Locale) => t(locale, 'cases', 'deadlinePassed', { date: formatDate(new Date(c.dispute?.settleBy ?? now), locale) });
    if (c.holder) {
      const holder = await this.deps.directory.member(c.holder.aadObjectId);
      const locale = this.localeOf(holder);
      const what = deadlineText(locale);
      await this.deps.outbox.enqueue({
        batchId: `${c.caseId}:settle-deadline`,
        source: { container: 'cases', pk: c.caseId },
        recipients: [{ kind: 'member', aadObjectId: c.holder.aadObjectId }],
        message: { template: 'case-step', data: stepMessageData(c, what, '', viewContext(setting, locale, now)), summary: what },
      });
    }
    const parties = await this.placementAudience(c);
    const members = new Map(parties.members.map((m) => [m.aadObjectId, m]));
    if (members.size > 0) {
      await this.deps.outbox.enqueue({
        batchId: `${c.caseId}:settle-deadline:parties`,
        source: { container: 'cases', pk: c.caseId },
        recipients: [...members.keys()].map((aadObjectId) => ({ kind: 'member', aadObjectId })),
        message: (recipient) => {
          const locale = this.localeOf(recipient.kind === 'member' ? members.get(recipient.aadObjectId) : undefined);
          const data = { ...placedMessageData(c, viewContext(setting, locale, now)), disputeText: deadlineText(locale) };
          return { template: 'case-placed', data, locale };
        },
      });
    }
    await this.toPreparers(c, events, setting, now, `${c.caseId}:prepare:deadline`, prepareBatchId(c.caseId));
  }

  private async toPreparers(
    c: CaseDoc,
    events: readonly CaseEvent[],
    setting: CaseSetting,
    now: Date,
    batchId: string,
    replaces?: string,
  ): Promise<void> {
    const preparers = await this.preparers();
    if (preparers.length === 0) return;
    const byId = new Map(preparers.map((m) => [m.aadObjectId, m]));
    await this.deps.outbox.enqueue({
      batchId,
      source: { container: 'cases', pk: c.caseId },
      recipients: preparers.map((m) => ({ kind: 'member', aadObjectId: m.aadObjectId })),
      message: (recipient) => {
        const member = recipient.kind === 'member' ? byId.get(recipient.aadObjectId) : undefined;
        const locale = this.localeOf(member);
        const viewer = member ? moverOf(member) : { aadObjectId: '', name: '', isPreparer: true, isSecretariat: false, partyId: null };
        return {
          template: 'case-prepare',
          data: prepareCardData(c, events, viewer, viewContext(setting, locale, now)),
          locale,
          summary: `${c.caseId}: ${c.title}`,
        };
      },
      ...(replaces ? { replaces } : {}),
    });
  }

  /**
   * Politiska ledningsgruppen's members; for the parties, each concerned (or, in a dispute,
   * involved) party's members in Länsledning; for a body, its linked channel.
   */
  private async placementAudience(c: CaseDoc): Promise<{ members: Member[]; channel: string | null }> {
    const { directory } = this.deps;
    if (c.level === DISPUTE_FORUM) return { members: await directory.membersOfBody(DISPUTE_FORUM), channel: null };
    if (c.level === PARTIES_LEVEL) {
      const parties = c.dispute ? c.dispute.involved : c.parties;
      const members = (await Promise.all(parties.map((p) => directory.membersOfParty(p)))).flat();
      return { members: members.filter((m) => m.bodies.includes('lansledning')), channel: null };
    }
    const body = c.level ? await directory.body(c.level) : undefined;
    return { members: [], channel: body?.channel ?? null };
  }

  private localeOf(member: Pick<Member, 'locale'> | undefined): Locale {
    return member?.locale ?? this.deps.config.defaultLocale;
  }
}

const PREPARERS_KEPT_MS = 30_000;

function uniqueMembers(members: readonly Stored<Member>[]): Stored<Member>[] {
  return [...new Map(members.map((m) => [m.aadObjectId, m])).values()];
}

/** "Placed with X, where it reaches nobody: link a channel": for the mover and the secretariat. */
export function placedNowhereText(locale: Locale, c: Pick<CaseDoc, 'level'>, setting: Pick<CaseSetting, 'names'>): string {
  return t(locale, 'cases', 'placedNowhere', { body: levelLabel(locale, c.level ?? '', setting.names) });
}
