// Starts the bot on the embedded store until the process entry lands; removed then.
import { createApp } from '../../src/app';
import { systemClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { openStore } from '../../src/store';
import { recordingDelivery } from '../../test/support/recordingDelivery';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const { store } = await openStore(config, log);
  const app = await createApp(config, log, store, systemClock, recordingDelivery());
  await new Promise<void>((resolve) => {
    app.server.listen(config.port, config.host, () => resolve());
  });
  app.delivery.start();
  log.info({ port: config.port }, 'listening');
  const stop = () => {
    void (async () => {
      await app.delivery.stop();
      app.server.close();
      await store.close();
      process.exit(0);
    })();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
