import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../../../src/paths';

/** One import: the importing file and what it names, both as paths under the project (`src/bot/bot.ts`), or the package. */
interface Edge {
  from: string;
  to: string;
}

const SRC = join(PROJECT_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function posix(path: string): string {
  return relative(PROJECT_ROOT, path).split(sep).join('/');
}

/** Where a relative specifier leads (a `.ts` file or a folder's `index.ts`); packages stay as named. */
function target(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) if (existsSync(candidate) && statSync(candidate).isFile()) return posix(candidate);
  return posix(base);
}

/** Every import of `src/`: static and type-only imports, re-exports, `import()` and `require()`. */
function importGraph(): Edge[] {
  return sourceFiles(SRC).flatMap((file) =>
    ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((i) => ({ from: posix(file), to: target(file, i.fileName) })),
  );
}

/** The feature a path belongs to (`src/features/meetings/x.ts` → `meetings`), if any. */
function featureOf(path: string): string | undefined {
  return /^src\/features\/([^/]+)\//.exec(path)?.[1];
}

/** Layers that every feature may build on, and that therefore import no feature. */
const BELOW_FEATURES = ['src/bot/', 'src/delivery/', 'src/store/', 'src/directory/', 'src/kit/', 'src/common/', 'src/dates/', 'src/privacy/', 'src/i18n/', 'src/cards/'];
/** Top-level files that import no feature: only the composition root (`src/app.ts`) wires features in. */
const ROOT_FILES_WITHOUT_FEATURES = ['src/deps.ts', 'src/main.ts', 'src/server.ts', 'src/config.ts', 'src/errors.ts', 'src/log.ts', 'src/links.ts', 'src/clock.ts', 'src/paths.ts'];
const BOT_FRAMEWORK = /^(botbuilder|botframework-|@microsoft\/teams-ai)/;

/** What breaks the layering, one line per import. */
function violations(edges: readonly Edge[]): string[] {
  const out: string[] = [];
  for (const { from, to } of edges) {
    const intoFeatures = to.startsWith('src/features/');
    if (intoFeatures && (BELOW_FEATURES.some((layer) => from.startsWith(layer)) || ROOT_FILES_WITHOUT_FEATURES.includes(from))) {
      out.push(`${from} imports ${to}: only src/features/ and src/app.ts may import a feature`);
    }
    const own = featureOf(from);
    if (own !== undefined && intoFeatures && featureOf(to) !== own) {
      out.push(`${from} imports ${to}: a feature imports no other feature (not even its index); shared code goes below the features`);
    }
    if (BOT_FRAMEWORK.test(to) && !from.startsWith('src/bot/')) {
      out.push(`${from} imports ${to}: Bot Framework and teams-ai stay in src/bot/`);
    }
  }
  return out;
}

describe('the import graph of src/', () => {
  const edges = importGraph();

  it('reads the imports of every file, type-only ones included', () => {
    assert.ok(edges.length > 500, `only ${edges.length} imports found`);
    assert.ok(edges.some((e) => e.from === 'src/bot/application.ts' && e.to === 'src/kit/featureApp.ts'));
    assert.ok(edges.some((e) => e.from === 'src/app.ts' && e.to === 'src/features/index.ts'));
  });

  it('keeps features above the bot, delivery, the store and the directory core, and apart from each other', () => {
    assert.deepEqual(violations(edges), []);
  });

  it('would name an import into a feature from below, between features, or of Bot Framework outside the bot', () => {
    const broken: Edge[] = [
      { from: 'src/bot/frame.ts', to: 'src/features/directory/memberCards.ts' },
      { from: 'src/delivery/sender.ts', to: 'src/features/meetings/model.ts' },
      { from: 'src/store/sharedRecords.ts', to: 'src/features/cases/model.ts' },
      { from: 'src/directory/seed.ts', to: 'src/features/directory/index.ts' },
      { from: 'src/deps.ts', to: 'src/features/directory/importStore.ts' },
      { from: 'src/features/yearPlan/annualReport.ts', to: 'src/features/cases/model.ts' },
      { from: 'src/features/privacy/index.ts', to: 'src/features/introductions/index.ts' },
      { from: 'src/features/meetings/index.ts', to: 'botbuilder' },
      // Allowed: a feature's own files, the directory core, the kit, the composition root.
      { from: 'src/features/meetings/index.ts', to: 'src/features/meetings/schemas.ts' },
      { from: 'src/features/meetings/index.ts', to: 'src/directory/model.ts' },
      { from: 'src/features/meetings/index.ts', to: 'src/kit/verbs.ts' },
      { from: 'src/app.ts', to: 'src/features/index.ts' },
      { from: 'src/features/index.ts', to: 'src/features/meetings/index.ts' },
      { from: 'src/bot/adapter.ts', to: 'botbuilder' },
    ];
    assert.equal(violations(broken).length, 8, violations(broken).join('\n'));
  });
});
