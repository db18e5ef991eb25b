import { ROLE_NAMES, ROLE_TITLES, type RoleName } from './actors';

/**
 * What happens when each kind of person uses a verb:
 * - `allowed`: the action is carried out (or, for a view, shown);
 * - `forbidden`: a card says they may not, and nothing is written;
 * - `unknown`: a card says they are not in the directory, and nothing is written;
 * - `ownParty` (the tab's views): shown, with their own party's rows and the collaboration's totals
 *   only, never another party's rows or people.
 */
export type Outcome = 'allowed' | 'forbidden' | 'unknown' | 'ownParty';

export interface MatrixRow {
  /** A card verb, or `tab:<section>` for a view of the tab "Översikt" (and its exports). */
  verb: string;
  /** The rule in words, as the docs show it. */
  rule: string;
  outcomes: Record<RoleName, Outcome>;
}

const only = (roles: RoleName[]): Record<RoleName, Outcome> =>
  Object.fromEntries(ROLE_NAMES.map((r) => [r, r === 'outsider' ? 'unknown' : roles.includes(r) ? 'allowed' : 'forbidden'])) as Record<
    RoleName,
    Outcome
  >;
const everyone: Record<RoleName, Outcome> = only([...ROLE_NAMES]);
const secretariatOnly = only(['secretariat']);

/**
 * The authorization matrix: the single source of truth for docs/security.md (rendered by
 * `renderMatrix`, checked by test/unit/security/securityDoc.test.ts) and for the table-driven
 * test that runs every registered verb as every role (authorization.test.ts).
 */
const members = only(['secretariat', 'chair', 'preparer', 'member', 'otherParty']);
/** The subject concerns Länsledning, where the chair and the Gävle member sit. */
const invited = only(['chair', 'member']);
/** The tab's views: every party for the secretariat, their own party and the totals for other members. */
const ownParty: Record<RoleName, Outcome> = { ...only(['secretariat']), chair: 'ownParty', preparer: 'ownParty', member: 'ownParty', otherParty: 'ownParty' };

