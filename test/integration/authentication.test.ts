import assert from 'node:assert/strict';
import { cardAction, installUpdate } from '../support/activities';
import { invokeText } from '../support/cards';
import { FakeBotFrameworkAuth } from '../support/fakeAuth';
import { MEMBER_GAVLE } from '../support/members';
import { startTestApp, type TestApp } from '../support/testApp';

const APP_ID = '11111111-2222-4333-8444-555555555555';

describe('authentication with an app id', () => {
  let auth: FakeBotFrameworkAuth;
  let bot: TestApp;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });

  before(async () => {
    auth = await new FakeBotFrameworkAuth().start();
  });
  after(async () => {
    await auth.stop();
  });
  beforeEach(async () => {
    bot = await startTestApp({
      members: [MEMBER_GAVLE.entry],
      env: {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'test-only-secret',
        HOST: '127.0.0.1',
        BOT_OPENID_METADATA_URL: auth.metadataUrl,
      },
    });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('accepts a request signed by the Bot Framework keys', async () => {
    const activity = cardAction(MEMBER_GAVLE.user, place(), 'no.such.verb', {});
    const res = await bot.post(activity, { authorization: `Bearer ${auth.token(APP_ID, bot.connector.serviceUrl)}` });
    assert.equal(res.status, 200);
    assert.match(invokeText(res.body), /känner jag inte igen/);
  });

  it('refuses a request without a token with 401 and does nothing', async () => {
    const res = await bot.post(installUpdate(MEMBER_GAVLE.user, place()));
    assert.equal(res.status, 401);
    assert.equal(bot.connector.calls.length, 0);
  });

  it('refuses a forged token with 401 and does nothing', async () => {
    const forged = auth.token(APP_ID, bot.connector.serviceUrl, { key: FakeBotFrameworkAuth.strangerKey() });
    const res = await bot.post(installUpdate(MEMBER_GAVLE.user, place()), { authorization: `Bearer ${forged}` });
    assert.equal(res.status, 401);
    assert.equal(bot.connector.calls.length, 0);
  });

  it('refuses a token for another bot with 401', async () => {
    const other = auth.token(APP_ID, bot.connector.serviceUrl, { claims: { aud: 'someone-else' } });
    const res = await bot.post(cardAction(MEMBER_GAVLE.user, place(), 'no.such.verb', {}), { authorization: `Bearer ${other}` });
    assert.equal(res.status, 401);
  });
});
