import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { message, personalConversationId } from '../../support/activities';
import { startBotProcess, postActivity, type BotProcess } from '../../support/botProcess';
import { cardsOf, cardText } from '../../support/cards';
import { FakeConnector } from '../../support/fakeConnector';
import { MEMBER_GAVLE } from '../../support/members';

describe('the bot process, started, stopped and restarted @slow', () => {
  let connector: FakeConnector;
  let bot: BotProcess | undefined;
  let dataDir: string;

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    dataDir = mkdtempSync(join(tmpdir(), 'lv-process-'));
  });
  afterEach(async () => {
    await bot?.stop('SIGKILL');
    await connector.stop();
  });

  it('answers /healthz and /readyz once started on the embedded store', async () => {
    bot = await startBotProcess({ DATA_DIR: dataDir });
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
    assert.ok(bot.logs.some((l) => typeof l.auth === 'string' && /local development server/.test(l.auth)), 'says auth is off');
  });

  it('keeps a member written before SIGTERM after a restart', async () => {
    const file = join(dataDir, 'directory.json');
    writeFileSync(file, JSON.stringify({ members: [MEMBER_GAVLE.entry] }));
    bot = await startBotProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: file });
    assert.equal(await bot.stop('SIGTERM'), 0, 'a graceful stop exits 0');
    assert.ok(bot.logs.some((l) => l.msg === 'stopped; the store is flushed'));

    // Started again without the file: the member comes from the store.
    bot = await startBotProcess({ DATA_DIR: dataDir });
    const res = await postActivity(bot.url, message(MEMBER_GAVLE.user, { serviceUrl: connector.serviceUrl }, 'hjälp'));
    assert.equal(res.status, 200);
    await connector.waitFor(() => connector.sent(personalConversationId(MEMBER_GAVLE.user)).length === 1);
    const help = cardText(cardsOf(connector.sent(personalConversationId(MEMBER_GAVLE.user))[0]!)[0]);
    assert.match(help, /Dina roller: medlem/);
  });

  it('refuses to start with a bad setting, naming it', async () => {
    await assert.rejects(startBotProcess({ DATA_DIR: dataDir, DEFAULT_LOCALE: 'fi' }), /DEFAULT_LOCALE must be sv or en/);
  });

  it('refuses to start with a directory file that names an unknown party, naming the entry and field', async () => {
    const file = join(dataDir, 'bad.json');
    writeFileSync(file, JSON.stringify({ members: [{ ...MEMBER_GAVLE.entry, partyId: 'uppsala' }] }));
    await assert.rejects(startBotProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: file }), /members\[0\].*partyId "uppsala" is not a party/);
  });
});
