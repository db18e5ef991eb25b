import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config';
import { selfSignedCertificate } from '../../support/selfSignedCertificate';

const problemsOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
    return '';
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
};

describe('calendar settings', () => {
  const base = { PUBLIC_BASE_URL: 'https://bot.example', CALENDAR_ORGANIZER: 'Lansledning@Region.example' };

  it('without CALENDAR_ORGANIZER the notice keeps its link field and .ics file', () => {
    assert.deepEqual(loadConfig({}).calendar, { kind: 'links' });
  });

  it('with an organizer and nothing else, the managed identity signs in to Microsoft Graph v1.0 and notifications go to the public address', () => {
    const { calendar } = loadConfig({ ...base, AZURE_CLIENT_ID: 'mi-client' });
    assert.deepEqual(calendar, {
      kind: 'graph',
      organizer: 'lansledning@region.example',
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      authorityHost: 'https://login.microsoftonline.com',
      credential: { kind: 'managed-identity', managedIdentityClientId: 'mi-client' },
      notificationUrl: 'https://bot.example/api/graph/notifications',
    });
  });

  it('an app registration signs in with its secret, its certificate, or the managed identity as a federated credential', () => {
    const withApp = { ...base, GRAPH_CLIENT_ID: 'app', MICROSOFT_APP_TENANT_ID: 'tenant-1' };
    const secret = loadConfig({ ...withApp, GRAPH_CLIENT_SECRET: 's' }).calendar;
    assert.equal(secret.kind === 'graph' && secret.credential.kind, 'secret');
    const cert = selfSignedCertificate();
    const certificate = loadConfig({ ...withApp, GRAPH_CLIENT_CERTIFICATE: cert.pem.replace(/\n/g, '\\n') }).calendar;
    assert.equal(certificate.kind === 'graph' && certificate.credential.kind, 'certificate', 'PEM with escaped line breaks, as an app setting carries it');
    const federated = loadConfig({ ...withApp, AZURE_CLIENT_ID: 'mi' }).calendar;
    assert.deepEqual(federated.kind === 'graph' && federated.credential, { kind: 'federated', tenantId: 'tenant-1', clientId: 'app', managedIdentityClientId: 'mi' });
  });

  it('a bad or incomplete setting stops the start, naming the variable', () => {
    const other = selfSignedCertificate();
    const mismatched = `${selfSignedCertificate().privateKeyPem}${other.certificatePem}`;
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...base, CALENDAR_ORGANIZER: 'lansledning' }, /CALENDAR_ORGANIZER must be an e-mail address/],
      [{ GRAPH_CLIENT_ID: 'app' }, /CALENDAR_ORGANIZER is required when GRAPH_CLIENT_ID is set/],
      [{ ...base, GRAPH_CLIENT_SECRET: 's' }, /GRAPH_CLIENT_ID is required with GRAPH_CLIENT_SECRET/],
      [{ ...base, GRAPH_CLIENT_ID: 'app' }, /GRAPH_TENANT_ID is required when GRAPH_CLIENT_ID is set/],
      [{ ...base, GRAPH_CLIENT_ID: 'app', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_SECRET: 's', GRAPH_CLIENT_CERTIFICATE: other.pem }, /GRAPH_CLIENT_CERTIFICATE cannot be set together with GRAPH_CLIENT_SECRET/],
      [{ ...base, GRAPH_CLIENT_ID: 'app', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_CERTIFICATE: '/no/such/file.pem' }, /GRAPH_CLIENT_CERTIFICATE must be PEM text or the path of a readable PEM file/],
      [{ ...base, GRAPH_CLIENT_ID: 'app', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_CERTIFICATE: other.certificatePem }, /GRAPH_CLIENT_CERTIFICATE must hold both the private key and the certificate/],
      [{ ...base, GRAPH_CLIENT_ID: 'app', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_CERTIFICATE: mismatched }, /GRAPH_CLIENT_CERTIFICATE holds a private key that does not belong to its certificate/],
      [{ ...base, GRAPH_BASE_URL: 'http://graph.example/v1.0' }, /GRAPH_BASE_URL must be an https URL \(http only to a loopback address\)/],
      [{ ...base, GRAPH_AUTHORITY_HOST: 'login' }, /GRAPH_AUTHORITY_HOST must be a URL/],
      [{ CALENDAR_ORGANIZER: 'lansledning@region.example' }, /PUBLIC_BASE_URL must be the https address of the bot when CALENDAR_ORGANIZER is set/],
    ];
    for (const [env, message] of cases) assert.match(problemsOf(env), message, JSON.stringify(Object.keys(env)));
  });
});
