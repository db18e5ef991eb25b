import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { ensureNightlySweep } from '../../../src/bot/nightlySweep';
import type { JobSpec } from '../../../src/delivery/types';
import type { Checklist } from '../../../src/features/introductions/checklistRules';
import { CONTAINER_NAMES } from '../../../src/store/containers';
import { FORM_ONCE_RETENTION_DAYS } from '../../../src/kit/forms';
import { installUpdate, message, personalConversationId } from '../../support/activities';
import { cardsOf, cardText } from '../../support/cards';
import { ACTORS, DIRECTORY_ENTRIES, type RoleName } from './actors';
import { startGuardedApp, type GuardedApp } from './harness';
import { fixtureContext, newBroadcast, newMeeting, newRemiss, type FixtureContext } from './verbFixtures';

const MATS = ACTORS.member.entry!;

describe('data protection: a member\'s data exported and removed by the secretariat', () => {
  let app: GuardedApp;
  let ctx: FixtureContext;
  let clock: ManualClock;
  let meetingId: string;
  let caseId: string;

  /** Says something in the personal chat and returns what the bot answered, as text. */
  async function say(role: RoleName, text: string): Promise<string> {
    const conversation = personalConversationId(ACTORS[role].user);
    const before = app.bot.connector.sent(conversation).length;
    await app.bot.post(message(ACTORS[role].user, { serviceUrl: app.bot.connector.serviceUrl }, text));
    await app.bot.connector.waitFor(() => app.bot.connector.sent(conversation).length > before);
    return app.bot.connector
      .sent(conversation)
      .slice(before)
      .map((a) => (typeof a.text === 'string' ? a.text : cardText(cardsOf(a)[0])))
      .join('\n');
  }

  beforeEach(async () => {
    clock = new ManualClock('2026-12-01T08:00:00Z');
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES, env: { INBOUND_USER_RATE: '0' }, clock });
    ctx = fixtureContext(app, clock);
    await app.bot.post(installUpdate(ACTORS.member.user, { serviceUrl: app.bot.connector.serviceUrl }));
    for (const role of ['secretariat', 'chair', 'preparer', 'otherParty'] as const) await say(role, 'hjälp');
    meetingId = await newMeeting(ctx);
    const rsvp = await ctx.press('member', 'meeting.rsvp', { meetingId, response: 'absent', comment: 'Krockar med nämnden.' });
    assert.match(rsvp.text, /Frånvaro anmäld/);
    const submitted = await ctx.press('member', 'case.submit', {
      title: 'Gemensam rutin för SIP',
      description: 'Kommunerna och regionen arbetar olika.',
      type: 'proposal',
      area: 'vard-omsorg',
      perspectives: 'halsoframjande',
      vulnerableGroups: 'false',
      parties: 'gavle',
      principled: 'false',
    });
    caseId = /LV-\d{4}-\d{4}/.exec(submitted.text)?.[0] ?? '';
    assert.ok(caseId, submitted.text);
    const { broadcastId } = await newBroadcast(ctx);
    assert.match((await ctx.press('member', 'broadcast.ack', { broadcastId })).text, /mottaget och fört vidare av Mats Medlem/);
    const remissId = await newRemiss(ctx);
    assert.equal((await ctx.press('member', 'remiss.answer', { remissId, answer: 'Gävle tillstyrker.' })).status, 200);
  });
  afterEach(async () => {
    await app.stop();
  });

  it('gives the secretariat a short-lived link to everything stored about a member, as JSON', async () => {
    const form = await ctx.press('secretariat', 'privacy.form', {});
    assert.match(form.text, /Personuppgifter om en medlem/);
    const answer = (await ctx.press('secretariat', 'privacy.export', { query: MATS.email })).text;
    const url = /http\S+\/downloads\/\S+/.exec(answer)?.[0];
    assert.ok(url, answer);
    const res = await fetch(url.replace(/^http:\/\/localhost:\d+/, app.bot.url));
    assert.equal(res.status, 200);
    const exported = (await res.json()) as { member: { email: string }; records: { container: string; document: Record<string, unknown> }[] };
    assert.equal(exported.member.email, MATS.email);
    const kinds = exported.records.map((r) => `${r.container}:${String(r.document.type)}`);
    for (const kind of ['directory:member', 'directory:conversation', 'meetings:rsvp', 'cases:case']) assert.ok(kinds.includes(kind), `${kind} in ${kinds.join(', ')}`);
    assert.ok(exported.records.every((r) => !('_etag' in r.document)));

    clock.advance(16 * 60_000);
    assert.equal((await fetch(url.replace(/^http:\/\/localhost:\d+/, app.bot.url))).status, 404, 'the link expires');
  });

  it('refuses the export and the removal to anyone but the secretariat, writing nothing', async () => {
    for (const role of ['chair', 'member', 'preparer', 'otherParty'] as const) {
      const before = app.stateWrites();
      for (const verb of ['privacy.form', 'privacy.export', 'privacy.eraseConfirm']) {
        assert.match((await ctx.press(role, verb, { query: MATS.email })).text, /Du har inte behörighet/);
      }
      const pressed = await ctx.press(role, 'privacy.erase', { aadObjectId: MATS.aadObjectId, version: 'x' });
      assert.match(pressed.text, /Du har inte behörighet/);
      assert.equal(app.stateWrites(), before);
    }
  });

  it('removes a member who has left: their entry and chat go, their party\'s answer and case stay with a neutral marker', async () => {
    const confirm = (await ctx.press('secretariat', 'privacy.eraseConfirm', { query: 'Mats Medlem' })).text;
    assert.match(confirm, /Mats Medlem.*förekommer i \d+ sparade poster/s);
    const version = (await app.bot.app.deps.directory.member(MATS.aadObjectId))!._etag;
    const done = await ctx.press('secretariat', 'privacy.erase', { aadObjectId: MATS.aadObjectId, version });
    assert.match(done.text, /Klart\. \d+ poster togs bort och \d+ poster visar nu "Tidigare ledamot \(Gävle kommun\)"/);

    const everything = JSON.stringify(await app.dump(CONTAINER_NAMES));
    for (const trace of [MATS.aadObjectId, MATS.email, MATS.name]) assert.ok(!everything.includes(trace), `${trace} is still stored`);
    assert.equal(await app.bot.app.deps.directory.member(MATS.aadObjectId), undefined);

    const docs = await app.dump(['meetings', 'cases']);
    const rsvp = docs.find((d) => d.type === 'rsvp' && d.pk === meetingId) as { response?: string; partyId?: string; name?: string } | undefined;
    assert.equal(rsvp?.response, 'absent', 'the absence is still on record');
    assert.equal(rsvp?.partyId, 'gavle');
    const kept = docs.find((d) => d.type === 'case' && d.pk === caseId) as { submitter?: { name?: string; partyId?: string } } | undefined;
    assert.equal(kept?.submitter?.partyId, 'gavle', 'the case is still Gävle\'s');
    assert.equal(kept?.submitter?.name, 'Tidigare ledamot (Gävle kommun)');

    const ack = (await app.dump(['dissemination'])).find((d) => String(d.id).startsWith('ack-gavle')) as { by?: { name?: string } } | undefined;
    assert.equal(ack?.by?.name, 'Tidigare ledamot (Gävle kommun)', 'Gävle\'s acknowledgement stays, by the marker');

    const status = await ctx.press('secretariat', 'meeting.status', { meetingId });
    assert.match(status.text, /Tidigare ledamot \(Gävle kommun\)/, 'the secretariat still sees the absence, by the marker');
  });

  it('removes a member from the introductions: their own checklist goes, a step they took for another newcomer stays, by the marker', async () => {
    const directory = app.bot.app.deps.directory;
    await directory.putMember({ ...MATS, bodies: ['lansledning', 'utskott-vuxna'], source: 'admin' });
    const nina = { aadObjectId: '5ec00000-0000-4000-8000-0000000000a1', name: 'Nina Ny', email: 'nina.ny@example.se', partyId: 'sandviken', bodies: ['lansledning'], roles: ['member' as const] };
    await directory.putMember({ ...nina, source: 'admin' });
    const intro = (id: string) => app.bot.store.containers.directory.read<Checklist>('intro', id);
    assert.ok(await intro(MATS.aadObjectId), 'joining a committee started Mats\'s introduction');
    assert.match((await ctx.press('secretariat', 'onboarding.assign', { checklistId: nina.aadObjectId, step: 'chief', person_chief: MATS.email })).text, /Ansvarig: Mats Medlem/);
    assert.match((await ctx.press('member', 'onboarding.tick', { checklistId: nina.aadObjectId, step: 'chief', note_chief: 'Vi gick igenom överenskommelsen.' })).text, /1 av 4 steg klart/);

    const version = (await directory.member(MATS.aadObjectId))!._etag;
    assert.match((await ctx.press('secretariat', 'privacy.erase', { aadObjectId: MATS.aadObjectId, version })).text, /Klart\./);

    const everything = JSON.stringify(await app.dump(CONTAINER_NAMES));
    for (const trace of [MATS.aadObjectId, MATS.email, MATS.name]) assert.ok(!everything.includes(trace), `${trace} is still stored`);
    const introductions = (await app.dump(['directory'])).filter((d) => d.type === 'introduction').map((d) => d.newcomerName);
    assert.deepEqual(introductions, ['Nina Ny'], 'his own introduction is gone, not kept under the marker');
    const chief = (await intro(nina.aadObjectId))?.steps.find((s) => s.step === 'chief');
    assert.ok(chief?.doneAt, 'Nina\'s introduction keeps the step as done');
    assert.equal(chief.doneByName, 'Tidigare ledamot (Gävle kommun)');
    assert.equal(chief.responsibleName, 'Tidigare ledamot (Gävle kommun)');
    assert.equal(chief.note, 'Vi gick igenom överenskommelsen.');
  });

  it('removes the member through the directory, so whatever follows members sees the removal', async () => {
    const changes: { before: string | undefined; after: string | undefined }[] = [];
    app.bot.app.deps.directory.onMemberChange((change) => {
      changes.push({ before: change.before?.aadObjectId, after: change.after?.aadObjectId });
      return Promise.resolve();
    });
    const version = (await app.bot.app.deps.directory.member(MATS.aadObjectId))!._etag;
    assert.match((await ctx.press('secretariat', 'privacy.erase', { aadObjectId: MATS.aadObjectId, version })).text, /Klart\./);
    assert.deepEqual(changes, [{ before: MATS.aadObjectId, after: undefined }]);
    assert.equal(await app.bot.app.deps.directory.member(MATS.aadObjectId), undefined);
  });

  it('refuses a removal confirmed on a card older than the member\'s entry', async () => {
    const pressed = await ctx.press('secretariat', 'privacy.erase', { aadObjectId: MATS.aadObjectId, version: '"stale"' });
    assert.match(pressed.text, /Kortet är inaktuellt/);
    assert.ok(await app.bot.app.deps.directory.member(MATS.aadObjectId));
  });

  it('sweeps expired records of processed activities every night, and keeps the recent ones (regression: the sweep deleted today\'s)', async () => {
    const sweeps = () => (app.record.jobs as JobSpec[]).filter((j) => j.kind === 'privacy.inboxSweep');
    await ensureNightlySweep(app.bot.app.deps);
    assert.ok(sweeps().length >= 1, 'a sweep is scheduled at start (src/main.ts)');
    const inboxCount = async () => (await app.dump(['inbox'])).length;
    const before = await inboxCount();
    assert.ok(before > 0);
    const handler = app.handlers.get('privacy.inboxSweep');
    assert.ok(handler);
    await handler({}, { jobId: 'sweep', runAt: clock.now(), attempt: 1 });
    assert.equal(await inboxCount(), before, 'records within their retention are kept');
    clock.advance(10 * 86_400_000);
    await handler({}, { jobId: 'sweep', runAt: clock.now(), attempt: 1 });
    const left = (await app.dump(['inbox'])).map((d) => String(d.pk));
    assert.deepEqual(left.filter((pk) => !pk.startsWith('form-')), [], 'processed activities older than their retention are gone');
    // A pressed form is remembered longer (a second press of it a week later still changes nothing), then swept too.
    clock.advance((FORM_ONCE_RETENTION_DAYS - 8) * 86_400_000);
    await handler({}, { jobId: 'sweep', runAt: clock.now(), attempt: 1 });
    assert.deepEqual((await app.dump(['inbox'])).map((d) => d.pk), [], 'records older than their retention are gone');
    assert.ok(sweeps().some((j) => j.runAt.getTime() > clock.now().getTime()), 'the next night is scheduled');
  });
});