export const MATRIX: MatrixRow[] = [
  { verb: 'help.show', rule: 'anyone; shows only what their roles allow', outcomes: { ...everyone, outsider: 'allowed' } },
  { verb: 'channel.link', rule: 'secretariat, in the channel to link', outcomes: secretariatOnly },
  // Meetings
  { verb: 'meeting.rsvp', rule: 'an invited member (sits in the meeting\'s body), for themself only; no substitute', outcomes: invited },
  { verb: 'meeting.read', rule: 'an invited member, for themself', outcomes: invited },
  { verb: 'meeting.followupAck', rule: 'an invited member, for themself, once the notes are sent', outcomes: invited },
  {
    verb: 'meeting.refresh',
    rule: 'whoever holds the card; writes nothing; the invited see their own answer, others the general notice',
    outcomes: { ...everyone, outsider: 'allowed' },
  },
  { verb: 'meeting.list', rule: 'any member', outcomes: members },
  { verb: 'meeting.new', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'meeting.create', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'meeting.edit', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'meeting.update', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'meeting.cancelForm', rule: 'secretariat (the confirmation, asking for the reason)', outcomes: secretariatOnly },
  { verb: 'meeting.cancel', rule: 'secretariat, confirming with a reason', outcomes: secretariatOnly },
  { verb: 'meeting.status', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'meeting.remind', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'meeting.notesForm', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'meeting.notes', rule: 'secretariat, once the meeting has started', outcomes: secretariatOnly },
  {
    verb: 'digest.view',
    rule: 'whoever holds the card (its refresh); writes nothing',
    outcomes: { ...everyone, outsider: 'allowed' },
  },
  { verb: 'digest.tick', rule: 'a member of the digest\'s party: "taken home", once per item (the matrix shows Gävle\'s digest)', outcomes: only(['member']) },
  { verb: 'digest.status', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'year.followUpForm', rule: 'secretariat (the form)', outcomes: secretariatOnly },
  { verb: 'year.followUp', rule: 'secretariat; the same year recorded again corrects its record', outcomes: secretariatOnly },
  { verb: 'revision.form', rule: 'secretariat (the form)', outcomes: secretariatOnly },
  { verb: 'revision.create', rule: 'secretariat; once per form', outcomes: secretariatOnly },
  { verb: 'revision.party', rule: 'secretariat: who approved it for a party, when the party signed', outcomes: secretariatOnly },
  { verb: 'revision.status', rule: 'any member: where every party stands with a revision', outcomes: members },
  { verb: 'project.list', rule: 'any member: the entries their party takes part in; the secretariat all', outcomes: members },
  { verb: 'project.form', rule: 'secretariat (the register)', outcomes: secretariatOnly },
  { verb: 'project.save', rule: 'secretariat; once per form (saved again, an edit of the same entry)', outcomes: secretariatOnly },
  { verb: 'agenda.proposeForm', rule: 'any member ("Inför nästa möte", the form)', outcomes: members },
  { verb: 'agenda.propose', rule: 'any member, for their own party; once per form', outcomes: members },
  { verb: 'agenda.draft', rule: "secretariat; the beredningsorgan's also its preparers (the matrix shows the beredningsorgan's)", outcomes: only(['secretariat', 'preparer']) },
  // Dissemination
  { verb: 'broadcast.compose', rule: 'secretariat (the form)', outcomes: secretariatOnly },
  { verb: 'orgchange.compose', rule: 'any member, for their own party (the form)', outcomes: members },
  { verb: 'broadcast.create', rule: 'secretariat (decision, information); a member only an org change for their own party', outcomes: secretariatOnly },
  { verb: 'broadcast.confirm', rule: 'the draft\'s author', outcomes: secretariatOnly },
  { verb: 'broadcast.edit', rule: 'the draft\'s author', outcomes: secretariatOnly },
  { verb: 'broadcast.cancel', rule: 'the draft\'s author', outcomes: secretariatOnly },
  { verb: 'broadcast.ack', rule: 'a recipient of an addressed party, for their party', outcomes: only(['member']) },
  {
    verb: 'broadcast.view',
    rule: 'whoever holds the card (its refresh); writes nothing; only an addressed party\'s recipients see the acknowledgement button',
    outcomes: { ...everyone, outsider: 'allowed' },
  },
  { verb: 'broadcast.status', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'broadcast.remind', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'broadcast.retry', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'remiss.compose', rule: 'secretariat (the form)', outcomes: secretariatOnly },
  { verb: 'remiss.create', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'remiss.answer', rule: 'the addressed party\'s manager (its Länsledning member), for the party', outcomes: only(['member']) },
  { verb: 'remiss.decline', rule: 'the addressed party\'s manager, for the party', outcomes: only(['member']) },
  {
    verb: 'remiss.view',
    rule: 'whoever holds the card (its refresh); writes nothing; only the addressed party\'s manager sees the answer form',
    outcomes: { ...everyone, outsider: 'allowed' },
  },
  { verb: 'remiss.status', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'remiss.remind', rule: 'secretariat', outcomes: secretariatOnly },
  // Data protection
  { verb: 'privacy.form', rule: 'secretariat (the button on the welcome and help cards)', outcomes: secretariatOnly },
  { verb: 'privacy.export', rule: 'secretariat: a link to everything stored about a member, working once within 15 minutes', outcomes: secretariatOnly },
  { verb: 'privacy.eraseConfirm', rule: 'secretariat: what removal would do, to confirm', outcomes: secretariatOnly },
  { verb: 'privacy.erase', rule: 'secretariat, confirming on the card made for that version of the entry', outcomes: secretariatOnly },
  // Directory administration
  { verb: 'member.menu', rule: 'secretariat (the button on the welcome and help cards)', outcomes: secretariatOnly },
  { verb: 'member.find', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'member.form', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'member.save', rule: 'secretariat, on the form made for that version of the entry; never leaves the secretariat empty', outcomes: secretariatOnly },
  { verb: 'member.remove', rule: 'secretariat, on the form made for that version of the entry; never the last of the secretariat', outcomes: secretariatOnly },
  { verb: 'member.importForm', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'member.import', rule: 'secretariat: a preview, nothing changed yet', outcomes: secretariatOnly },
  { verb: 'member.importApply', rule: 'secretariat, once per preview, only to the directory the preview was made from', outcomes: secretariatOnly },
  { verb: 'member.export', rule: 'secretariat: links to the directory as CSV and JSON, each working once within 15 minutes', outcomes: secretariatOnly },
  { verb: 'member.roster', rule: 'secretariat', outcomes: secretariatOnly },
  // Introductions, the annual cycle, cost sharing, notice of termination
  {
    verb: 'onboarding.show',
    rule: 'the newcomer, the secretariat and whoever takes a step (the person named, or a chair for the chair\'s step); the matrix shows a newcomer to a committee',
    outcomes: only(['secretariat', 'chair']),
  },
  {
    verb: 'onboarding.tick',
    rule: 'the step\'s person (the one named, or a chair for the chair\'s step, the secretariat for the coordinator\'s), or the secretariat for them with a note; the matrix shows the chair\'s step',
    outcomes: only(['secretariat', 'chair']),
  },
  { verb: 'onboarding.assign', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'year.open', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'year.propose', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'year.addDate', rule: 'secretariat; a date that is no Friday, or a holiday, is confirmed first', outcomes: secretariatOnly },
  { verb: 'year.removeDate', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'year.publish', rule: 'secretariat, on the card made for that version of the plan', outcomes: secretariatOnly },
  { verb: 'year.settings', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'year.settingsSave', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'year.report', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'cost.key', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'cost.keySave', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'cost.split', rule: 'any member (the calculator); writes nothing', outcomes: members },
  { verb: 'cost.meetings', rule: 'any member: the year\'s meeting costs and their decided division; writes nothing', outcomes: members },
  { verb: 'cost.meetingAdd', rule: 'secretariat; once per form', outcomes: secretariatOnly },
  { verb: 'cost.meetingRemove', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'cost.meetingDivisionForm', rule: 'secretariat', outcomes: secretariatOnly },
  { verb: 'cost.meetingDivision', rule: 'secretariat: the division the parties decided, and where', outcomes: secretariatOnly },
  { verb: 'notice.preview', rule: 'secretariat; writes nothing', outcomes: secretariatOnly },
  { verb: 'notice.confirm', rule: 'secretariat; one notice in force at a time', outcomes: secretariatOnly },
  { verb: 'notice.correct', rule: 'secretariat: the person who registered the notice in force, within 24 hours, as a registration mistake', outcomes: secretariatOnly },
  { verb: 'notice.withdraw', rule: 'the button of status cards posted before corrections: handled as notice.correct', outcomes: secretariatOnly },
  // Cases
  { verb: 'case.open', rule: 'any member (the form)', outcomes: members },
  { verb: 'case.submit', rule: 'any member, for their own party (the party comes from the directory, not the form)', outcomes: members },
  { verb: 'case.view', rule: 'any member (cases are the parties\' shared work and may be public records)', outcomes: members },
  {
    verb: 'case.transition',
    rule: 'by step (docs/domain.md §8); the matrix shows taking a received case: any preparer',
    outcomes: only(['preparer']),
  },
  // The tab "Översikt": the same sight rule as the status cards and the case queue.
  { verb: 'tab:meetings', rule: 'any member; the secretariat sees every party and its people, the others their own party\'s rows and the totals', outcomes: ownParty },
  { verb: 'tab:dissemination', rule: 'any member; as the Meetings view', outcomes: ownParty },
  { verb: 'tab:year', rule: 'any member; as the Meetings view', outcomes: ownParty },
  { verb: 'tab:cases', rule: 'the beredningsorgan and the secretariat, as the `ärenden` queue', outcomes: only(['secretariat', 'preparer']) },
];

/** Rows about card verbs (the tab's views have their own test: tabAuthorization.test.ts). */
export const VERB_MATRIX: MatrixRow[] = MATRIX.filter((r) => !r.verb.startsWith('tab:'));
export const TAB_MATRIX: MatrixRow[] = MATRIX.filter((r) => r.verb.startsWith('tab:'));

/** The matrix as a Markdown table. */
export function renderMatrix(): string {
  const mark: Record<Outcome, string> = { allowed: '✅ allowed', forbidden: '⛔ forbidden', unknown: '❔ not in directory', ownParty: '🔸 own party and totals' };
  const head = `| verb | ${ROLE_NAMES.map((r) => ROLE_TITLES[r]).join(' | ')} | rule |`;
  const line = `|---|${ROLE_NAMES.map(() => '---').join('|')}|---|`;
  const rows = [...MATRIX]
    .sort((a, b) => a.verb.localeCompare(b.verb))
    .map((row) => `| \`${row.verb}\` | ${ROLE_NAMES.map((r) => mark[row.outcomes[r]]).join(' | ')} | ${row.rule} |`);
  return [head, line, ...rows].join('\n');
}

export function matrixRow(verb: string): MatrixRow | undefined {
  return MATRIX.find((r) => r.verb === verb);
}
