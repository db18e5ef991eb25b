import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { startChild, type Child } from './childProcess';
import { freePort } from './freePort';
import { startLocaleProxy, type LocaleProxy } from './localeProxy';
import { directoryFile, playgroundConfig, type PersonKey } from './roster';

export const REPO_ROOT = resolve(__dirname, '..', '..');
const PLAYGROUND_CLI = join(REPO_ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

export interface PlaygroundOptions {
  /** Whose Teams clients to start: one Playground per person, each with that person signed in. */
  people: readonly PersonKey[];
  /** Holds this run's store, configs and logs. */
  workDir: string;
  /** The client language the bot is told, as Teams would send it. */
  locale: string;
  logLevel: string;
  /** More settings for the bot (over the caller's environment). */
  botEnv?: Record<string, string>;
  /**
   * The bot's port; each person's Playground asks for the ports after it, in order. Unset: free
   * ports. A port that is taken stops the start with a message saying so.
   */
  port?: number;
}

export interface PlaygroundClient {
  person: PersonKey;
  url: string;
}

export interface RunningPlayground {
  botEndpoint: string;
  clients: PlaygroundClient[];
  logDir: string;
  client(person: PersonKey): PlaygroundClient;
  /** Stops every process this run started; safe to call more than once. */
  stop(): Promise<void>;
}

/** Environment for children: the caller's, without anything that would switch auth or the store away from local. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(MICROSOFT_APP_|COSMOS_|AZURE_|BOT_|ALLOWED_TENANT|PUBLIC_BASE_URL|HOST$|PORT$|TEAMSAPPTESTER|M365_AGENTS_PLAYGROUND)/.test(name)) delete env[name];
  }
  return { ...env, ...extra };
}

/** Refuses a port another program already listens on, naming it, before anything is started. */
async function assertPortFree(port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  if (!free) throw new PortTakenError(port);
}

/** PORT names a port another program listens on (often `npm start` on 3978). */
export class PortTakenError extends Error {
  constructor(readonly port: number) {
    super(`PORT ${port} is taken: another program listens there (npm start, perhaps). Stop it, or choose another PORT.`);
    this.name = 'PortTakenError';
  }
}

async function waitForHttp(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${child.name} ended before it answered ${url}; see ${child.logFile}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms; see ${child.logFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts the bot on the embedded store with the Playground's directory, a locale relay, and one
 * Playground per person, all on free loopback ports. On failure everything started is stopped.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const logDir = join(options.workDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const directoryPath = join(options.workDir, 'directory.json');
  writeFileSync(directoryPath, JSON.stringify(directoryFile(), null, 2));

  const children: Child[] = [];
  let proxy: LocaleProxy | undefined;
  let stopped = false;
  const killAll = () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(children.map((c) => c.stop()));
    await proxy?.close();
    process.removeListener('exit', killAll);
  };

  try {
    const botPort = options.port ?? (await freePort());
    if (options.port !== undefined) await assertPortFree(options.port);
    const botEndpoint = `http://127.0.0.1:${botPort}/api/messages`;
    proxy = await startLocaleProxy(botEndpoint, options.locale);
    const relay = proxy;
    const bot = startChild({
      name: 'bot',
      command: process.execPath,
      args: ['--enable-source-maps', '--disable-warning=DEP0111', '--require', 'tsx/cjs', join('src', 'main.ts')],
      cwd: REPO_ROOT,
      env: childEnv({
        PORT: String(botPort),
        DATA_DIR: join(options.workDir, 'data'),
        DIRECTORY_FILE: directoryPath,
        LOG_LEVEL: options.logLevel,
        ...options.botEnv,
      }),
      logFile: join(logDir, 'bot.log'),
    });
    children.push(bot);

    // The bot and the Playgrounds start side by side: each Playground waits for the bot's endpoint
    // by itself, so the whole is ready in about the time of the slower of the two.
    const startClient = async (person: PersonKey, index: number): Promise<PlaygroundClient> => {
      const dir = join(options.workDir, 'clients', person);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '.m365agentsplayground.yml'), JSON.stringify(playgroundConfig(person), null, 2));
      const wanted = options.port !== undefined && options.port + 1 + index <= 65_535 ? options.port + 1 + index : await freePort();
      const child = startChild({
        name: `playground(${person})`,
        command: process.execPath,
        args: [PLAYGROUND_CLI, '--port', String(wanted), '--channel-id', 'msteams', '--app-endpoint', relay.endpoint, '--disable-telemetry'],
        cwd: dir,
        env: childEnv({
          TEAMSAPPTESTER_BROWSER: 'none',
          // --disable-telemetry stops its events, but Application Insights still starts and its
          // statsbeat calls Azure (instance metadata, an ingestion host): keep it offline.
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(dir, '.m365agentsplayground.yml'),
          M365_AGENTS_PLAYGROUND_LOGFILE: join(logDir, `playground-${person}.internal.log`),
        }),
        logFile: join(logDir, `playground-${person}.log`),
      });
      children.push(child);
      const match = await child.waitFor(/Listening on (\d+)/, 60_000);
      const url = `http://127.0.0.1:${match[1]}`;
      await waitForHttp(`${url}/_debug/ping`, child, 30_000);
      return { person, url };
    };
    const [, clients] = await Promise.all([
      waitForHttp(`http://127.0.0.1:${botPort}/readyz`, bot, 60_000),
      Promise.all(options.people.map(startClient)),
    ]);

    return {
      botEndpoint,
      clients,
      logDir,
      client(person) {
        const found = clients.find((c) => c.person === person);
        if (!found) throw new Error(`no Playground was started for ${person}`);
        return found;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
