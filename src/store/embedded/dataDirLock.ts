import { open, readFile, rm } from 'node:fs/promises';
import type { Logger } from '../../log';
import { FILE_MODE, type DataPaths } from './dataPaths';

/**
 * Claims the data directory for this process with a lock file holding its pid, so that a second
 * process cannot interleave its writes with ours. A lock left by a process that no longer runs (a
 * crash) is taken over. Returns the release function.
 */
export async function lockDataDir(paths: DataPaths, log: Logger): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(paths.lock, 'wx', FILE_MODE);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return () => rm(paths.lock, { force: true });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'EEXIST') throw err;
    }
    // A lock released between our attempt and this read reads as no holder.
    const holder = Number.parseInt((await readFile(paths.lock, 'utf8').catch(() => '')).trim(), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
      throw new Error(`The embedded Cosmos DB store in ${paths.dir} is in use by process ${holder}.`);
    }
    log.warn({ file: paths.lock, pid: holder }, 'taking over the lock of a process that is gone');
    await rm(paths.lock, { force: true });
  }
  throw new Error(`Could not lock ${paths.dir}: another process keeps claiming it.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as { code?: unknown }).code === 'EPERM';
  }
}
