import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { openStore } from '../../../src/store';
import { tempDir } from './fixtures/embeddedHarness';
import { storeContract } from './storeContract';

storeContract('the embedded store', async () => {
  const dir = await tempDir();
  const config = loadConfig({ DATA_DIR: dir.path, LOG_LEVEL: 'silent' });
  const { store } = await openStore(config, createLogger('silent'));
  return {
    store,
    close: async () => {
      await store.close();
      await dir.remove();
    },
  };
});
