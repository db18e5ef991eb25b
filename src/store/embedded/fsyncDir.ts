import { open } from 'node:fs/promises';

/** Makes a rename or a new file in `dir` durable. Windows cannot open a directory; NTFS journals names. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
