import { z } from 'zod';
import type { FeatureApp, TurnInfo } from '../../kit/featureApp';
import { defineVerbs, verb } from '../../kit/verbs';
import { cardOf, form } from '../../kit/forms';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import { acknowledgeFollowUp, markRead, refresh, rsvp } from './answerHandlers';
import { meetingsDashboard } from './dashboard';
import { csvDownload, icsDownload } from './downloads';
import { draftSchema, openProposeForm, propose, showProposeForm, proposeFormSchema, proposeSchema, showDraft } from './agendaHandlers';
import { digestRefSchema, digestStatus, digestTickSchema, tickDigest, viewDigest } from './digestHandlers';
import { MeetingRepo } from './meetingRepo';
import { cancelMeeting, createMeeting, openCancelForm, openEditForm, openNewForm, showMeetingForm, updateMeeting } from './noticeHandlers';
import { openNotesForm, sendMeetingNotes } from './notesHandlers';
import { registerCalendarJobs } from './calendarJobs';
import { registerReminderJobs } from './reminderJobs';
import { cancelSchema, createSchema, meetingIdSchema, meetingRefSchema, notesSchema, remindSchema, rsvpSchema, updateSchema } from './schemas';
import { listMeetings, remindNow, showStatus } from './secretariatHandlers';
import type { MeetingServices } from './services';
import { refused } from './support';
import { CSV_LINK_MAX_AGE_MS } from '../../links';

const both = (key: Parameters<typeof t<'meetings'>>[2]) => ({ sv: t('sv', 'meetings', key), en: t('en', 'meetings', key) });

/**
 * Meetings: notices with RSVP (no substitute), reading and RSVP reminders, the secretariat's
 * status view with CSV export, .ics invitations, and notes with follow-up for those who were absent.
 */
export function registerMeetings(app: FeatureApp, deps: AppDeps) {
  const svc: MeetingServices = { deps, repo: new MeetingRepo(deps.store.containers.meetings) };

  app.command(
    { names: ['möte', 'möten', 'mote', 'moten', 'meeting', 'meetings'], display: { sv: 'möte', en: 'meeting' }, description: both('commandMeetings'), roles: 'everyone' },
    async (turn) => [await listMeetings(svc, turn)],
  );
  app.command(
    { names: ['nytt möte', 'ny kallelse', 'nytt mote', 'new meeting'], display: { sv: 'nytt möte', en: 'new meeting' }, description: both('commandNewMeeting'), roles: ['secretariat'] },
    async (turn) => [await openNewForm(svc, turn)],
  );
  // Teams' command menus are full: these open from the help card's buttons and the digest.
  app.quickAction({ verb: 'agenda.proposeForm', title: both('agendaProposeTitle'), roles: 'everyone' });
  app.quickAction({ verb: 'agenda.draft', title: both('agendaDraftButton'), roles: ['secretariat', 'preparer'] });
  app.quickAction({ verb: 'meeting.new', title: both('quickNewMeeting'), roles: ['secretariat'] });
  app.quickAction({ verb: 'meeting.list', title: both('quickMeetings'), roles: 'everyone' });

  app.download('meeting-ics', (params) => icsDownload(svc, params));
  app.download('meeting-csv', (params) => csvDownload(svc, params), { maxAgeMs: CSV_LINK_MAX_AGE_MS });
  registerReminderJobs(svc);
  registerCalendarJobs(svc);

  const dashboard = meetingsDashboard(svc);
  app.dashboard('meetings', dashboard.meetings);
  app.dashboard('year', dashboard.year);

  /** The meeting a submitted form names, or its refusal: a form whose meeting id is no id has no meeting. */
  const valid = (turn: TurnInfo, id: string | undefined): string => meetingIdSchema.safeParse(id ?? '').data ?? refused(turn, 'refusedNotFound');
  const forms = {
    // The notice is the answer's form: a refused comment comes back in it.
    notice: form('meeting-notice', async (turn, values) => cardOf(await refresh(svc, turn, { meetingId: valid(turn, values.meetingId), view: 'notice' }))),
    meeting: form('meeting-create', (turn, values) => showMeetingForm(svc, turn, values), { startsAt: 'startTime', endsAt: 'endTime' }),
    notes: form('meeting-notes', async (turn, values) => cardOf(await openNotesForm(svc, turn, { meetingId: valid(turn, values.meetingId) }))),
    cancel: form('meeting-cancel', (turn, values) => openCancelForm(svc, turn, { meetingId: valid(turn, values.meetingId) })),
  };

  return defineVerbs({
    // Members, for themselves.
    'meeting.rsvp': verb(rsvpSchema, (turn, data) => rsvp(svc, turn, data), { form: forms.notice }),
    'meeting.read': verb(meetingRefSchema, (turn, data) => markRead(svc, turn, data)),
    'meeting.refresh': verb(z.object({ meetingId: meetingIdSchema, view: z.enum(['notice', 'followup']).default('notice') }), (turn, data) =>
      refresh(svc, turn, data),
    ),
    'meeting.followupAck': verb(meetingRefSchema, (turn, data) => acknowledgeFollowUp(svc, turn, data)),
    'meeting.list': verb(z.object({}).passthrough(), (turn) => listMeetings(svc, turn)),
    // The secretariat.
    'meeting.new': verb(z.object({}).passthrough(), (turn) => openNewForm(svc, turn)),
    'meeting.create': verb(createSchema, (turn, input) => createMeeting(svc, turn, input), { form: forms.meeting, once: true }),
    'meeting.edit': verb(meetingRefSchema, (turn, data) => openEditForm(svc, turn, data)),
    'meeting.update': verb(updateSchema, (turn, data) => updateMeeting(svc, turn, data), { form: forms.meeting, once: true }),
    'meeting.cancelForm': verb(meetingRefSchema, (turn, data) => openCancelForm(svc, turn, data)),
    'meeting.cancel': verb(cancelSchema, (turn, data) => cancelMeeting(svc, turn, data), { form: forms.cancel, once: true }),
    'meeting.status': verb(meetingRefSchema, (turn, data) => showStatus(svc, turn, data)),
    'meeting.remind': verb(remindSchema, (turn, data) => remindNow(svc, turn, data)),
    'meeting.notesForm': verb(meetingRefSchema, (turn, data) => openNotesForm(svc, turn, data)),
    'meeting.notes': verb(notesSchema, (turn, data) => sendMeetingNotes(svc, turn, data), { form: forms.notes, once: true }),
    // The digest per party after a Länsledning meeting.
    'digest.view': verb(digestRefSchema, (_turn, data) => viewDigest(svc, data)),
    'digest.tick': verb(digestTickSchema, (turn, data) => tickDigest(svc, turn, data)),
    'digest.status': verb(meetingRefSchema, (turn, data) => digestStatus(svc, turn, data)),
    // Items from the parties for the next meeting, and the draft agendas.
    'agenda.proposeForm': verb(proposeFormSchema, (turn, data) => openProposeForm(svc, turn, data)),
    'agenda.propose': verb(proposeSchema, (turn, data) => propose(svc, turn, data), { form: form('agenda-propose', (turn, values) => showProposeForm(svc, turn, values)) }),
    'agenda.draft': verb(draftSchema, (turn, data) => showDraft(svc, turn, data)),
  });
}
