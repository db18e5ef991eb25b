import assert from 'node:assert/strict';
import type { DestinationStream } from 'pino';
import { cardAction, cardSubmit, message, personalConversationId, TENANT_ID } from '../../support/activities';
import { FakeBotFrameworkAuth } from '../../support/fakeAuth';
import { ACTORS, DIRECTORY_ENTRIES } from './actors';
import { startGuardedApp, type GuardedApp } from './harness';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const APP_PASSWORD = `app-password-${Math.random().toString(36).slice(2)}`;
/** Message text a person typed: recognisable, so that any trace of it in the logs is found. */
const SECRET_TEXT = `Hemlig mötestext ${Math.random().toString(36).slice(2)}`;

/** The service's log output, line by line, as the production logger writes it. */
function capture(): DestinationStream & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

describe('secrets and message text stay out of the logs at info level', () => {
  let app: GuardedApp | undefined;
  let auth: FakeBotFrameworkAuth;

  before(async () => {
    auth = await new FakeBotFrameworkAuth().start();
  });
  after(async () => {
    await auth.stop();
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('with Bot Framework tokens on: neither the tokens, refused or accepted, nor the app password, nor card text', async () => {
    const out = capture();
    app = await startGuardedApp({
      members: DIRECTORY_ENTRIES,
      logDestination: out,
      env: {
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: APP_PASSWORD,
        BOT_OPENID_METADATA_URL: auth.metadataUrl,
        PUBLIC_BASE_URL: 'https://bot.example.se',
        ALLOWED_TENANT_IDS: TENANT_ID,
      },
    });
    const serviceUrl = app.bot.connector.serviceUrl;
    const place = { serviceUrl };
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      valid: auth.token(APP_ID, serviceUrl),
      forged: auth.token(APP_ID, serviceUrl, { key: FakeBotFrameworkAuth.strangerKey() }),
      expired: auth.token(APP_ID, serviceUrl, { claims: { nbf: now - 7200, exp: now - 3600 } }),
      otherAudience: auth.token(APP_ID, serviceUrl, { claims: { aud: 'another-bot' } }),
    };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const user = ACTORS.secretariat.user;
    const botbuilderPrinted: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void botbuilderPrinted.push(args.map(String).join(' '));
    try {
      for (const data of [{ note: SECRET_TEXT }, { partyId: SECRET_TEXT }, { partyId: `${SECRET_TEXT}\u0007` }]) {
        const verb = 'note' in data ? 'help.show' : 'channel.link';
        assert.equal((await app.bot.post(cardAction(user, place, verb, data), bearer(tokens.valid))).status, 200);
      }
      assert.equal((await app.bot.post(cardAction(user, place, 'no.such.verb', { text: SECRET_TEXT }), bearer(tokens.valid))).status, 200);
      for (const token of [tokens.forged, tokens.expired, tokens.otherAudience, APP_PASSWORD]) {
        assert.equal((await app.bot.post(message(user, place, SECRET_TEXT), bearer(token))).status, 401);
      }
    } finally {
      console.error = consoleError;
    }

    const output = [...out.lines, ...botbuilderPrinted].join('\n');
    assert.ok(out.lines.some((l) => l.includes('request refused: not authenticated')), 'the refusals were logged');
    assert.ok(out.lines.some((l) => l.includes('card data refused')), 'the refused card data was logged');
    for (const [name, token] of Object.entries(tokens)) assert.ok(!output.includes(token), `the ${name} token was printed`);
    assert.ok(!output.includes(APP_PASSWORD), 'the app password was printed');
    assert.ok(!output.includes(SECRET_TEXT), 'card text was printed');
  });

  it('in chat: neither commands, unknown text, refused text nor a flood of messages @slow', async () => {
    const out = capture();
    app = await startGuardedApp({ members: DIRECTORY_ENTRIES, logDestination: out, env: { LOG_LEVEL: 'info' } });
    const place = { serviceUrl: app.bot.connector.serviceUrl };
    const said = [`hjälp ${SECRET_TEXT}`, SECRET_TEXT, `koppla kanal ${SECRET_TEXT}`, `${SECRET_TEXT}\u0000`, `medlem ${SECRET_TEXT}`];
    for (const role of ['secretariat', 'member', 'outsider'] as const) {
      for (const text of said) assert.equal((await app.bot.post(message(ACTORS[role].user, place, text))).status, 200);
      assert.equal((await app.bot.post(cardSubmit(ACTORS[role].user, place, 'channel.link', { partyId: SECRET_TEXT }))).status, 200);
    }
    const flood = await Promise.all(Array.from({ length: 40 }, () => app!.bot.post(message(ACTORS.member.user, place, SECRET_TEXT))));
    assert.ok(flood.every((r) => r.status === 200));
    const conversation = personalConversationId(ACTORS.member.user);
    await app.bot.connector.waitFor(() => app!.bot.connector.sent(conversation).length >= said.length + 1);

    const output = out.lines.join('\n');
    assert.ok(output.includes('activity refused: sender over the rate limit'), 'the flood was logged');
    assert.ok(!output.includes(SECRET_TEXT), 'message text was printed');
  });
});
