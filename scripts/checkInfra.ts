import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config';
import { CONTAINERS } from '../src/store/containers';
import { createBicepParser } from './infra/bicep';
import { checkInfra } from './infra/checkInfra';

/**
 * `npm run check:infra`: the offline infrastructure check of the test suite, on its own, for
 * whoever edits infra/ (the Bicep CLI is not needed).
 */
export function infraExpectations() {
  return {
    containers: CONTAINERS,
    configVariables: CONFIG_VARIABLES,
    configProblems: (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        if (err instanceof ConfigError) return err.problems;
        throw err;
      }
    },
    region: 'swedencentral',
  };
}

/** infra/main.bicep and every parameter file in infra/parameters/. */
export function infraFiles(root: string): { main: string; parameterFiles: string[] } {
  const dir = join(root, 'infra', 'parameters');
  return {
    main: join(root, 'infra', 'main.bicep'),
    parameterFiles: readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f)),
  };
}

if (require.main === module) {
  void (async () => {
    const root = join(__dirname, '..');
    const { main, parameterFiles } = infraFiles(root);
    const problems = checkInfra(await createBicepParser(), (p) => readFileSync(p, 'utf8'), main, parameterFiles, infraExpectations());
    if (problems.length > 0) {
      process.stderr.write(`${problems.map((p) => `- ${p}`).join('\n')}\n`);
      process.exit(1);
    }
    process.stdout.write(`infra: ${parameterFiles.map((f) => relative(root, f)).join(', ')} match the code\n`);
  })();
}
