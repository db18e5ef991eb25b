import assert from 'node:assert/strict';
import { cardAction, installUpdate, message, TENANT_ID } from '../../support/activities';
import { invokeText } from '../../support/cards';
import { FakeBotFrameworkAuth } from '../../support/fakeAuth';
import { MEMBER_GAVLE } from '../../support/members';
import { startGuardedApp, type GuardedApp } from './harness';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const APP_PASSWORD = 'app-password-that-must-never-be-logged';
const OTHER_TENANT = '0badc0de-0000-4000-8000-000000000bad';

/**
 * botbuilder prints a refused token's failure with console.error (the expired error, or the
 * public key it tried). It goes to stderr, apart from the service's JSON logs; here it is captured
 * so that the tests can show it never holds the token or the app's password.
 */
function captureConsoleError(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    lines.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' '));
  };
  return { lines, restore: () => (console.error = original) };
}

describe('authentication with an app id', () => {
  let auth: FakeBotFrameworkAuth;
  let guarded: GuardedApp;
  let printed: ReturnType<typeof captureConsoleError>;
  const serviceUrl = () => guarded.bot.connector.serviceUrl;
  const place = () => ({ serviceUrl: serviceUrl() });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  before(async () => {
    auth = await new FakeBotFrameworkAuth().start();
  });
  after(async () => {
    await auth.stop();
  });
  beforeEach(async () => {
    printed = captureConsoleError();
    guarded = await startGuardedApp({
      members: [MEMBER_GAVLE.entry],
      env: {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: APP_PASSWORD,
        HOST: '127.0.0.1',
        BOT_OPENID_METADATA_URL: auth.metadataUrl,
        PUBLIC_BASE_URL: 'https://bot.example.se',
        ALLOWED_TENANT_IDS: TENANT_ID,
      },
    });
  });
  afterEach(async () => {
    printed.restore();
    await guarded.stop();
  });

  /** Posts `activity` with `headers` and proves it was refused with `status` and changed nothing. */
  async function refused(activity: Record<string, unknown>, headers: Record<string, string>, status: 400 | 401 | 403): Promise<void> {
    const before = guarded.writes();
    const queuedBefore = guarded.queued();
    const res = await guarded.bot.post(activity, headers);
    assert.equal(res.status, status);
    assert.equal(guarded.bot.connector.calls.length, 0, 'nothing was sent to Teams');
    assert.equal(guarded.writes(), before, `nothing was written (${JSON.stringify(guarded.store.breakdown())})`);
    assert.equal(guarded.queued(), queuedBefore, 'nothing was queued');
    const token = headers.authorization?.replace(/^Bearer /, '') ?? '';
    for (const line of printed.lines) {
      if (token) assert.ok(!line.includes(token), 'botbuilder printed the token');
      assert.ok(!line.includes(APP_PASSWORD), 'botbuilder printed the password');
    }
  }

  it('accepts a request signed by the Bot Framework keys: a member presses Help and sees the help card', async () => {
    const res = await guarded.bot.post(cardAction(MEMBER_GAVLE.user, place(), 'help.show', {}), bearer(auth.token(APP_ID, serviceUrl())));
    assert.equal(res.status, 200);
    assert.match(invokeText(res.body), /Dina roller: medlem/);
  });

  it('refuses a request without a token with 401 and changes nothing', async () => {
    await refused(installUpdate(MEMBER_GAVLE.user, place()), {}, 401);
  });

  it('refuses a header that is not a bearer token with 401', async () => {
    await refused(message(MEMBER_GAVLE.user, place(), 'hjälp'), { authorization: 'Basic dXNlcjpwYXNz' }, 401);
    await refused(message(MEMBER_GAVLE.user, place(), 'hjälp'), { authorization: 'Bearer not.a.token' }, 401);
  });

  it('refuses a token signed with a key Bot Framework does not publish with 401 and changes nothing', async () => {
    const forged = auth.token(APP_ID, serviceUrl(), { key: FakeBotFrameworkAuth.strangerKey() });
    await refused(installUpdate(MEMBER_GAVLE.user, place()), bearer(forged), 401);
    await refused(cardAction(MEMBER_GAVLE.user, place(), 'help.show', {}), bearer(forged), 401);
  });

  it('refuses an expired token with 401 and changes nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    // Beyond botbuilder's five minutes of clock tolerance.
    const expired = auth.token(APP_ID, serviceUrl(), { claims: { nbf: now - 7200, exp: now - 3600 } });
    await refused(cardAction(MEMBER_GAVLE.user, place(), 'help.show', {}), bearer(expired), 401);
  });

  it('refuses a token for another bot (audience) with 401 and changes nothing', async () => {
    const other = auth.token(APP_ID, serviceUrl(), { claims: { aud: 'someone-else' } });
    await refused(cardAction(MEMBER_GAVLE.user, place(), 'help.show', {}), bearer(other), 401);
  });

  it('refuses a token from another issuer with 401 and changes nothing', async () => {
    const other = auth.token(APP_ID, serviceUrl(), { claims: { iss: 'https://issuer.example.org' } });
    await refused(cardAction(MEMBER_GAVLE.user, place(), 'help.show', {}), bearer(other), 401);
  });

  it('refuses a token issued for another service URL than the activity names with 401 and changes nothing', async () => {
    const elsewhere = auth.token(APP_ID, 'https://smba.trafficmanager.net/emea/');
    await refused(cardAction(MEMBER_GAVLE.user, place(), 'help.show', {}), bearer(elsewhere), 401);
  });

  it('refuses an activity without a service URL, whose token botbuilder would not compare, with 400 before any token check', async () => {
    const activity = cardAction(MEMBER_GAVLE.user, place(), 'help.show', {});
    delete activity.serviceUrl;
    await refused(activity, bearer(auth.token(APP_ID, serviceUrl())), 400);
  });

  it('refuses a valid token for a tenant outside the allow-list with 403 and changes nothing', async () => {
    const activity = cardAction(MEMBER_GAVLE.user, place(), 'help.show', {});
    activity.channelData = { tenant: { id: OTHER_TENANT } };
    activity.conversation = { ...(activity.conversation as object), tenantId: OTHER_TENANT };
    await refused(activity, bearer(auth.token(APP_ID, serviceUrl())), 403);
  });

  it('refuses an activity whose tenant fields disagree (an allowed tenant in one, a foreign one in another) with 403 and changes nothing', async () => {
    const token = () => bearer(auth.token(APP_ID, serviceUrl()));
    const foreignConversation = cardAction(MEMBER_GAVLE.user, place(), 'help.show', {});
    foreignConversation.conversation = { ...(foreignConversation.conversation as object), tenantId: OTHER_TENANT };
    await refused(foreignConversation, token(), 403);
    const foreignChannelData = message(MEMBER_GAVLE.user, place(), 'hjälp');
    foreignChannelData.channelData = { tenant: { id: OTHER_TENANT } };
    await refused(foreignChannelData, token(), 403);
    const foreignSender = installUpdate(MEMBER_GAVLE.user, place());
    foreignSender.from = { ...(foreignSender.from as object), tenantId: OTHER_TENANT };
    await refused(foreignSender, token(), 403);
  });

  it('refuses a valid token for an activity that names no tenant with 403', async () => {
    const activity = installUpdate(MEMBER_GAVLE.user, place());
    activity.channelData = {};
    activity.conversation = { id: 'a:no-tenant', conversationType: 'personal' };
    await refused(activity, bearer(auth.token(APP_ID, serviceUrl())), 403);
  });
});
