import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { loadConfig } from '../../../src/config';
import { createOutlookCalendar } from '../../../src/calendar/graph';
import type { CalendarMeeting, OutlookCalendar } from '../../../src/calendar/port';
import { CalendarError } from '../../../src/calendar/port';
import { createLogger } from '../../../src/log';
import { FakeGraph } from '../../support/fakeGraph';
import { selfSignedCertificate } from '../../support/selfSignedCertificate';

const ORGANIZER = 'lansledning@region.example';

function meeting(overrides: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    meetingId: 'm-2026-10-30-abcdef1234',
    title: 'Länsledning Välfärd, oktober',
    bodyName: 'Länsledning Välfärd',
    startsAt: '2026-10-30T08:00:00.000Z',
    endsAt: '2026-10-30T11:00:00.000Z',
    location: 'Rådhuset, Gävle',
    onlineUrl: null,
    agenda: ['Handlingsplanen', 'Remiss <SIP> & övrigt'],
    materials: [{ title: 'Handlingsplan', url: 'https://docs.example/plan.pdf' }],
    rsvpDeadline: '2026-10-23T21:59:59.999Z',
    attendees: [
      { name: 'Anna Gävle', email: 'anna@gavle.example' },
      { name: 'Bo Sandviken', email: 'bo@sandviken.example' },
    ],
    ...overrides,
  };
}

