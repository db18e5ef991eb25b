import { randomUUID } from 'node:crypto';

/**
 * Every text input of every registered verb, in one table: the free text a person writes (which
 * the identity-number guard must refuse before anything is kept), and every other text input (ids,
 * versions, dates, choices sent as text), so that a schema that gains a text field the table does
 * not name fails `identityNumberGuard.test.ts`. A verb whose schema lets unnamed fields through
 * names here the ones its handler reads.
 *
 * Free text is "kept" when it is stored, sent on, or shown back on the card that answers the
 * press (that answer is kept with the record of the processed activity for seven days); a search
 * that shows nothing back keeps nothing.
 */
export interface FreeTextField {
  /** The input as the schema (or the handler, beyond the schema) names it: `title`, `materials.title`, `note_*`. */
  field: string;
  /** Where the text goes. */
  where: string;
  /** Whether the text is kept anywhere when the press is carried out (a control checks it is). */
  kept: boolean;
  /** The card data to send for it: `key` (default: the field) and the value holding `text`. */
  key?: (payload: Record<string, unknown>) => string;
  value?: (text: string) => unknown;
  /** Data beside it that makes the text count (e.g. a new member's id, so the form shows the name typed). */
  with?: () => Record<string, unknown>;
}

export interface VerbTextInputs {
  verb: string;
  freeText: FreeTextField[];
  /** Text inputs that are not free text: ids, versions, dates and times, choices and numbers sent as text. */
  other: string[];
  /** For a schema that passes unnamed fields through: those the handler reads (patterns with `*`). */
  beyondSchema?: string[];
}

const url = (text: string) => `https://intra.example.se/${encodeURIComponent(text)}`;
const ids = (...names: string[]) => names;

