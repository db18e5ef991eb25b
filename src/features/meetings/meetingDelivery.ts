import type { OutboundCard, Recipient } from '../../delivery/types';
import { t } from '../../i18n';
import type { MeetingAnswers } from './meetingRepo';
import type { Invitee, MeetingDoc } from './model';
import { NOBODY, REFRESH_USER_LIMIT, meetingBase, noticeData, teamsUserId } from './noticeCards';
import { participants } from './answerRules';
import { followUpGroup } from './reminderRules';
import type { MeetingServices } from './services';
import type { Bi } from './text';
import { biT, dateTimeText, whenText } from './text';

const SOURCE = (meetingId: string) => ({ container: 'meetings' as const, pk: meetingId });

/** The batch that sent (or updated) version `sequence` of the notice. */
export const noticeBatchId = (sequence: number): string => `notice-${sequence}`;
export const notesBatchId = (version: number): string => `notes-${version}`;

function memberRecipient(aadObjectId: string): Recipient {
  return { kind: 'member', aadObjectId };
}

/**
 * Sends version `meeting.sequence` of the notice to every invitee's personal chat and to the body's
 * channel. A changed or cancelled meeting updates the earlier notice in place (`replaces`); each
 * member's copy shows their own answer.
 */
export async function sendNotice(svc: MeetingServices, meeting: MeetingDoc, now: Date): Promise<{ members: number; channel: boolean }> {
  const answers = meeting.sequence > 0 ? await svc.repo.answers(meeting.id) : undefined;
  const base = meetingBase(meeting, svc.deps.links, now, []);
  const rsvps = new Map(answers?.rsvps.map((r) => [r.aadObjectId, r]) ?? []);
  const recipients: Recipient[] = meeting.invitees.map((i) => memberRecipient(i.aadObjectId));
  if (meeting.channel) recipients.push({ kind: 'conversation', conversationKey: meeting.channel });
  const summary = `${t(svc.deps.config.defaultLocale, 'meetings', meeting.status === 'cancelled' ? 'noticeCancelled' : 'noticeTitle')}: ${meeting.title}`;
  const channelRefresh = meeting.invitees.slice(0, REFRESH_USER_LIMIT).map((i) => teamsUserId(i.aadObjectId));
  const message = (recipient: Recipient): OutboundCard => {
    if (recipient.kind === 'conversation') {
      return { template: 'meeting-notice', data: noticeData(meeting, NOBODY, { ...base, refreshUserIds: channelRefresh }, now), summary };
    }
    const viewer = {
      invited: true,
      rsvp: rsvps.get(recipient.aadObjectId),
      read: answers?.read.has(recipient.aadObjectId) ?? false,
      isSecretariat: false,
    };
    const own = { ...base, refreshUserIds: [teamsUserId(recipient.aadObjectId)] };
    return { template: 'meeting-notice', data: noticeData(meeting, viewer, own, now), summary };
  };
  await svc.deps.outbox.enqueue({
    batchId: noticeBatchId(meeting.sequence),
    source: SOURCE(meeting.id),
    recipients,
    message,
    ...(meeting.sequence > 0 ? { replaces: noticeBatchId(meeting.sequence - 1) } : {}),
  });
  return { members: meeting.invitees.length, channel: meeting.channel !== null };
}

export type ReminderMessageKind = 'reading' | 'rsvp' | 'followup';

/** A reminder card to each of `recipients`; the batch id makes a repeated run send nothing new. */
export async function sendReminder(
  svc: MeetingServices,
  meeting: MeetingDoc,
  kind: ReminderMessageKind,
  recipients: readonly Invitee[],
  batchId: string,
): Promise<number> {
  if (recipients.length === 0) return 0;
  const when = whenText(meeting);
  const texts: Record<ReminderMessageKind, { heading: Bi; text: Bi }> = {
    reading: { heading: biT('reminderReadingTitle'), text: biT('reminderReadingText', { title: meeting.title, when }) },
    rsvp: {
      heading: biT('reminderRsvpTitle'),
      text: biT('reminderRsvpText', { title: meeting.title, when, deadline: dateTimeText(meeting.rsvpDeadline) }),
    },
    followup: { heading: biT('reminderFollowUpTitle'), text: biT('reminderFollowUpText', { title: meeting.title, when }) },
  };
  const { heading, text } = texts[kind];
  const data = {
    meetingId: meeting.id,
    heading,
    text,
    materials: meeting.materials,
    showRsvp: kind === 'rsvp',
    showRead: kind === 'reading',
    showAck: kind === 'followup',
  };
  const result = await svc.deps.outbox.enqueue({
    batchId,
    source: SOURCE(meeting.id),
    recipients: recipients.map((r) => memberRecipient(r.aadObjectId)),
    message: { template: 'meeting-reminder', data, summary: heading[svc.deps.config.defaultLocale] },
  });
  return result.queued;
}

