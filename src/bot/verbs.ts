/**
 * Card action verbs: the contract between card templates and handlers (docs/architecture.md). Templates use
 * the string values; handlers are registered with these constants, so a typo fails to compile.
 */
export const VERBS = {
  // Members
  meetingRsvp: 'meeting.rsvp',
  meetingRead: 'meeting.read',
  meetingRefresh: 'meeting.refresh',
  caseSubmit: 'case.submit',
  caseTransition: 'case.transition',
  broadcastAck: 'broadcast.ack',
  remissAnswer: 'remiss.answer',
  // Secretariat
  meetingCreate: 'meeting.create',
  meetingNotes: 'meeting.notes',
  broadcastCreate: 'broadcast.create',
  remissCreate: 'remiss.create',
  channelLink: 'channel.link',
  // Cases: open the intake form, show a case (also the cards' refresh)
  caseOpen: 'case.open',
  caseView: 'case.view',
  // Meetings: the secretariat's forms and views beyond the contract
  meetingNew: 'meeting.new',
  meetingList: 'meeting.list',
  meetingStatus: 'meeting.status',
  meetingEdit: 'meeting.edit',
  meetingUpdate: 'meeting.update',
  meetingCancel: 'meeting.cancel',
  meetingRemind: 'meeting.remind',
  meetingNotesForm: 'meeting.notesForm',
  meetingFollowUpAck: 'meeting.followupAck',
  // Dissemination: compose, preview, status and follow-up
  broadcastCompose: 'broadcast.compose',
  broadcastConfirm: 'broadcast.confirm',
  broadcastEdit: 'broadcast.edit',
  broadcastCancel: 'broadcast.cancel',
  broadcastView: 'broadcast.view',
  broadcastStatus: 'broadcast.status',
  broadcastRemind: 'broadcast.remind',
  broadcastRetry: 'broadcast.retry',
  orgChangeCompose: 'orgchange.compose',
  remissCompose: 'remiss.compose',
  remissDecline: 'remiss.decline',
  remissView: 'remiss.view',
  remissStatus: 'remiss.status',
  remissRemind: 'remiss.remind',
  // Directory administration (secretariat)
  memberMenu: 'member.menu',
  memberFind: 'member.find',
  memberForm: 'member.form',
  memberSave: 'member.save',
  memberRemove: 'member.remove',
  memberImportForm: 'member.importForm',
  memberImport: 'member.import',
  memberImportApply: 'member.importApply',
  memberExport: 'member.export',
  memberRoster: 'member.roster',
  // Introduction of new participants
  onboardingShow: 'onboarding.show',
  onboardingTick: 'onboarding.tick',
  onboardingAssign: 'onboarding.assign',
  // Annual cycle
  yearOpen: 'year.open',
  yearPropose: 'year.propose',
  yearAddDate: 'year.addDate',
  yearRemoveDate: 'year.removeDate',
  yearPublish: 'year.publish',
  yearSettings: 'year.settings',
  yearSettingsSave: 'year.settingsSave',
  yearReport: 'year.report',
  // Cost sharing
  costKey: 'cost.key',
  costKeySave: 'cost.keySave',
  costSplit: 'cost.split',
  // Notice of termination
  noticePreview: 'notice.preview',
  noticeConfirm: 'notice.confirm',
  noticeWithdraw: 'notice.withdraw',
  // Data protection (secretariat)
  privacyForm: 'privacy.form',
  privacyExport: 'privacy.export',
  privacyEraseConfirm: 'privacy.eraseConfirm',
  privacyErase: 'privacy.erase',
  // The bot's own frame
  helpShow: 'help.show',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** The verbs docs/architecture.md names as the contract; every one must have a handler. */
export const CONTRACT_VERBS: readonly Verb[] = [
  VERBS.meetingRsvp,
  VERBS.meetingRead,
  VERBS.meetingRefresh,
  VERBS.caseSubmit,
  VERBS.caseTransition,
  VERBS.broadcastAck,
  VERBS.remissAnswer,
  VERBS.meetingCreate,
  VERBS.meetingNotes,
  VERBS.broadcastCreate,
  VERBS.remissCreate,
  VERBS.channelLink,
];
