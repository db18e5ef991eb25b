import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The committed app package sources. */
export const APP_DIR = join(__dirname, '..', '..', '..', 'appPackage');

/** Values for every placeholder, as an IT department would set them. */
export function packageValues(): Record<string, string> {
  return {
    TEAMS_APP_ID: randomUUID(),
    BOT_ID: randomUUID(),
    TAB_CLIENT_ID: '2f1e0c4d-8a7b-4c6d-9e5f-0a1b2c3d4e5f',
    BOT_DOMAIN: 'lvbot-test-app.azurewebsites.net',
    APP_VERSION: '1.4.0',
    DEVELOPER_WEBSITE_URL: 'https://www.example.se/',
    PRIVACY_URL: 'https://www.example.se/integritet',
    TERMS_OF_USE_URL: 'https://www.example.se/villkor',
  };
}

/** A scratch copy of appPackage/ to break on purpose. */
export function copyOfAppDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lv-app-'));
  cpSync(APP_DIR, dir, { recursive: true, filter: (src) => !src.includes(`${join('appPackage', 'build')}`) && !src.endsWith('.env') });
  return dir;
}
