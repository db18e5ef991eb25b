import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PROJECT_ROOT } from '../../../src/paths';

function files(dir: string, ends: readonly string[]): string[] {
  return readdirSync(join(PROJECT_ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(PROJECT_ROOT, path)).isDirectory()) return files(path, ends);
    return ends.some((e) => name.endsWith(e)) ? [path.split(sep).join('/')] : [];
  });
}

const DOCS = ['README.md', ...files('docs', ['.md'])];
/** The brief's documents live outside the repository; their names are built so this file does not name them. */
const OUTSIDE = ['DOMAIN', 'DESIGN', 'STYLE', 'ANCHORS'].map((n) => `${n}.md`);

describe('references in code and docs', () => {
  it('name no document outside the repository', () => {
    const found: string[] = [];
    for (const file of [...DOCS, ...files('src', ['.ts']), ...files('test', ['.ts']), ...files('scripts', ['.ts'])]) {
      if (relative('test/unit/docs', file) === 'references.test.ts') continue;
      const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
      for (const name of OUTSIDE) if (text.includes(name)) found.push(`${file}: ${name}`);
      if (/\/work\/|\/home\/|[A-Z]:\\\\/.test(text)) found.push(`${file}: an absolute path`);
    }
    assert.deepEqual(found, []);
  });

  it('point the docs at files that exist (or that a run writes, as .gitignore lists them)', () => {
    const written = new Set(readFileSync(join(PROJECT_ROOT, '.gitignore'), 'utf8').split('\n').map((l) => l.trim()));
    const missing: string[] = [];
    for (const doc of DOCS) {
      const text = readFileSync(join(PROJECT_ROOT, doc), 'utf8');
      for (const [path] of text.matchAll(/\b(?:src|test|docs|cards|scripts|infra)\/[\w./-]*\w\.(?:ts|md|json|txt|bicep)\b/g)) {
        if (!existsSync(join(PROJECT_ROOT, path)) && !written.has(path)) missing.push(`${doc}: ${path}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
