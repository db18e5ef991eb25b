import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root (where package.json is), found from this file whether run from src/ or dist/. */
export const PROJECT_ROOT = findRoot(__dirname);

export const CARDS_DIR = join(PROJECT_ROOT, 'cards');

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}
