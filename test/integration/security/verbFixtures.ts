import { createHash, randomUUID } from 'node:crypto';
import type { ManualClock } from '../../../src/clock';
import { isoDate } from '../../../src/dates/dates';
import { cardAction } from '../../support/activities';
import { invokeText } from '../../support/cards';
import { intakeForm } from '../../support/caseForm';
import { ACTORS, type RoleName } from './actors';
import { DIRECTORY_FIXTURES } from './directoryFixtures';
import type { GuardedApp } from './harness';
import { ONBOARDING_FIXTURES } from './onboardingFixtures';

export type PlaceKind = 'personal' | 'channel';

/** What a fixture can do to prepare a press: act as anyone, anywhere. */
export interface FixtureContext {
  app: GuardedApp;
  clock: ManualClock;
  /** Presses a card as `role` and returns what they read. */
  press(role: RoleName, verb: string, data: unknown, where?: PlaceKind, replyToId?: string): Promise<{ status: number; text: string; raw: string }>;
}

/**
 * How to use one verb validly: `payload` makes what the verb acts on (fresh for every call, so
 * one role's action never makes the next one's stale) and returns card data a permitted person
 * could send. The fuzzer starts from the same data.
 */
export interface VerbFixture {
  verb: string;
  where?: PlaceKind;
  payload(ctx: FixtureContext, role: RoleName): Promise<Record<string, unknown>>;
  /** What a permitted person reads when it was carried out. */
  allowed?: RegExp;
  /** How this verb says "not you" when it is not the standard card (e.g. "you are not invited"). */
  refusal?: RegExp;
  /** How this verb turns down bad input when it is not the error card (e.g. a form shown again with its problems). */
  rejection?: RegExp;
  /** Fields that name a thing (meeting, case, broadcast…), which the fuzzer points elsewhere. */
  idFields?: string[];
  /** Fields holding dates, which the fuzzer puts out of range. */
  dateFields?: string[];
  /** Date fields the verb lets be empty (then it takes its default, e.g. today), so an empty one is no bad date. */
  optionalDateFields?: string[];
  /** Ids of things of the same kind the verb must refuse to touch for this person (another meeting, an unknown id). */
  foreignIds?(ctx: FixtureContext, role: RoleName): Promise<Record<string, string[]>>;
}

export const CHANNEL = { kind: 'channel' as const, channelId: '19:security-channel@thread.tacv2', teamId: '19:security-team@thread.tacv2' };

export function placeOf(serviceUrl: string, where: PlaceKind = 'personal') {
  return where === 'channel' ? { serviceUrl, conversation: CHANNEL } : { serviceUrl };
}

/** A context over a running app. */
export function fixtureContext(app: GuardedApp, clock: ManualClock): FixtureContext {
  return {
    app,
    clock,
    async press(role, verb, data, where = 'personal', replyToId = `card-${randomUUID()}`) {
      const res = await app.bot.post(cardAction(ACTORS[role].user, placeOf(app.bot.connector.serviceUrl, where), verb, data, replyToId));
      return { status: res.status, text: res.status === 200 ? invokeText(res.body) : JSON.stringify(res.body), raw: JSON.stringify(res.body) };
    },
  };
}

const DAY = 86_400_000;

/** A Länsledning meeting (or another body's) a week ahead, made by the secretariat; returns its id. */
export async function newMeeting(ctx: FixtureContext, bodyId = 'lansledning'): Promise<string> {
  const startsAt = new Date(ctx.clock.now().getTime() + 7 * DAY);
  const local = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).replace(' ', 'T').slice(0, 16);
  const replyToId = `card-${randomUUID()}`;
  const res = await ctx.press(
    'secretariat',
    'meeting.create',
    { bodyId, title: 'Länsledningens möte', startsAt: local(startsAt), endsAt: local(new Date(startsAt.getTime() + 2 * 3_600_000)), location: 'Gävle', confirmNotFriday: 'true' },
    'personal',
    replyToId,
  );
  if (!/Kallelsen skickas till/.test(res.text)) throw new Error(`meeting not created: ${res.text}`);
  return `m-${isoDate(startsAt)}-${createHash('sha256').update(replyToId).digest('hex').slice(0, 10)}`;
}

