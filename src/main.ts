import { createApp, type DeliveryFactory } from './app';
import { createProactiveSender } from './bot/proactiveSender';
import { systemClock } from './clock';
import { ConfigError, loadConfig, type Config } from './config';
import { createDelivery } from './delivery/delivery';
import { ensureNightlySweep } from './bot/nightlySweep';
import { createLogger } from './log';
import { startBanner } from './startBanner';
import { openStore } from './store';

const SHUTDOWN_GRACE_MS = 10_000;

/** Process entry: read config, open the store, build the app, listen; stop cleanly on signals. */
async function main(): Promise<void> {
  const config = readConfig();
  // A person at a terminal reads lines; Azure and anything piped get one JSON object a line.
  const format = config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json');
  const log = createLogger(config.logLevel, undefined, format);
  const { store, embedded } = await openStore(config, log);
  const makeDelivery: DeliveryFactory = (parts) =>
    createDelivery({ ...parts, sender: createProactiveSender({ config: parts.config, log: parts.log }) });
  const app = await createApp(config, log, store, systemClock, makeDelivery);
  // Before anything says it is listening: a signal from then on finds its handler.
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, inFlight: app.bot.inFlight() }, 'stopping: finishing the turns in flight');
    app.tab.stop();
    app.server.close();
    await Promise.race([app.bot.drained(), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS))]);
    await app.delivery.stop();
    await store.close();
    log.info('stopped; the store is flushed');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${config.port} on ${config.host} is in use (another npm start?); stop it or set PORT to another port`) : err),
    );
    app.server.listen(config.port, config.host, () => resolve());
  });
  app.delivery.start();
  await ensureNightlySweep(app.deps);
  const url = `http://${config.host}:${app.server.address().port}`;
  log.info(
    {
      url,
      auth: config.auth.enabled ? 'Bot Framework tokens required' : 'off: local development server on loopback only',
      store: embedded ? `embedded Cosmos-compatible server on ${embedded.endpoint}` : 'Azure Cosmos DB',
    },
    'listening',
  );
  if (format === 'pretty') process.stdout.write(`${startBanner(url, config)}\n`);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`start failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
