import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDate } from '../../../src/dates/dates';
import { cardAction, type TestUser } from '../../support/activities';
import { startBotProcess, type BotProcess } from '../../support/botProcess';
import { invokeText } from '../../support/cards';
import { FakeConnector } from '../../support/fakeConnector';
import { person } from '../../support/members';

const SECRETARY = person('5ec10000-0000-4000-8000-000000000001', 'Siv Sekreterare', 'region-gavleborg', ['samverkanskansli'], ['secretariat']);
const PARTIES = ['gavle', 'sandviken', 'hofors', 'ockelbo', 'hudiksvall', 'ljusdal', 'nordanstig', 'bollnas', 'soderhamn', 'ovanaker'];
const MEMBERS = Array.from({ length: 24 }, (_, i) =>
  person(`5ec10000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, `Ledamot ${String.fromCharCode(65 + i)}`, PARTIES[i % PARTIES.length]!, ['lansledning'], ['member']),
);

const figures = { killed: 0, acknowledged: 0, lost: 0, doubled: 0 };

/** Presses a card on the bot process; resolves with what the person read, or undefined when the process died first. */
async function press(bot: BotProcess, connector: FakeConnector, user: TestUser, verb: string, data: object, activity?: Record<string, unknown>): Promise<string | undefined> {
  const body = activity ?? cardAction(user, { serviceUrl: connector.serviceUrl }, verb, data);
  try {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return res.status === 200 ? invokeText(JSON.parse(text)) : undefined;
  } catch {
    return undefined;
  }
}

describe('process faults: SIGKILL in the middle of work, then a restart on the same data @slow', function () {
  // Two starts of the real process each (tsx, Teams AI and the embedded store): slow, not waiting.
  this.timeout(180_000);
  let connector: FakeConnector;
  let bot: BotProcess | undefined;
  let dataDir: string;
  let env: Record<string, string>;

  before(() => {
    console.log('      (the store\'s own crash and snapshot tests are in test/integration/store/durability.test.ts)');
  });
  beforeEach(async () => {
    connector = await new FakeConnector().start();
    dataDir = mkdtempSync(join(tmpdir(), 'lv-kill-'));
    writeFileSync(join(dataDir, 'directory.json'), JSON.stringify({ members: [SECRETARY.entry, ...MEMBERS.map((m) => m.entry)] }));
    env = { DATA_DIR: dataDir, DIRECTORY_FILE: join(dataDir, 'directory.json'), LOG_LEVEL: 'info' };
  });
  afterEach(async () => {
    await bot?.stop('SIGKILL');
    bot = undefined;
    await connector.stop();
  });
  after(() => {
    console.log(`      figures: ${figures.killed} processes killed mid-work; ${figures.acknowledged} acknowledged decisions, ${figures.lost} lost, ${figures.doubled} done twice`);
  });

  it('keeps every RSVP acknowledged before the kill, and a repeated activity after the restart records nothing twice', async () => {
    bot = await startBotProcess(env, 90_000);
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const local = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).replace(' ', 'T').slice(0, 16);
    const card = `card-${randomUUID()}`;
    const created = await press(bot, connector, SECRETARY.user, '', {}, cardAction(SECRETARY.user, { serviceUrl: connector.serviceUrl }, 'meeting.create', {
      bodyId: 'lansledning', title: 'Länsledningens möte', startsAt: local(startsAt), endsAt: local(new Date(startsAt.getTime() + 7_200_000)), location: 'Gävle', confirmNotFriday: 'true',
    }, card));
    assert.match(created ?? '', /Kallelsen skickas till 24 ledamöter/);
    const meetingId = `m-${isoDate(startsAt)}-${createHash('sha256').update(card).digest('hex').slice(0, 10)}`;

    const activities = MEMBERS.map((m) => cardAction(m.user, { serviceUrl: connector.serviceUrl }, 'meeting.rsvp', { meetingId, response: 'attend' }));
    let answered = 0;
    const running = bot;
    const burst = activities.map(async (activity, i) => {
      const text = await press(running, connector, MEMBERS[i]!.user, '', {}, activity);
      if (text !== undefined) answered += 1;
      if (answered === 6) void running.stop('SIGKILL');
      return text;
    });
    const answers = await Promise.all(burst);
    await running.exited;
    figures.killed += 1;
    const acknowledged = MEMBERS.filter((_, i) => /Ditt svar är sparat/.test(answers[i] ?? ''));
    figures.acknowledged += acknowledged.length;
    assert.ok(acknowledged.length >= 6 && acknowledged.length < MEMBERS.length, `${acknowledged.length} acknowledged before the kill`);

    bot = await startBotProcess(env, 90_000);
    for (const member of acknowledged) {
      const seen = await press(bot, connector, member.user, 'meeting.refresh', { meetingId });
      if (!/Ditt svar: du kommer/.test(seen ?? '')) figures.lost += 1;
      assert.match(seen ?? '', /Ditt svar: du kommer/, `${member.user.name}'s answer survived`);
    }
    // Teams sends the activities again, with the same ids: the done ones get their first answer
    // back, the new ones are done now; one the dead process had claimed waits for its lease.
    const saved = new Set(acknowledged.map((m) => m.user.aadObjectId));
    for (const [i, activity] of activities.entries()) {
      const again = await press(bot, connector, MEMBERS[i]!.user, '', {}, activity);
      if (/Ditt svar är sparat/.test(again ?? '')) saved.add(MEMBERS[i]!.user.aadObjectId);
      else assert.match(again ?? '', /Jag kunde inte spara just nu/, 'the only other answer is "try again"');
    }
    const status = await press(bot, connector, SECRETARY.user, 'meeting.status', { meetingId });
    const attending = Number(/(\d+) kommer ·/.exec(status ?? '')?.[1]);
    if (attending > MEMBERS.length) figures.doubled += attending - MEMBERS.length;
    assert.ok(attending >= saved.size && attending <= MEMBERS.length, `${attending} counted; ${saved.size} told it was saved; ${MEMBERS.length} members`);
  });

  it('keeps every case whose number was given before the kill, once, under that number', async () => {
    bot = await startBotProcess(env, 90_000);
    const submitters = MEMBERS.slice(0, 16);
    const form = (i: number) => ({ title: `Ärende från ledamot ${i}`, description: 'Beskrivning.', type: 'proposal', area: 'vard-omsorg', perspectives: 'forebyggande', vulnerableGroups: 'false', parties: 'gavle', principled: 'false' });
    let answered = 0;
    const running = bot;
    const answers = await Promise.all(
      submitters.map(async (m, i) => {
        const text = await press(running, connector, m.user, 'case.submit', form(i));
        if (text !== undefined) answered += 1;
        if (answered === 4) void running.stop('SIGKILL');
        return text;
      }),
    );
    await running.exited;
    figures.killed += 1;
    const receipts = answers.map((a) => /LV-\d{4}-\d{4}/.exec(a ?? '')?.[0]);
    const given = receipts.filter((r): r is string => r !== undefined);
    figures.acknowledged += given.length;
    assert.ok(given.length >= 4, `${given.length} numbers given before the kill`);
    assert.equal(new Set(given).size, given.length, 'no number given twice');

    bot = await startBotProcess(env, 90_000);
    for (const [i, number] of receipts.entries()) {
      if (!number) continue;
      const seen = await press(bot, connector, submitters[i]!.user, 'case.view', { caseId: number });
      if (!seen?.includes(`Ärende från ledamot ${i}`)) figures.lost += 1;
      assert.ok(seen?.includes(`Ärende från ledamot ${i}`), `${number} is the case it was given for: ${seen?.slice(0, 200)}`);
    }
    // No case twice: read the register in order until a number is unknown.
    const titles: string[] = [];
    for (let n = 1; n <= submitters.length + 2; n++) {
      const number = `LV-${new Date().getFullYear()}-${String(n).padStart(4, '0')}`;
      const seen = await press(bot, connector, SECRETARY.user, 'case.view', { caseId: number });
      const title = /Ärende från ledamot \d+/.exec(seen ?? '')?.[0];
      if (title) titles.push(title);
    }
    const doubled = titles.length - new Set(titles).size;
    figures.doubled += doubled;
    assert.equal(doubled, 0, `a case filed twice: ${titles.join(', ')}`);
  });
});
