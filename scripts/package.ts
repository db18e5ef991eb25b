import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppPackageError, buildAppPackage, zipAppPackage } from './appPackage/build';
import { createSchemaValidator } from './appPackage/manifestSchema';
import { MissingVariablesError, parseEnvFile } from './appPackage/variables';

/**
 * `npm run package [-- --env-file FILE] [-- --out FILE]`: fills appPackage/manifest.json and its
 * localization files from the environment and an env file (default appPackage/.env), checks them
 * offline and writes appPackage/build/appPackage.zip for upload to Teams.
 */
const root = resolve(__dirname, '..');
const appDir = join(root, 'appPackage');
const { values: args } = parseArgs({
  options: { 'env-file': { type: 'string' }, out: { type: 'string' } },
});
const envFile = args['env-file'] ? resolve(args['env-file']) : join(appDir, '.env');
const out = args.out ? resolve(args.out) : join(appDir, 'build', 'appPackage.zip');

if (args['env-file'] && !existsSync(envFile)) fail(`env file ${envFile} does not exist`);
const fromFile = existsSync(envFile) ? parseEnvFile(readFileSync(envFile, 'utf8')) : {};
const pkgVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const values: Record<string, string | undefined> = { APP_VERSION: pkgVersion, ...fromFile, ...process.env };

try {
  const pkg = buildAppPackage(appDir, values, createSchemaValidator());
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zipAppPackage(pkg));
  writeFileSync(join(dirname(out), 'manifest.json'), pkg.files['manifest.json']!);
  process.stdout.write(`${relative(process.cwd(), out)}: ${Object.keys(pkg.files).sort().join(', ')} (version ${JSON.stringify(pkg.manifest.version)})\n`);
} catch (err) {
  if (err instanceof MissingVariablesError) {
    fail(
      `${err.message}\nSet them in the environment or in ${relative(process.cwd(), envFile)} ` +
        `(appPackage/.env.example lists them all).`,
    );
  }
  if (err instanceof AppPackageError) fail(err.message);
  throw err;
}

function fail(message: string): never {
  process.stderr.write(`npm run package: ${message}\n`);
  process.exit(1);
}