/** A meeting that has taken place, with its notes sent. */
async function heldMeeting(ctx: FixtureContext): Promise<string> {
  const id = await newMeeting(ctx);
  ctx.clock.advance(7 * DAY + 3 * 3_600_000);
  const res = await ctx.press('secretariat', 'meeting.notes', { meetingId: id, notes: 'Mötet hölls.', decisions: 'Beslut om SIP-rutin' });
  if (!/Anteckningar och beslut skickas/.test(res.text)) throw new Error(`notes not sent: ${res.text}`);
  return id;
}

/** A revision of the agreement the secretariat recorded (once: the same form id). */
async function recordedRevision(ctx: FixtureContext): Promise<string> {
  const formId = 'f-00000000000000aa';
  const res = await ctx.press('secretariat', 'revision.create', { formId, title: 'Revision 2026', approvedOn: isoDate(ctx.clock.now()) });
  if (!/Revision 2026, godkänd av Länsledning Välfärd/.test(res.text)) throw new Error(`revision not recorded: ${res.text}`);
  return `revision:${formId}`;
}

const INTAKE = intakeForm();

/** A case submitted by the Gävle member; returns its number. */
async function newCase(ctx: FixtureContext): Promise<string> {
  const res = await ctx.press('member', 'case.submit', INTAKE);
  const number = /LV-\d{4}-\d{4,}/.exec(res.text)?.[0];
  if (!number) throw new Error(`case not submitted: ${res.text}`);
  return number;
}

const NOT_INVITED = /Du är inte kallad till det här mötet/;
const MEETING_FORM_PROBLEMS = /Kallelsen kunde inte skickas|Ny kallelse|Ändra kallelse/;
const meetingOf = (payload: (id: string) => Record<string, unknown>, make: (ctx: FixtureContext) => Promise<string> = (ctx) => newMeeting(ctx)) =>
  async (ctx: FixtureContext) => payload(await make(ctx));
const foreignMeetings = async (ctx: FixtureContext) => ({ meetingId: [await newMeeting(ctx, 'utskott-vuxna'), 'm-2020-01-01-0000000000'] });

