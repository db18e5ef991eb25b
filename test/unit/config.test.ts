import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

/** What a deployed bot is given at least. */
const DEPLOYED = { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', PUBLIC_BASE_URL: 'https://bot.example.se' };

describe('configuration', () => {
  it('starts as a local development server with the embedded store when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.host, '127.0.0.1');
    assert.deepEqual(config.auth, { enabled: false });
    assert.equal(config.cosmos.kind, 'embedded');
    assert.equal(config.cosmos.database, 'lansledning');
    assert.equal(config.defaultLocale, 'sv');
  });

  it('binds to all interfaces and checks tokens once an app id is set', () => {
    const config = loadConfig({ ...DEPLOYED, MICROSOFT_APP_TENANT_ID: 'tenant-1' });
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.auth.enabled, true);
    assert.deepEqual(config.allowedTenantIds, ['tenant-1'], 'the app tenant is allowed by default');
  });

  it("signs the tab in against the bot's own app registration unless another is named, and not at all without authentication", () => {
    const id = '2F1E0C4D-8A7B-4C6D-9E5F-0A1B2C3D4E5F';
    const base = { MICROSOFT_APP_ID: id, MICROSOFT_APP_PASSWORD: 'secret', PUBLIC_BASE_URL: 'https://lvbot-prod-app.azurewebsites.net/' };
    assert.deepEqual(loadConfig(base).tab, {
      clientId: id.toLowerCase(),
      apiUri: `api://lvbot-prod-app.azurewebsites.net/${id.toLowerCase()}`,
      openIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    });
    const other = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    assert.equal(loadConfig({ ...base, TAB_CLIENT_ID: other, TAB_API_URI: `api://overview.example.se/${other}` }).tab?.apiUri, `api://overview.example.se/${other}`);
    assert.equal(loadConfig({ MICROSOFT_APP_ID: id, MICROSOFT_APP_TYPE: 'UserAssignedMSI', PUBLIC_BASE_URL: base.PUBLIC_BASE_URL }).tab, undefined, 'a managed identity exposes no API');
    assert.equal(loadConfig({}).tab, undefined);
  });

  it('names the variable and what is allowed when a value is bad', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535/],
      [{ DEFAULT_LOCALE: 'de' }, /DEFAULT_LOCALE must be sv or en/],
      [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
      [{ LOG_FORMAT: 'yaml' }, /LOG_FORMAT must be json or pretty/],
      [{ COSMOS_ENDPOINT: 'not a url' }, /COSMOS_ENDPOINT must be a URL/],
      [{ MICROSOFT_APP_ID: 'app', PUBLIC_BASE_URL: 'https://bot.example.se' }, /MICROSOFT_APP_PASSWORD is required/],
      [{ HOST: '0.0.0.0' }, /HOST must be a loopback address while MICROSOFT_APP_ID is unset/],
      [{ COSMOS_KEY: 'k' }, /COSMOS_ENDPOINT is required when COSMOS_KEY is set/],
      [{ RETENTION_DELIVERY_DAYS: '0' }, /RETENTION_DELIVERY_DAYS must be a whole number of days from 1 to 3650/],
      [{ RETENTION_INBOX_DAYS: 'a week' }, /RETENTION_INBOX_DAYS must be a whole number of days/],
      [{ TAB_CLIENT_ID: 'my-app' }, /TAB_CLIENT_ID must be the app registration's client id \(a GUID\)/],
      [{ TAB_API_URI: 'https://x/y' }, /TAB_API_URI must be the Application ID URI/],
    ];
    for (const [env, message] of cases) {
      assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && message.test(err.message), JSON.stringify(env));
    }
  });

  it('uses Azure Cosmos DB when an endpoint is given, with managed identity when no key is', () => {
    const config = loadConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' });
    assert.equal(config.cosmos.kind, 'remote');
    assert.equal(config.cosmos.kind === 'remote' && config.cosmos.key, undefined);
  });

  it('stops a deployed start without an https PUBLIC_BASE_URL, naming the setting, instead of handing out links to localhost', () => {
    const withoutUrl = { MICROSOFT_APP_ID: DEPLOYED.MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD: DEPLOYED.MICROSOFT_APP_PASSWORD };
    for (const url of [undefined, '', 'http://bot.example.se', 'ftp://bot.example.se', 'bot.example.se', 'https://']) {
      const env = url === undefined ? withoutUrl : { ...withoutUrl, PUBLIC_BASE_URL: url };
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && /PUBLIC_BASE_URL must be an https URL/.test(err.message),
        String(url),
      );
    }
  });

  it('takes an https PUBLIC_BASE_URL for a deployed bot, and any or none for a local one', () => {
    assert.equal(loadConfig({ ...DEPLOYED, PUBLIC_BASE_URL: 'https://bot.example.se/' }).publicBaseUrl, 'https://bot.example.se');
    assert.equal(loadConfig({}).publicBaseUrl, 'http://localhost:3978');
    assert.equal(loadConfig({ PUBLIC_BASE_URL: 'http://127.0.0.1:4000' }).publicBaseUrl, 'http://127.0.0.1:4000');
  });

  it('refuses new turns as busy beyond a quarter of a second of event-loop lag or 100 turns in flight, unless told otherwise', () => {
    assert.deepEqual(loadConfig({}).busy, { lagMs: 250, maxTurns: 100 });
    assert.deepEqual(loadConfig({ BUSY_EVENT_LOOP_LAG_MS: '0', BUSY_MAX_TURNS: '0' }).busy, { lagMs: 0, maxTurns: 0 });
    assert.throws(() => loadConfig({ BUSY_MAX_TURNS: 'many' }), /BUSY_MAX_TURNS must be a number of 0 or more/);
  });

  it('keeps records for the documented periods unless told otherwise', () => {
    assert.deepEqual(loadConfig({}).retention, { inboxDays: 7, deliveryDays: 365, jobDays: 30, linkDays: 30 });
    assert.deepEqual(loadConfig({ RETENTION_INBOX_DAYS: '3', RETENTION_DELIVERY_DAYS: '90', RETENTION_JOB_DAYS: '14', RETENTION_LINK_DAYS: '1' }).retention, {
      inboxDays: 3,
      deliveryDays: 90,
      jobDays: 14,
      linkDays: 1,
    });
  });
});
