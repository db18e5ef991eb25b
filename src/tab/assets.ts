import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../paths';

/** A file the page loads, read once at start and kept gzipped beside. */
export interface Asset {
  name: string;
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

export const TAB_PUBLIC_DIR = join(PROJECT_ROOT, 'public', 'tab');

/** The Teams JavaScript library's browser build, from the installed npm package (no CDN). */
export function teamsJsPath(): string {
  return join(dirname(require.resolve('@microsoft/teams-js/package.json')), 'dist', 'umd', 'MicrosoftTeams.min.js');
}

function asset(name: string, path: string, contentType: string): Asset {
  const body = readFileSync(path);
  return { name, contentType, body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/** The page and everything it loads; the only files the tab serves (no path from a request reaches the disk). */
export function loadAssets(): { page: Asset; files: ReadonlyMap<string, Asset> } {
  const files = new Map<string, Asset>([
    ['app.js', asset('app.js', join(TAB_PUBLIC_DIR, 'app.js'), 'text/javascript; charset=utf-8')],
    ['app.css', asset('app.css', join(TAB_PUBLIC_DIR, 'app.css'), 'text/css; charset=utf-8')],
    ['teams-js.js', asset('teams-js.js', teamsJsPath(), 'text/javascript; charset=utf-8')],
  ]);
  return { page: asset('index.html', join(TAB_PUBLIC_DIR, 'index.html'), 'text/html; charset=utf-8'), files };
}

/** The compressed size of what the page loads (scripts and styles), as a browser receives it. */
export function pageWeight(assets: ReturnType<typeof loadAssets>): { files: { name: string; bytes: number; gzip: number }[]; gzipTotal: number } {
  const files = [...assets.files.values()].map((a) => ({ name: a.name, bytes: a.body.length, gzip: a.gzip.length }));
  return { files, gzipTotal: files.reduce((sum, f) => sum + f.gzip, 0) };
}
