import assert from 'node:assert/strict';
import { loadConfig } from '../../../src/config';

describe('store settings', () => {
  it('runs the embedded store in DATA_DIR on EMBEDDED_COSMOS_PORT when no endpoint is set', () => {
    const config = loadConfig({ DATA_DIR: '/var/lib/bot', EMBEDDED_COSMOS_PORT: '8081' });
    assert.deepEqual(config.cosmos, { kind: 'embedded', database: 'lansledning', dataDir: '/var/lib/bot', port: 8081 });
  });

  it('passes AZURE_CLIENT_ID on as the user-assigned managed identity for a remote store without a key', () => {
    const config = loadConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000001' });
    assert.equal(config.cosmos.kind, 'remote');
    assert.equal(config.cosmos.kind === 'remote' && config.cosmos.managedIdentityClientId, '00000000-0000-0000-0000-000000000001');
  });

  it('leaves the identity to the system-assigned one when AZURE_CLIENT_ID is unset', () => {
    const config = loadConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' });
    assert.equal(config.cosmos.kind === 'remote' && config.cosmos.managedIdentityClientId, undefined);
  });
});