describe('the Outlook calendar over Microsoft Graph (against a fake Graph)', () => {
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  const log = createLogger('silent');
  let graph: FakeGraph;
  let waits: number[];
  let calendar: OutlookCalendar;

  function outlook(env: Record<string, string>): OutlookCalendar {
    const config = loadConfig({ ...env, PUBLIC_BASE_URL: 'https://bot.example' });
    if (config.calendar.kind !== 'graph') throw new Error('graph settings expected');
    return createOutlookCalendar(config.calendar, {
      log,
      clock,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      random: () => 0,
    });
  }

  beforeEach(async () => {
    graph = await new FakeGraph().start();
    waits = [];
    calendar = outlook(graph.env(ORGANIZER));
  });
  afterEach(() => graph.stop());

  it('creates one event in the organizer mailbox with the invitees as attendees and a Teams meeting, in Swedish time', async () => {
    const event = await calendar.publish(meeting());
    const stored = graph.onlyEvent();
    assert.equal(stored.id, event.eventId);
    assert.match(event.joinUrl ?? '', /^https:\/\/teams\.microsoft\.example\/l\/meetup-join\//);
    assert.deepEqual(
      stored.attendees.map((a) => a.emailAddress.address),
      ['anna@gavle.example', 'bo@sandviken.example'],
    );
    assert.equal(stored.isOnlineMeeting, true);
    assert.deepEqual(stored.start, { dateTime: '2026-10-30T09:00:00', timeZone: 'W. Europe Standard Time' }, 'winter time after 25 October');
    assert.match(stored.body.content, /Remiss &lt;SIP&gt; &amp; övrigt/, 'text from the form is escaped in the invitation');
    assert.match(stored.body.content, /Ingen ersättare vid frånvaro/);
    assert.equal(graph.graphCalls('POST', /\/users\/lansledning%40region\.example\/events$/).length, 1);
  });

  it('a second publish of the same meeting (a retry after a lost answer) finds the first event instead of making another', async () => {
    const first = await calendar.publish(meeting());
    const again = await calendar.publish(meeting());
    assert.deepEqual(again, first);
    assert.equal(graph.events.size, 1);
    assert.equal(graph.graphCalls('POST').length, 1);
  });

  it('a meeting with its own link gets no Teams meeting: the link is in the invitation', async () => {
    const event = await calendar.publish(meeting({ onlineUrl: 'https://zoom.example/j/1' }));
    assert.equal(event.joinUrl, null);
    assert.equal(graph.onlyEvent().isOnlineMeeting, false);
    assert.match(graph.onlyEvent().body.content, /https:\/\/zoom\.example\/j\/1/);
  });

  it('an update changes the event; a cancel cancels it with the reason; cancelling again is not an error', async () => {
    const { eventId } = await calendar.publish(meeting());
    await calendar.update(eventId, meeting({ title: 'Flyttat möte', startsAt: '2026-10-30T09:00:00.000Z', endsAt: '2026-10-30T12:00:00.000Z' }));
    assert.equal(graph.onlyEvent().subject, 'Flyttat möte');
    assert.equal(graph.onlyEvent().start.dateTime, '2026-10-30T10:00:00');
    await calendar.cancel(eventId, 'Ordföranden är sjuk');
    assert.equal(graph.onlyEvent().isCancelled, true);
    assert.equal(graph.onlyEvent().cancelComment, 'Ordföranden är sjuk');
    graph.events.delete(eventId);
    await calendar.cancel(eventId, null);
  });

  it("reads the attendees' answers, with tentative kept apart and no time for those who have not answered", async () => {
    const { eventId } = await calendar.publish(meeting());
    graph.onlyEvent().attendees[0]!.status = { response: 'declined', time: '2026-10-02T07:00:00Z' };
    graph.onlyEvent().attendees[1]!.status = { response: 'tentativelyAccepted', time: '2026-10-02T08:00:00Z' };
    const snapshot = await calendar.snapshot(eventId);
    assert.deepEqual(snapshot?.attendees, [
      { email: 'anna@gavle.example', name: 'Anna Gävle', response: 'declined', respondedAt: '2026-10-02T07:00:00.000Z' },
      { email: 'bo@sandviken.example', name: 'Bo Sandviken', response: 'tentative', respondedAt: '2026-10-02T08:00:00.000Z' },
    ]);
    assert.equal(await calendar.snapshot('AAMkADgone='), undefined);
  });

  it("a 429 is tried again after its Retry-After, and a 503 with the policy's backoff", async () => {
    graph.throttle({ status: 429, retryAfterSec: 7, path: /^POST .*\/events$/ });
    graph.throttle({ status: 503, retryAfterSec: null, path: /^GET .*\/events$/ });
    await calendar.publish(meeting());
    assert.equal(graph.events.size, 1);
    assert.deepEqual(waits, [500, 7_000], 'half the first backoff for the 503 (no jitter), then the 7 s Graph asked for');
  });

  it('gives up on persistent throttling with a transient error, so the job runs again later', async () => {
    graph.throttle({ status: 503, retryAfterSec: 1, times: 10 });
    await assert.rejects(calendar.publish(meeting()), (err: unknown) => err instanceof CalendarError && err.transient);
    assert.equal(waits.length, 3, 'four attempts in all');
  });

  it('a refusal that needs a person is not transient: a mailbox outside the access policy, a wrong secret', async () => {
    graph.restrictTo(ORGANIZER);
    await assert.rejects(outlook(graph.env('someone@region.example')).publish(meeting()), (err: unknown) => err instanceof CalendarError && !err.transient && err.status === 403);
    const refused = outlook({ ...graph.env(ORGANIZER), GRAPH_CLIENT_SECRET: 'wrong' });
    await assert.rejects(refused.publish(meeting()), (err: unknown) => err instanceof CalendarError && !err.transient && /invalid_client/.test(err.message));
    assert.equal(graph.events.size, 0);
  });

  it('signs in with a certificate instead of a secret: a PS256 client assertion the token endpoint verifies', async () => {
    const cert = selfSignedCertificate();
    graph.trustCertificate(cert.certificatePem);
    const env: Record<string, string> = { ...graph.env(ORGANIZER), GRAPH_CLIENT_CERTIFICATE: cert.pem };
    delete env.GRAPH_CLIENT_SECRET;
    await outlook(env).publish(meeting());
    const request = graph.tokenRequests().at(-1)!;
    assert.equal(request.status, 200);
    assert.equal(request.body.client_assertion_type, 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    assert.equal(request.body.client_secret, undefined);
  });

  it('asks for a token once and keeps it until shortly before it expires', async () => {
    await calendar.publish(meeting());
    await calendar.snapshot(graph.onlyEvent().id);
    assert.equal(graph.tokenRequests().length, 1);
    clock.advance(3_600_000);
    await calendar.snapshot(graph.onlyEvent().id);
    assert.equal(graph.tokenRequests().length, 2);
  });
});
