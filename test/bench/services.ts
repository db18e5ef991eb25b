import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { BENCH_BUILD_DIR, type SpawnOptions } from './processes';

export const BOT_SCRIPT = join(PROJECT_ROOT, 'dist', 'main.js');
export const ECHO_SCRIPT = join(BENCH_BUILD_DIR, 'echoBot.js');
export const PROBE_SCRIPT = join(BENCH_BUILD_DIR, 'storeOpsProbe.js');

/** The bot as `npm run start:prod` runs it. */
export const BOT_COMMAND = 'node --enable-source-maps dist/main.js';
const BOT_ARGS = ['--enable-source-maps', BOT_SCRIPT];

/** The bot under test on the embedded store in `dataDir`, logging at info as in production. */
export function botSpawn(dataDir: string, extra: { env?: Record<string, string>; nodeFlags?: string[]; ipc?: boolean } = {}): SpawnOptions {
  return {
    name: 'bot',
    args: [...(extra.nodeFlags ?? []), ...BOT_ARGS],
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extra.env },
    ...(extra.ipc ? { ipc: true } : {}),
  };
}

/** The echo baseline (compiled like the bot). */
export function echoSpawn(): SpawnOptions {
  return { name: 'echo', args: [ECHO_SCRIPT], env: {} };
}