export const TEXT_INPUTS: VerbTextInputs[] = [
  // Dissemination.
  { verb: 'broadcast.ack', freeText: [], other: ids('broadcastId') },
  { verb: 'broadcast.cancel', freeText: [], other: ids('broadcastId') },
  { verb: 'broadcast.compose', freeText: [], other: [], beyondSchema: [] },
  { verb: 'broadcast.confirm', freeText: [], other: ids('broadcastId', 'revision') },
  {
    verb: 'broadcast.create',
    freeText: [
      { field: 'title', where: 'the message to the parties', kept: true },
      { field: 'text', where: 'the message to the parties', kept: true },
      { field: 'links', where: 'the message to the parties (lines "title address")', kept: true, value: (text) => `${text} https://intra.example.se/beslut` },
      { field: 'links.title', where: 'the message to the parties', kept: true, key: () => 'links', value: (text) => [{ title: text, url: 'https://intra.example.se/beslut' }] },
      { field: 'links.url', where: 'the message to the parties', kept: true, key: () => 'links', value: (text) => [{ title: 'Beslut', url: url(text) }] },
    ],
    other: ids('audience', 'audienceBody', 'broadcastId', 'sendAt', 'sendDate', 'sendTime', 'partyId'),
  },
  { verb: 'broadcast.edit', freeText: [], other: ids('broadcastId') },
  { verb: 'broadcast.remind', freeText: [], other: ids('broadcastId') },
  { verb: 'broadcast.retry', freeText: [], other: ids('broadcastId') },
  { verb: 'broadcast.status', freeText: [], other: ids('broadcastId') },
  { verb: 'broadcast.view', freeText: [], other: ids('broadcastId') },
  { verb: 'orgchange.compose', freeText: [], other: [], beyondSchema: [] },
  { verb: 'remiss.compose', freeText: [], other: [], beyondSchema: [] },
  {
    verb: 'remiss.create',
    freeText: [
      { field: 'title', where: 'the remiss to the parties', kept: true },
      { field: 'text', where: 'the remiss to the parties', kept: true },
      { field: 'attachmentUrl', where: 'the remiss to the parties', kept: true, value: url },
    ],
    other: ids('dueDate', 'parties'),
  },
  {
    verb: 'remiss.answer',
    freeText: [
      { field: 'answer', where: "the party's answer", kept: true },
      { field: 'attachmentUrl', where: "the party's answer", kept: true, value: url },
    ],
    other: ids('remissId'),
  },
  { verb: 'remiss.decline', freeText: [{ field: 'reason', where: "the party's answer", kept: true }], other: ids('remissId') },
  { verb: 'remiss.remind', freeText: [], other: ids('remissId') },
  { verb: 'remiss.status', freeText: [], other: ids('remissId') },
  { verb: 'remiss.view', freeText: [], other: ids('remissId') },
  // Meetings.
  ...(['meeting.create', 'meeting.update'] as const).map(
    (verb): VerbTextInputs => ({
      verb,
      freeText: [
        { field: 'title', where: 'the notice to the invited', kept: true },
        { field: 'location', where: 'the notice to the invited', kept: true },
        { field: 'agenda', where: 'the notice to the invited (one item a line)', kept: true },
        { field: 'onlineUrl', where: 'the notice to the invited', kept: true, value: url },
        { field: 'materials', where: 'the notice to the invited (lines "title | address")', kept: true, value: (text) => `${text} | https://intra.example.se/handling` },
        { field: 'materials.title', where: 'the notice to the invited', kept: true, key: () => 'materials', value: (text) => [{ title: text, url: 'https://intra.example.se/handling' }] },
        { field: 'materials.url', where: 'the notice to the invited', kept: true, key: () => 'materials', value: (text) => [{ title: 'Handling', url: url(text) }] },
      ],
      other: ids('bodyId', 'date', 'endDate', 'endTime', 'endsAt', 'readingReminderDays', 'readingReminderTime', 'rsvpDeadline', 'startTime', 'startsAt', ...(verb === 'meeting.update' ? ['meetingId', 'sequence'] : [])),
    }),
  ),
  { verb: 'meeting.cancel', freeText: [{ field: 'reason', where: 'the cancellation to the invited', kept: true }], other: ids('meetingId', 'sequence') },
  { verb: 'meeting.edit', freeText: [], other: ids('meetingId'), beyondSchema: [] },
  { verb: 'meeting.followupAck', freeText: [], other: ids('meetingId'), beyondSchema: [] },
  { verb: 'meeting.list', freeText: [], other: [], beyondSchema: [] },
  { verb: 'meeting.new', freeText: [], other: [], beyondSchema: [] },
  {
    verb: 'meeting.notes',
    freeText: [
      { field: 'notes', where: 'the notes to the invited', kept: true },
      { field: 'decisions', where: 'the notes to the invited (one decision a line)', kept: true },
    ],
    other: ids('meetingId', 'forwardTo'),
  },
  { verb: 'meeting.notesForm', freeText: [], other: ids('meetingId'), beyondSchema: [] },
  { verb: 'meeting.cancelForm', freeText: [], other: ids('meetingId'), beyondSchema: [] },
  { verb: 'meeting.read', freeText: [], other: ids('meetingId'), beyondSchema: [] },
  { verb: 'meeting.refresh', freeText: [], other: ids('meetingId') },
  { verb: 'meeting.remind', freeText: [], other: ids('meetingId') },
  { verb: 'meeting.rsvp', freeText: [{ field: 'comment', where: "the member's answer, on the status card", kept: true }], other: ids('meetingId'), beyondSchema: [] },
  { verb: 'meeting.status', freeText: [], other: ids('meetingId'), beyondSchema: [] },
  // Cases.
  { verb: 'case.open', freeText: [], other: [], beyondSchema: [] },
  {
    verb: 'case.submit',
    freeText: [
      { field: 'title', where: 'the case', kept: true },
      { field: 'description', where: 'the case', kept: true },
      { field: 'links', where: 'the case (one address a line)', kept: true, value: url },
    ],
    other: ids('area', 'involved', 'parties', 'perspectives', 'principled', 'type', 'vulnerableGroups', 'wishedDate'),
  },
  { verb: 'case.transition', freeText: [{ field: 'comment', where: "the case's event, to the submitter", kept: true }], other: ids('caseId', 'level', 'settleBy') },
  { verb: 'case.view', freeText: [], other: ids('caseId') },
  // Directory.
  { verb: 'channel.link', freeText: [], other: ids('bodyId', 'partyId') },
  { verb: 'member.export', freeText: [], other: [], beyondSchema: [] },
  { verb: 'member.find', freeText: [{ field: 'query', where: 'shown back with the hits', kept: true }], other: [], beyondSchema: [] },
  {
    verb: 'member.form',
    freeText: [
      { field: 'name', where: "shown back in the form (a new member's)", kept: true, with: () => ({ aadObjectId: randomUUID() }) },
      { field: 'email', where: "shown back in the form (a new member's)", kept: true, with: () => ({ aadObjectId: randomUUID() }) },
    ],
    other: ids('aadObjectId', 'partyId'),
    beyondSchema: [],
  },
  { verb: 'member.import', freeText: [{ field: 'text', where: 'the import preview (every entry)', kept: true, value: (text) => importText(text) }], other: [] },
  { verb: 'member.importApply', freeText: [], other: ids('importId') },
  { verb: 'member.importForm', freeText: [], other: [], beyondSchema: [] },
  { verb: 'member.menu', freeText: [], other: [], beyondSchema: [] },
  { verb: 'member.remove', freeText: [], other: ids('aadObjectId', 'version'), beyondSchema: [] },
  { verb: 'member.roster', freeText: [], other: ids('partyId'), beyondSchema: [] },
  {
    verb: 'member.save',
    freeText: [
      { field: 'name', where: 'the directory entry', kept: true },
      { field: 'email', where: 'the directory entry', kept: true, value: (text) => `${text.replace(/\s+/g, '.')}@example.se` },
    ],
    other: ids('aadObjectId', 'bodies', 'partyId', 'roles', 'version'),
    beyondSchema: [],
  },
  // Introductions.
  { verb: 'onboarding.show', freeText: [], other: ids('checklistId'), beyondSchema: [] },
  {
    verb: 'onboarding.tick',
    freeText: [{ field: 'note_*', where: 'the step of the checklist', kept: true, key: (payload) => `note_${String(payload.step)}` }],
    other: ids('checklistId'),
    beyondSchema: ['note_*'],
  },
  {
    verb: 'onboarding.assign',
    freeText: [{ field: 'person_*', where: 'a search for the person; shown back when no one is found', kept: true, key: (payload) => `person_${String(payload.step)}` }],
    other: ids('checklistId'),
    beyondSchema: ['person_*'],
  },
  // Year plan, annual cycle, cost sharing, termination.
  { verb: 'year.addDate', freeText: [], other: ids('bodyId'), beyondSchema: ['add_*', 'addStart_*', 'addEnd_*', 'confirmed', 'date', 'start', 'end'] },
  { verb: 'year.open', freeText: [], other: [], beyondSchema: [] },
  { verb: 'year.propose', freeText: [], other: ids('firstDate', 'proposeBody', 'proposeEnd', 'proposeStart'), beyondSchema: [] },
  { verb: 'year.publish', freeText: [], other: [], beyondSchema: [] },
  { verb: 'year.removeDate', freeText: [], other: ids('bodyId'), beyondSchema: ['remove_*'] },
  { verb: 'year.report', freeText: [], other: [], beyondSchema: [] },
  { verb: 'year.settings', freeText: [], other: [], beyondSchema: [] },
  { verb: 'year.settingsSave', freeText: [], other: ['leadDays'], beyondSchema: ['date_*'] },
  { verb: 'cost.key', freeText: [], other: [], beyondSchema: [] },
  { verb: 'cost.keySave', freeText: [{ field: 'note', where: 'the distribution key', kept: true }], other: ids('effectiveFrom'), beyondSchema: ['w_*'] },
  {
    verb: 'cost.split',
    // A date late enough for the key the cost.keySave fixture saves (from next year) to apply.
    freeText: [{ field: 'what', where: 'shown back on the result', kept: true, with: () => ({ date: '2099-06-01' }) }],
    other: ids('amount', 'date'),
    beyondSchema: [],
  },
  { verb: 'notice.preview', freeText: [{ field: 'note', where: 'shown back on the preview', kept: true }], other: ids('noticeDate', 'partyId'), beyondSchema: [] },
  { verb: 'notice.confirm', freeText: [{ field: 'note', where: 'the notice of termination, to every party', kept: true }], other: ids('noticeDate', 'partyId'), beyondSchema: [] },
  { verb: 'notice.correct', freeText: [{ field: 'reason', where: 'the correction of a registration mistake, to every party', kept: true }], other: ids('noticeId'), beyondSchema: [] },
  { verb: 'notice.withdraw', freeText: [{ field: 'reason', where: 'the correction of a registration mistake, to every party (cards posted before)', kept: true }], other: ids('noticeId'), beyondSchema: [] },
  { verb: 'cost.meetings', freeText: [], other: [], beyondSchema: [] },
  { verb: 'cost.meetingAdd', freeText: [{ field: 'what', where: "the year's meeting costs", kept: true }], other: ids('formId', 'date', 'amount'), beyondSchema: [] },
  { verb: 'cost.meetingRemove', freeText: [], other: ids('entryId'), beyondSchema: [] },
  { verb: 'cost.meetingDivisionForm', freeText: [], other: [], beyondSchema: [] },
  {
    verb: 'cost.meetingDivision',
    freeText: [{ field: 'basis', where: "the year's decided division of meeting costs", kept: true }],
    other: ids('region', 'municipalities', 'decidedOn'),
    beyondSchema: [],
  },
  // Data protection, help.
  { verb: 'privacy.form', freeText: [], other: [], beyondSchema: [] },
  { verb: 'privacy.export', freeText: [{ field: 'query', where: 'a search for the member; not shown back', kept: false }], other: [] },
  { verb: 'privacy.eraseConfirm', freeText: [{ field: 'query', where: 'a search for the member; not shown back', kept: false }], other: [] },
  { verb: 'privacy.erase', freeText: [], other: ids('aadObjectId', 'version') },
  { verb: 'help.show', freeText: [], other: [], beyondSchema: [] },
  // The digest per party, items for the next meeting and the draft agendas.
  { verb: 'digest.view', freeText: [], other: ids('meetingId', 'partyId') },
  { verb: 'digest.tick', freeText: [], other: ids('meetingId', 'partyId', 'itemId') },
  { verb: 'digest.status', freeText: [], other: ids('meetingId'), beyondSchema: [] },
  { verb: 'agenda.proposeForm', freeText: [], other: ids('bodyId') },
  {
    verb: 'agenda.propose',
    freeText: [
      { field: 'title', where: "the draft agenda of the body's next meeting", kept: true },
      { field: 'text', where: "the draft agenda of the body's next meeting", kept: true },
    ],
    other: ids('formId', 'bodyId'),
  },
  { verb: 'agenda.draft', freeText: [], other: ids('bodyId') },
  // The register of projects and working groups.
  { verb: 'project.list', freeText: [], other: [], beyondSchema: [] },
  { verb: 'project.form', freeText: [], other: ids('projectId') },
  {
    verb: 'project.save',
    freeText: [
      { field: 'name', where: 'the register of projects and working groups', kept: true },
      { field: 'purpose', where: 'the register of projects and working groups', kept: true },
      { field: 'participants', where: 'e-mail addresses looked up in the directory; an unknown one is shown back', kept: true },
    ],
    other: ids('formId'),
  },
  // The yearly follow-up and the revisions of the agreement.
  { verb: 'year.followUpForm', freeText: [], other: [], beyondSchema: [] },
  {
    verb: 'year.followUp',
    freeText: [
      { field: 'note', where: "the year's follow-up record", kept: true },
      { field: 'minutesUrl', where: "the year's follow-up record (a link to the minutes)", kept: true, value: (text) => url(text) },
    ],
    other: ids('year', 'doneOn'),
  },
  { verb: 'revision.form', freeText: [], other: [], beyondSchema: [] },
  { verb: 'revision.create', freeText: [{ field: 'title', where: 'the revision, shown to every member', kept: true }], other: ids('formId', 'approvedOn') },
  { verb: 'revision.party', freeText: [{ field: 'approvedBy', where: "the party's standing with the revision", kept: true }], other: ids('revisionId', 'partyId', 'signedOn') },
  { verb: 'revision.status', freeText: [], other: ids('revisionId') },
];

/** A directory import that adds one person, whose name holds `text`. */
export function importText(text: string): string {
  const id = '1d000000-0000-4000-8000-000000000001';
  return ['aadObjectId;name;email;partyId;bodies;roles', `${id};${text.replace(/[;\n\r]/g, ' ')};nils.import@example.se;sandviken;;member`].join('\n');
}

export function textInputsOf(verb: string): VerbTextInputs | undefined {
  return TEXT_INPUTS.find((row) => row.verb === verb);
}

/** The table as docs/security.md shows it (checked by test/unit/security/securityDoc.test.ts): the free text only. */
export function renderFreeTextTable(): string {
  const rows = TEXT_INPUTS.filter((r) => r.freeText.length > 0)
    .sort((a, b) => a.verb.localeCompare(b.verb))
    .flatMap((r) => r.freeText.map((f) => `| \`${r.verb}\` | \`${f.field}\` | ${f.where} | ${f.kept ? 'yes' : 'no'} |`));
  return ['| verb | input | where the text goes | kept |', '|---|---|---|---|', ...rows].join('\n');
}
