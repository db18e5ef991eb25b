import assert from 'node:assert/strict';
import { FakeBotFrameworkAuth, FakeEntraId } from '../../support/fakeAuth';
import { startTestApp, type TestApp } from '../../support/testApp';
import { TAB_ENTRIES, TAB_MEMBER, TAB_SECRETARY } from './tabPeople';

const APP_ID = '2f1e0c4d-8a7b-4c6d-9e5f-0a1b2c3d4e5f';
const TENANT = '72f988bf-0000-4000-8000-00000000beef';
const OTHER_TENANT = '0badc0de-0000-4000-8000-000000000bad';
const HOST = 'lvbot-test-app.azurewebsites.net';
const API_URI = `api://${HOST}/${APP_ID}`;

describe('the tab with sign-in on (Teams single sign-on)', () => {
  let entra: FakeEntraId;
  let app: TestApp;
  const sara = { aadObjectId: TAB_SECRETARY.user.aadObjectId, tenantId: TENANT, audience: API_URI };

  before(async function () {
    this.timeout(60_000);
    entra = await new FakeEntraId().start();
    app = await startTestApp({
      members: TAB_ENTRIES,
      env: {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'a-password-for-tests',
        MICROSOFT_APP_TENANT_ID: TENANT,
        HOST: '127.0.0.1',
        ALLOWED_TENANT_IDS: TENANT,
        PUBLIC_BASE_URL: `https://${HOST}`,
        TAB_OPENID_METADATA_URL: entra.metadataUrl,
      },
    });
  });
  after(async () => {
    await app.stop();
    await entra.stop();
  });

  const call = async (path: string, token: string | undefined, init: RequestInit = {}) => {
    const res = await fetch(`${app.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    return { status: res.status, text: await res.text() };
  };
  const everyEndpoint = (token: string | undefined, query = '') => [
    call(`/tab/api/me${query}`, token),
    call(`/tab/api/sections/meetings${query}`, token),
    call(`/tab/api/sections/cases${query}`, token),
    call(`/tab/api/events${query}`, token),
    call(`/tab/api/export${query}`, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ section: 'year', table: 'year-attendance', format: 'csv' }) }),
  ];

  /** Every endpoint answers `status` and nothing of the collaboration: no section, no name, no party, no link. */
  async function refusedEverywhere(token: string | undefined, status: 401 | 403, query = ''): Promise<void> {
    for (const res of await Promise.all(everyEndpoint(token, query))) {
      assert.equal(res.status, status, res.text);
      assert.doesNotMatch(res.text, /"html"|"url"|Gävle kommun|Siri Sekreterare|Greta Gävle|event: ready/);
    }
  }

  it('shows the page to the secretariat with a valid token, and only the sections their sight allows to a member', async () => {
    const me = await call('/tab/api/me', entra.token(sara));
    assert.equal(me.status, 200);
    assert.match(me.text, /Siri Sekreterare/);
    const section = await call('/tab/api/sections/cases', entra.token(sara));
    assert.equal(section.status, 200);
    const member = entra.token({ ...sara, aadObjectId: TAB_MEMBER.user.aadObjectId });
    assert.equal((await call('/tab/api/sections/meetings', member)).status, 200);
    assert.equal((await call('/tab/api/sections/cases', member)).status, 403);
  });

  it('answers 401 with no data to a request without a token, and ignores ?user= when sign-in is on', async () => {
    await refusedEverywhere(undefined, 401);
    await refusedEverywhere(undefined, 401, `?user=${TAB_SECRETARY.user.aadObjectId}`);
  });

  it('answers 401 with no data to a forged token', async () => {
    await refusedEverywhere(entra.token(sara, { key: FakeBotFrameworkAuth.strangerKey() }), 401);
  });

  it('answers 401 with no data to an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    await refusedEverywhere(entra.token(sara, { claims: { iat: now - 7200, nbf: now - 7200, exp: now - 900 } }), 401);
  });

  it('answers 401 with no data to a token for another app', async () => {
    await refusedEverywhere(entra.token({ ...sara, audience: `api://${HOST}/00000000-0000-4000-8000-000000000000` }), 401);
  });

  it('answers 401 with no data to a token of another tenant', async () => {
    await refusedEverywhere(entra.token({ ...sara, tenantId: OTHER_TENANT }), 401);
  });

  it('answers 403 with no data to a valid token of someone not in the directory', async () => {
    await refusedEverywhere(entra.token({ ...sara, aadObjectId: '7ab00000-0000-4000-8000-0000000000ff' }), 403);
  });
});