/**
 * Notes and decisions to every member: those who attended get the summary, those who were absent
 * or did not answer get the follow-up card (decisions first, "I have taken note"); the channel
 * gets the summary. A correction updates the earlier cards in place.
 */
export async function sendNotes(svc: MeetingServices, meeting: MeetingDoc, answers: MeetingAnswers): Promise<{ members: number; followUps: number }> {
  const notes = meeting.notes;
  if (!notes) return { members: 0, followUps: 0 };
  const people = participants(meeting, answers.answered);
  const followUps = new Set(followUpGroup(people, answers.answers).map((p) => p.aadObjectId));
  const common = notesCommon(meeting);
  const summary = `${t(svc.deps.config.defaultLocale, 'meetings', 'summaryHeading')}: ${meeting.title}`;
  const recipients: Recipient[] = people.map((p) => memberRecipient(p.aadObjectId));
  if (meeting.channel) recipients.push({ kind: 'conversation', conversationKey: meeting.channel });
  const message = (recipient: Recipient): OutboundCard => {
    if (recipient.kind === 'member' && followUps.has(recipient.aadObjectId)) {
      return { template: 'meeting-followup', data: followUpData(common, recipient.aadObjectId, answers.acks), summary };
    }
    return { template: 'meeting-summary', data: common, summary };
  };
  await svc.deps.outbox.enqueue({
    batchId: notesBatchId(notes.version),
    source: SOURCE(meeting.id),
    recipients,
    message,
    ...(notes.version > 1 ? { replaces: notesBatchId(notes.version - 1) } : {}),
  });
  return { members: people.length, followUps: followUps.size };
}

/** The follow-up card's data for one member, with their acknowledgement if they gave it. */
export function followUpData(common: object, aadObjectId: string, acks: readonly { aadObjectId: string; ackedAt: string }[]): object {
  const ack = acks.find((a) => a.aadObjectId === aadObjectId);
  return {
    ...common,
    ackText: ack ? biT('ackDone', { when: dateTimeText(ack.ackedAt) }) : null,
    canAck: !ack,
    refreshUserIds: [teamsUserId(aadObjectId)],
  };
}

/** The summary/follow-up fields shared by every recipient. */
export function notesCommon(meeting: MeetingDoc): object {
  const notes = meeting.notes;
  return {
    meetingId: meeting.id,
    title: meeting.title,
    bodyName: meeting.bodyName,
    when: whenText(meeting),
    corrected: (notes?.version ?? 1) > 1,
    decisions: (notes?.decisions ?? []).map((text, i) => ({ n: i + 1, text })),
    notes: notes?.text ?? '',
  };
}

/** The batch that carries a notes version on to the ticked networks' channels. */
export const networksBatchId = (version: number): string => `notes-${version}-networks`;

/**
 * Notes and decisions carried on to the networks the secretariat ticked (the agreement lets
 * Länsledning use skolchefsnätverk, socialchefsnätverk and regiongrupp to spread information), each
 * in its linked channel. A correction updates the cards in place. Returns the names of those that
 * got them and of those without a linked channel.
 */
export async function forwardNotes(
  svc: MeetingServices,
  meeting: MeetingDoc,
  networks: readonly { id: string; name: string; channel: string | null }[],
): Promise<{ sent: string[]; unlinked: string[] }> {
  const notes = meeting.notes;
  const ticked = networks.filter((n) => notes?.forwardTo?.includes(n.id));
  if (!notes || ticked.length === 0) return { sent: [], unlinked: [] };
  const linked = ticked.filter((n) => n.channel !== null);
  if (linked.length > 0) {
    await svc.deps.outbox.enqueue({
      batchId: networksBatchId(notes.version),
      source: SOURCE(meeting.id),
      recipients: linked.map((n) => ({ kind: 'conversation' as const, conversationKey: n.channel! })),
      message: { template: 'meeting-summary', data: notesCommon(meeting), summary: `${t(svc.deps.config.defaultLocale, 'meetings', 'summaryHeading')}: ${meeting.title}` },
      ...(notes.version > 1 ? { replaces: networksBatchId(notes.version - 1) } : {}),
    });
  }
  return { sent: linked.map((n) => n.name), unlinked: ticked.filter((n) => n.channel === null).map((n) => n.name) };
}
