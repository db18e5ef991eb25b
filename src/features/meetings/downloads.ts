import type { Download } from '../../kit/featureApp';
import type { Locale } from '../../config';
import { pickLocale, t } from '../../i18n';
import { formatDateTime } from '../../dates/dates';
import { toCsv } from '../../common/csv';
import { participants } from './answerRules';
import { buildIcs } from '../../common/ics';
import type { MeetingDoc } from './model';
import { MEETING_ID_PATTERN } from './model';
import type { MeetingServices } from './services';
import { deadlineText } from './text';

function fileName(meeting: MeetingDoc, extension: string): string {
  const slug = meeting.title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || 'mote'}-${meeting.startsAt.slice(0, 10)}.${extension}`;
}

function description(meeting: MeetingDoc, locale: Locale): string {
  const s = (key: Parameters<typeof t<'meetings'>>[2]) => t(locale, 'meetings', key);
  const lines = [meeting.bodyName];
  if (meeting.agenda.length > 0) lines.push('', `${s('labelAgenda')}:`, ...meeting.agenda.map((a, i) => `${i + 1}. ${a}`));
  if (meeting.materials.length > 0) lines.push('', `${s('labelMaterials')}:`, ...meeting.materials.map((m) => `- ${m.title}: ${m.url}`));
  if (meeting.onlineUrl) lines.push('', `${s('labelOnline')}: ${meeting.onlineUrl}`);
  if (meeting.status !== 'cancelled') lines.push('', `${s('labelDeadline')}: ${deadlineText(meeting.rsvpDeadline)[locale]}`);
  if (meeting.cancelReason) lines.push('', t(locale, 'meetings', 'cancelReason', { reason: meeting.cancelReason }));
  return lines.join('\n');
}

/** The .ics invitation: always the meeting's current version (a changed time, a cancellation). */
export async function icsDownload(svc: MeetingServices, params: Record<string, string>): Promise<Download | undefined> {
  const meeting = await load(svc, params.meetingId);
  if (!meeting) return undefined;
  const locale = svc.deps.config.defaultLocale;
  const cancelled = meeting.status === 'cancelled';
  return {
    filename: fileName(meeting, 'ics'),
    contentType: `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'PUBLISH'}`,
    body: buildIcs({
      uid: `${meeting.id}@lansledning-valfard`,
      sequence: meeting.sequence,
      cancelled,
      title: meeting.title,
      description: description(meeting, locale),
      location: meeting.location ?? meeting.onlineUrl,
      url: meeting.onlineUrl,
      startsAt: new Date(meeting.startsAt),
      endsAt: new Date(meeting.endsAt),
      stamp: svc.deps.clock.now(),
      organizer: meeting.organizer.email ? { name: meeting.organizer.name, email: meeting.organizer.email } : null,
    }),
  };
}

/** The answers as CSV for the secretariat: one row per member, with party, answer, read and acknowledgement. */
export async function csvDownload(svc: MeetingServices, params: Record<string, string>): Promise<Download | undefined> {
  const meeting = await load(svc, params.meetingId);
  if (!meeting) return undefined;
  const locale = pickLocale(params.locale, svc.deps.config.defaultLocale);
  const s = (key: Parameters<typeof t<'meetings'>>[2]) => t(locale, 'meetings', key);
  const [answers, parties] = await Promise.all([svc.repo.answers(meeting.id), svc.deps.directory.parties()]);
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  const rsvps = new Map(answers.rsvps.map((r) => [r.aadObjectId, r]));
  const reads = new Map(answers.reads.map((r) => [r.aadObjectId, r]));
  const acks = new Map(answers.acks.map((a) => [a.aadObjectId, a]));
  const at = (iso: string | undefined) => (iso ? formatDateTime(new Date(iso), locale) : null);
  const rows = participants(meeting, answers.answered)
    .sort((a, b) => (partyName.get(a.partyId) ?? a.partyId).localeCompare(partyName.get(b.partyId) ?? b.partyId, 'sv') || a.name.localeCompare(b.name, 'sv'))
    .map((p) => {
      const rsvp = rsvps.get(p.aadObjectId);
      return [
        partyName.get(p.partyId) ?? p.partyId,
        p.name,
        p.email,
        rsvp ? s(rsvp.response === 'attend' ? 'csvAttend' : 'csvAbsent') : s('csvNoAnswer'),
        rsvp?.comment ?? null,
        rsvp ? s(rsvp.substituteMentioned ? 'csvYes' : 'csvNo') : null,
        at(rsvp?.answeredAt),
        at(reads.get(p.aadObjectId)?.readAt),
        at(acks.get(p.aadObjectId)?.ackedAt),
      ];
    });
  const header = [s('csvParty'), s('csvName'), s('csvEmail'), s('csvAnswer'), s('csvComment'), s('csvSubstitute'), s('csvAnsweredAt'), s('csvRead'), s('csvAcked')];
  return { filename: fileName(meeting, 'csv'), contentType: 'text/csv; charset=utf-8', body: toCsv([header, ...rows]) };
}

async function load(svc: MeetingServices, meetingId: string | undefined): Promise<MeetingDoc | undefined> {
  if (!meetingId || !MEETING_ID_PATTERN.test(meetingId)) return undefined;
  return svc.repo.meeting(meetingId);
}