/** A broadcast drafted by the secretariat (a decision to Gävle, to acknowledge); sent unless `draft`. */
export async function newBroadcast(ctx: FixtureContext, draft = false): Promise<{ broadcastId: string; revision: number }> {
  const res = await ctx.press('secretariat', 'broadcast.create', { kind: 'decision', title: 'Beslut om SIP-rutin', text: 'Länsledningen har beslutat om en gemensam rutin.', audience: 'gavle', requiresAck: 'true' });
  const broadcastId = /b-[a-z0-9]{8,32}/.exec(res.raw)?.[0];
  const revision = Number(/"revision":"?(\d+)/.exec(res.raw)?.[1] ?? 1);
  if (!broadcastId) throw new Error(`no draft: ${res.text}`);
  if (!draft) {
    const sent = await ctx.press('secretariat', 'broadcast.confirm', { broadcastId, revision, when: 'now' });
    if (!/Skickat till/.test(sent.text)) throw new Error(`not sent: ${sent.text}`);
  }
  return { broadcastId, revision };
}

/** A remiss to Gävle from the secretariat, due in a month. */
export async function newRemiss(ctx: FixtureContext): Promise<string> {
  const due = isoDate(new Date(ctx.clock.now().getTime() + 30 * DAY));
  const res = await ctx.press('secretariat', 'remiss.create', { title: 'Remiss om SIP-rutin', text: 'Svara senast på förfallodagen.', dueDate: due, parties: 'gavle' });
  const remissId = /r-[a-z0-9]{8,32}/.exec(res.raw)?.[0];
  if (!remissId) throw new Error(`no remiss: ${res.text}`);
  return remissId;
}

const foreignBroadcasts = () => Promise.resolve({ broadcastId: ['b-0000000000000000', 'b-zzzzzzzzzzzz'] });
const foreignRemisser = () => Promise.resolve({ remissId: ['r-0000000000000000', 'r-zzzzzzzzzzzz'] });
const sentBroadcast = async (ctx: FixtureContext) => ({ broadcastId: (await newBroadcast(ctx)).broadcastId });
const draftBroadcast = async (ctx: FixtureContext) => ({ broadcastId: (await newBroadcast(ctx, true)).broadcastId });

export const FIXTURES: VerbFixture[] = [
  ...DIRECTORY_FIXTURES,
  ...ONBOARDING_FIXTURES,
  // Dissemination.
  { verb: 'broadcast.compose', payload: () => Promise.resolve({}) },
  { verb: 'orgchange.compose', payload: () => Promise.resolve({}) },
  {
    verb: 'broadcast.create',
    payload: () => Promise.resolve({ kind: 'decision', title: 'Beslut om SIP-rutin', text: 'Länsledningen har beslutat.', audience: 'gavle', requiresAck: 'true' }),
    allowed: /Förhandsgranskning/,
    idFields: ['audience', 'audienceBody', 'partyId'],
    dateFields: ['sendAt', 'sendDate'],
    optionalDateFields: ['sendAt', 'sendDate'],
    foreignIds: () => Promise.resolve({ audience: ['uppsala', 'lansledning'], audienceBody: ['no-such-body'], partyId: ['uppsala'] }),
  },
  {
    verb: 'broadcast.confirm',
    payload: async (ctx) => ({ ...(await newBroadcast(ctx, true)), when: 'now' }),
    allowed: /Skickat till/,
    idFields: ['broadcastId'],
    foreignIds: foreignBroadcasts,
  },
  { verb: 'broadcast.edit', payload: draftBroadcast, idFields: ['broadcastId'], foreignIds: foreignBroadcasts },
  { verb: 'broadcast.cancel', payload: draftBroadcast, idFields: ['broadcastId'], foreignIds: foreignBroadcasts },
  { verb: 'broadcast.ack', payload: sentBroadcast, allowed: /Kvittensen är registrerad|mottaget och fört vidare av/, idFields: ['broadcastId'], foreignIds: foreignBroadcasts },
  { verb: 'broadcast.view', payload: sentBroadcast, idFields: ['broadcastId'], foreignIds: foreignBroadcasts },
  { verb: 'broadcast.status', payload: sentBroadcast, allowed: /Status för utskick/, idFields: ['broadcastId'], foreignIds: foreignBroadcasts },
  { verb: 'broadcast.remind', payload: sentBroadcast, idFields: ['broadcastId'], foreignIds: foreignBroadcasts },
  { verb: 'broadcast.retry', payload: sentBroadcast, idFields: ['broadcastId'], foreignIds: foreignBroadcasts },
  { verb: 'remiss.compose', payload: () => Promise.resolve({}) },
  {
    verb: 'remiss.create',
    payload: (ctx) => Promise.resolve({ title: 'Remiss om SIP-rutin', text: 'Svara senast på förfallodagen.', dueDate: isoDate(new Date(ctx.clock.now().getTime() + 30 * DAY)), parties: 'gavle' }),
    idFields: ['parties'],
    dateFields: ['dueDate'],
    foreignIds: () => Promise.resolve({ parties: ['uppsala', 'lansledning'] }),
  },
  {
    verb: 'remiss.answer',
    payload: async (ctx) => ({ remissId: await newRemiss(ctx), answer: 'Gävle kommun tillstyrker förslaget.' }),
    idFields: ['remissId'],
    foreignIds: foreignRemisser,
  },
  {
    verb: 'remiss.decline',
    payload: async (ctx) => ({ remissId: await newRemiss(ctx), reason: 'Berör inte oss.' }),
    idFields: ['remissId'],
    foreignIds: foreignRemisser,
  },
  { verb: 'remiss.view', payload: async (ctx) => ({ remissId: await newRemiss(ctx) }), idFields: ['remissId'], foreignIds: foreignRemisser },
  { verb: 'remiss.status', payload: async (ctx) => ({ remissId: await newRemiss(ctx) }), idFields: ['remissId'], foreignIds: foreignRemisser },
  { verb: 'remiss.remind', payload: async (ctx) => ({ remissId: await newRemiss(ctx) }), idFields: ['remissId'], foreignIds: foreignRemisser },
  {
    verb: 'help.show',
    payload: () => Promise.resolve({}),
    allowed: /Dina roller|Du finns inte i katalogen\. Kontakta/,
  },
  {
    verb: 'channel.link',
    where: 'channel',
    payload: () => Promise.resolve({ partyId: 'gavle' }),
    allowed: /Kanalen är nu kopplad till \*\*Gävle kommun\*\*/,
    idFields: ['partyId'],
    foreignIds: () => Promise.resolve({ partyId: ['uppsala', 'lansledning'] }),
  },
  // Meetings: members for themselves.
  {
    verb: 'meeting.rsvp',
    payload: meetingOf((meetingId) => ({ meetingId, response: 'attend', comment: 'Jag kommer.' })),
    allowed: /Ditt svar är sparat/,
    refusal: NOT_INVITED,
    idFields: ['meetingId'],
    foreignIds: foreignMeetings,
  },
  {
    verb: 'meeting.read',
    payload: meetingOf((meetingId) => ({ meetingId })),
    allowed: /Du har markerat handlingarna som lästa/,
    refusal: NOT_INVITED,
    idFields: ['meetingId'],
    foreignIds: foreignMeetings,
  },
  {
    verb: 'meeting.refresh',
    payload: meetingOf((meetingId) => ({ meetingId })),
    allowed: /Länsledningens möte/,
    idFields: ['meetingId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'] }),
  },
  {
    verb: 'meeting.followupAck',
    payload: meetingOf((meetingId) => ({ meetingId }), heldMeeting),
    allowed: /Du kvitterade/,
    refusal: NOT_INVITED,
    idFields: ['meetingId'],
    foreignIds: foreignMeetings,
  },
  { verb: 'meeting.list', payload: () => Promise.resolve({}), allowed: /Kommande möten|Inga kommande möten/ },
  // Meetings: the secretariat.
  { verb: 'meeting.new', payload: () => Promise.resolve({}), allowed: /Ny kallelse/ },
  {
    verb: 'meeting.create',
    payload: (ctx) => {
      const startsAt = new Date(ctx.clock.now().getTime() + 7 * DAY);
      const local = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).replace(' ', 'T').slice(0, 16);
      return Promise.resolve({
        bodyId: 'lansledning',
        title: 'Extra möte',
        startsAt: local(startsAt),
        endsAt: local(new Date(startsAt.getTime() + 3_600_000)),
        location: 'Gävle',
        confirmNotFriday: 'true',
      });
    },
    allowed: /Kallelsen skickas till/,
    rejection: MEETING_FORM_PROBLEMS,
    idFields: ['bodyId'],
    dateFields: ['startsAt', 'endsAt'],
    foreignIds: () => Promise.resolve({ bodyId: ['gavle', 'no-such-body', 'skolchefsnatverk'] }),
  },
  {
    verb: 'meeting.edit',
    payload: meetingOf((meetingId) => ({ meetingId })),
    allowed: /Ändra kallelse/,
    idFields: ['meetingId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'] }),
  },
  {
    verb: 'meeting.update',
    payload: async (ctx) => {
      const meetingId = await newMeeting(ctx);
      const startsAt = new Date(ctx.clock.now().getTime() + 7 * DAY);
      const local = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).replace(' ', 'T').slice(0, 16);
      return {
        meetingId,
        sequence: 0,
        bodyId: 'lansledning',
        title: 'Länsledningens möte (ny lokal)',
        startsAt: local(startsAt),
        endsAt: local(new Date(startsAt.getTime() + 2 * 3_600_000)),
        location: 'Sandviken',
        confirmNotFriday: 'true',
      };
    },
    allowed: /Ändringen skickas/,
    rejection: MEETING_FORM_PROBLEMS,
    idFields: ['meetingId', 'bodyId'],
    dateFields: ['startsAt', 'endsAt'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'], bodyId: ['gavle', 'no-such-body'] }),
  },
  {
    verb: 'meeting.cancel',
    payload: meetingOf((meetingId) => ({ meetingId, reason: 'Krockar med budgetmötet' })),
    allowed: /Mötet är inställt/,
    idFields: ['meetingId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'] }),
  },
  {
    verb: 'meeting.cancelForm',
    payload: meetingOf((meetingId) => ({ meetingId })),
    allowed: /Vill du ställa in mötet\?/,
    idFields: ['meetingId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'] }),
  },
  {
    verb: 'meeting.status',
    payload: meetingOf((meetingId) => ({ meetingId })),
    allowed: /Länsledningens möte/,
    idFields: ['meetingId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'] }),
  },
  {
    verb: 'meeting.remind',
    payload: meetingOf((meetingId) => ({ meetingId, kind: 'rsvp' })),
    allowed: /Påminnelsen skickas till|Det finns ingen att påminna/,
    idFields: ['meetingId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'] }),
  },
  {
    verb: 'meeting.notesForm',
    payload: async (ctx) => {
      const meetingId = await newMeeting(ctx);
      ctx.clock.advance(7 * DAY + 3 * 3_600_000);
      return { meetingId };
    },
    allowed: /Länsledningens möte/,
    idFields: ['meetingId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'] }),
  },
  {
    verb: 'meeting.notes',
    payload: async (ctx) => {
      const meetingId = await newMeeting(ctx);
      ctx.clock.advance(7 * DAY + 3 * 3_600_000);
      return { meetingId, notes: 'Mötet hölls i Gävle.', decisions: 'Beslut om SIP-rutin' };
    },
    allowed: /Anteckningar och beslut skickas/,
    idFields: ['meetingId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'] }),
  },
  // The digest per party after a Länsledning meeting (Gävle's: the `member` actor's party).
  {
    verb: 'digest.view',
    payload: async (ctx) => ({ meetingId: await heldMeeting(ctx), partyId: 'gavle' }),
    allowed: /Att ta med hem – Gävle kommun/,
    idFields: ['meetingId', 'partyId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'], partyId: ['uppsala', 'no-such-party'] }),
  },
  {
    verb: 'digest.tick',
    payload: async (ctx) => ({ meetingId: await heldMeeting(ctx), partyId: 'gavle', itemId: 'd1' }),
    allowed: /Taget hem av Mats Medlem/,
    idFields: ['meetingId', 'partyId', 'itemId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'], partyId: ['ockelbo', 'no-such-party'], itemId: ['d99', 'r:r-0000000000000000'] }),
  },
  {
    verb: 'digest.status',
    payload: async (ctx) => ({ meetingId: await heldMeeting(ctx) }),
    allowed: /Sammandrag per part/,
    idFields: ['meetingId'],
    foreignIds: () => Promise.resolve({ meetingId: ['m-2020-01-01-0000000000'] }),
  },
  // Items from the parties for the next meeting, and the draft agendas.
  { verb: 'agenda.proposeForm', payload: () => Promise.resolve({ bodyId: 'lansledning' }), allowed: /Inför nästa möte/, idFields: ['bodyId'] },
  {
    verb: 'agenda.propose',
    payload: () => Promise.resolve({ formId: `f-${createHash('sha256').update(randomUUID()).digest('hex').slice(0, 16)}`, bodyId: 'lansledning', title: 'Gemensam rutin för SIP', text: '', isCase: 'false' }),
    allowed: /Tack\. "Gemensam rutin för SIP" ligger på utkastet till dagordning/,
    rejection: /Förslaget är inte sparat/,
    idFields: ['bodyId'],
    foreignIds: () => Promise.resolve({ bodyId: ['no-such-body'] }),
  },
  {
    verb: 'agenda.draft',
    payload: () => Promise.resolve({ bodyId: 'beredningsorgan' }),
    allowed: /Utkast till dagordning – Beredningsorgan/,
    idFields: ['bodyId'],
    foreignIds: () => Promise.resolve({ bodyId: ['no-such-body'] }),
  },
  // The yearly follow-up of the agreement.
  { verb: 'year.followUpForm', payload: () => Promise.resolve({}), allowed: /Årets uppföljning av överenskommelsen/ },
  {
    verb: 'year.followUp',
    payload: (ctx) => Promise.resolve({ year: isoDate(ctx.clock.now()).slice(0, 4), doneOn: isoDate(ctx.clock.now()), minutesUrl: 'https://example.se/protokoll.pdf', note: '' }),
    allowed: /införd av/,
    rejection: /Inget är sparat/,
    dateFields: ['doneOn'],
  },
  // Revisions of the agreement per party.
  { verb: 'revision.form', payload: () => Promise.resolve({}), allowed: /Ny revision av överenskommelsen/ },
  {
    verb: 'revision.create',
    payload: (ctx) => Promise.resolve({ formId: `f-${createHash('sha256').update(randomUUID()).digest('hex').slice(0, 16)}`, title: 'Revision februari', approvedOn: isoDate(ctx.clock.now()) }),
    allowed: /Revision februari, godkänd av Länsledning Välfärd/,
    rejection: /Inget är sparat/,
    dateFields: ['approvedOn'],
  },
  {
    verb: 'revision.party',
    payload: async (ctx) => ({ revisionId: await recordedRevision(ctx), partyId: 'gavle', approvedBy: 'Kommunfullmäktige § 45', signedOn: '' }),
    allowed: /Införd för Gävle kommun/,
    rejection: /Inget är sparat/,
    idFields: ['revisionId', 'partyId'],
    dateFields: ['signedOn'],
    optionalDateFields: ['signedOn'],
    foreignIds: () => Promise.resolve({ revisionId: ['revision:f-0000000000000000'], partyId: ['no-such-party'] }),
  },
  {
    verb: 'revision.status',
    payload: async (ctx) => ({ revisionId: await recordedRevision(ctx) }),
    allowed: /Undertecknad: /,
    idFields: ['revisionId'],
    foreignIds: () => Promise.resolve({ revisionId: ['revision:f-0000000000000000'] }),
  },
  // The register of projects and working groups.
  { verb: 'project.list', payload: () => Promise.resolve({}), allowed: /Projekt och arbetsgrupper/ },
  { verb: 'project.form', payload: () => Promise.resolve({}), allowed: /Projekt eller arbetsgrupp/, idFields: ['projectId'], foreignIds: () => Promise.resolve({ projectId: ['project:f-0000000000000000'] }) },
  {
    verb: 'project.save',
    payload: () => Promise.resolve({ formId: `f-${createHash('sha256').update(randomUUID()).digest('hex').slice(0, 16)}`, kind: 'working-group', name: 'Arbetsgrupp SIP', purpose: '', participants: '' }),
    allowed: /Arbetsgrupp SIP/,
    rejection: /Inget är sparat/,
  },
  // Data protection.
  { verb: 'privacy.form', payload: () => Promise.resolve({}), allowed: /Personuppgifter om en medlem/ },
  { verb: 'privacy.export', payload: () => Promise.resolve({ query: 'mats.medlem@example.se' }), allowed: /Utdraget för \*\*Mats Medlem\*\*/, idFields: ['query'], foreignIds: () => Promise.resolve({ query: ['ingen.alls@example.se', ''] }) },
  {
    verb: 'privacy.eraseConfirm',
    payload: () => Promise.resolve({ query: 'mats.medlem@example.se' }),
    allowed: /förekommer i \d+ sparade poster/,
    idFields: ['query'],
    foreignIds: () => Promise.resolve({ query: ['ingen.alls@example.se', ''] }),
  },
  {
    verb: 'privacy.erase',
    payload: async (ctx) => {
      const directory = ctx.app.bot.app.deps.directory;
      const aadObjectId = randomUUID();
      await directory.putMember({ aadObjectId, name: 'Lena Lämnat', email: `lena.${aadObjectId.slice(0, 8)}@example.se`, partyId: 'gavle', bodies: ['lansledning'], roles: ['member'], source: 'admin' });
      return { aadObjectId, version: (await directory.member(aadObjectId))!._etag };
    },
    allowed: /Klart\. \d+ poster togs bort/,
    idFields: ['aadObjectId'],
    foreignIds: () => Promise.resolve({ aadObjectId: ['00000000-0000-4000-8000-00000000dead'] }),
  },
  // Cases.
  { verb: 'case.open', payload: () => Promise.resolve({}), allowed: /Nytt ärende till beredningsorganet/ },
  {
    verb: 'case.submit',
    payload: () => Promise.resolve({ ...INTAKE }),
    allowed: /Ärendet har fått nummer/,
    rejection: /Nytt ärende till beredningsorganet/,
    dateFields: ['wishedDate'],
    optionalDateFields: ['wishedDate'],
    idFields: ['parties', 'area', 'type'],
    foreignIds: () => Promise.resolve({ parties: ['uppsala', 'lansledning'], area: ['no-such-area'], type: ['no-such-type'] }),
  },
  {
    verb: 'case.view',
    payload: async (ctx) => ({ caseId: await newCase(ctx) }),
    allowed: /LV-\d{4}-\d{4}/,
    idFields: ['caseId'],
    foreignIds: () => Promise.resolve({ caseId: ['LV-1999-0001', 'LV-2026-9999'] }),
  },
  {
    verb: 'case.transition',
    payload: async (ctx) => ({ caseId: await newCase(ctx), to: 'preparing', comment: 'Jag tar det.' }),
    allowed: /Klart\./,
    refusal: /Bara .+ kan göra det här/,
    idFields: ['caseId'],
    foreignIds: () => Promise.resolve({ caseId: ['LV-1999-0001', 'LV-2026-9999'] }),
  },
];

export function fixtureFor(verb: string): VerbFixture | undefined {
  return FIXTURES.find((f) => f.verb === verb);
}
