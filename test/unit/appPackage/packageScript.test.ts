import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { packageValues } from './fixtures';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs `npm run package` the way npm does (tsx over scripts/package.ts), with only PATH set. */
function runPackage(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--require', 'tsx/cjs', join('scripts', 'package.ts'), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run package', () => {
  it('writes appPackage.zip from an env file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lv-package-'));
    const values = packageValues();
    writeFileSync(join(dir, 'test.env'), Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n'));
    const out = join(dir, 'build', 'appPackage.zip');
    const result = await runPackage(['--env-file', join(dir, 'test.env'), '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    const files = unzipSync(readFileSync(out));
    assert.deepEqual(Object.keys(files).sort(), ['color.png', 'en.json', 'manifest.json', 'outline.png']);
    assert.match(Buffer.from(files['manifest.json']!).toString('utf8'), new RegExp(`"botId": "${values.BOT_ID}"`));
  });

  it('stops and names the missing variables, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lv-package-'));
    const values: Record<string, string> = packageValues();
    delete values.BOT_DOMAIN;
    writeFileSync(join(dir, 'test.env'), Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n'));
    const out = join(dir, 'appPackage.zip');
    const result = await runPackage(['--env-file', join(dir, 'test.env'), '--out', out]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /missing variable: BOT_DOMAIN/);
    assert.equal(existsSync(out), false);
  });
});
