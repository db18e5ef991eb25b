import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TabTokenValidator } from '../../../src/tab/tokens';
import { FakeBotFrameworkAuth, FakeEntraId } from '../../support/fakeAuth';

const TENANT = '5d1c9a7e-0b3f-4c2d-8e6a-00000000c001';
const OTHER_TENANT = '0badc0de-0000-4000-8000-000000000bad';
const CLIENT_ID = '2f1e0c4d-8a7b-4c6d-9e5f-0a1b2c3d4e5f';
const API_URI = `api://lvbot-test-app.azurewebsites.net/${CLIENT_ID}`;
const PERSON = '7b0e5c1a-3d4f-4e21-9c6a-00000000a001';

describe('the tab: Teams single sign-on tokens', () => {
  let entra: FakeEntraId;
  let validator: TabTokenValidator;
  const who = { aadObjectId: PERSON, tenantId: TENANT, audience: API_URI };

  before(async () => {
    entra = await new FakeEntraId().start();
  });
  after(() => entra.stop());
  beforeEach(() => {
    validator = new TabTokenValidator({ clientId: CLIENT_ID, apiUri: API_URI, openIdMetadataUrl: entra.metadataUrl, allowedTenantIds: [TENANT] });
  });

  const refusedBecause = async (token: string, reason: RegExp) => {
    const check = await validator.validate(token);
    assert.equal(check.ok, false, 'the token was accepted');
    if (!check.ok) assert.match(check.reason, reason);
  };

  it('accepts a token signed with the published key, for the api:// URI (v1) or the client id (v2), and names the person', async () => {
    assert.deepEqual(await validator.validate(entra.token(who)), { ok: true, identity: { aadObjectId: PERSON, tenantId: TENANT } });
    const v1 = entra.token({ ...who, audience: API_URI }, { claims: { iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0' } });
    assert.equal((await validator.validate(v1)).ok, true);
    assert.equal((await validator.validate(entra.token({ ...who, audience: CLIENT_ID }))).ok, true);
  });

  it('refuses a forged token: signed with another key under the published key id, or with a key id nobody published', async () => {
    await refusedBecause(entra.token(who, { key: FakeBotFrameworkAuth.strangerKey() }), /invalid signature/);
    await refusedBecause(entra.token(who, { key: FakeBotFrameworkAuth.strangerKey(), kid: randomUUID() }), /unknown key/);
  });

  it('refuses an unsigned token and one signed with a shared secret', async () => {
    const unsigned = jwt.sign({ ...jwt.decode(entra.token(who)) as object }, '', { algorithm: 'none' as jwt.Algorithm });
    await refusedBecause(unsigned, /algorithm none/);
    await refusedBecause(jwt.sign({ aud: API_URI, tid: TENANT, oid: PERSON }, 'secret', { algorithm: 'HS256', keyid: entra.kid }), /algorithm HS256/);
  });

  it('refuses an expired token (beyond five minutes of clock skew)', async () => {
    const now = Math.floor(Date.now() / 1000);
    await refusedBecause(entra.token(who, { claims: { nbf: now - 7200, iat: now - 7200, exp: now - 600 } }), /expired/);
  });

  it('refuses a token for another app (audience)', async () => {
    await refusedBecause(entra.token({ ...who, audience: 'api://elsewhere.example/00000000-0000-4000-8000-000000000000' }), /audience/);
    await refusedBecause(entra.token({ ...who, audience: '00000003-0000-0000-c000-000000000000' }), /audience/);
  });

  it('refuses a token of a tenant outside the allow-list, and one whose issuer names another tenant than its own', async () => {
    await refusedBecause(entra.token({ ...who, tenantId: OTHER_TENANT }), /tenant not allowed/);
    await refusedBecause(entra.token(who, { claims: { iss: entra.issuer(OTHER_TENANT) } }), /issuer/);
    await refusedBecause(entra.token(who, { claims: { iss: 'https://issuer.example.org/' } }), /issuer/);
  });

  it('refuses a token without the access_as_user scope or without the person', async () => {
    await refusedBecause(entra.token(who, { claims: { scp: 'User.Read' } }), /scope/);
    await refusedBecause(entra.token(who, { claims: { oid: undefined } }), /object id/);
  });

  it('lets nobody in when the allow-list is empty', async () => {
    validator = new TabTokenValidator({ clientId: CLIENT_ID, apiUri: API_URI, openIdMetadataUrl: entra.metadataUrl, allowedTenantIds: [] });
    await refusedBecause(entra.token(who), /tenant not allowed/);
  });

  it('fetches the keys once, and again for an unknown key id at most every five minutes', async () => {
    let now = Date.now();
    // The discovery document and keys as the fake serves them, fetched once here: the count is the validator's alone.
    const served = new Map<string, unknown>();
    const metadata = (await (await fetch(entra.metadataUrl)).json()) as { jwks_uri: string };
    served.set(entra.metadataUrl, metadata);
    served.set(metadata.jwks_uri, await (await fetch(metadata.jwks_uri)).json());
    const counter = { keyFetches: 0 };
    const fetchJson = (url: string) => {
      if (url === metadata.jwks_uri) counter.keyFetches += 1;
      return Promise.resolve(served.get(url));
    };
    validator = new TabTokenValidator({ clientId: CLIENT_ID, apiUri: API_URI, openIdMetadataUrl: entra.metadataUrl, allowedTenantIds: [TENANT] }, () => now, fetchJson);
    const before = counter.keyFetches;
    for (let i = 0; i < 5; i++) assert.equal((await validator.validate(entra.token(who))).ok, true);
    const stranger = FakeBotFrameworkAuth.strangerKey();
    for (let i = 0; i < 5; i++) await validator.validate(entra.token(who, { key: stranger, kid: randomUUID() }));
    assert.equal(counter.keyFetches - before, 1, 'one fetch, however many tokens; unknown key ids right after it fetch nothing');
    now += 6 * 60_000;
    await validator.validate(entra.token(who, { kid: randomUUID() }));
    await validator.validate(entra.token(who, { kid: randomUUID() }));
    assert.equal(counter.keyFetches - before, 2, 'an unknown key id five minutes later fetches again, once');
  });
});
