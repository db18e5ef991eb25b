import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir } from './fsyncDir';

/** The file, in the embedded store's directory, that holds its key. */
export const KEY_FILE = 'key';

/**
 * The embedded store's key: 64 random bytes, base64, created with mode 0600 at the directory's
 * first start and read at every later one. The server refuses every request not signed with it,
 * exactly as Azure Cosmos DB refuses one not signed with the account key.
 */
export async function loadOrCreateStoreKey(dir: string): Promise<string> {
  const path = join(dir, KEY_FILE);
  const existing = await readKey(path);
  if (existing !== undefined) return existing;
  const key = randomBytes(64).toString('base64');
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(`${key}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsyncDir(dir);
    return key;
  } catch (err) {
    // Another start created it between the read and the create: use theirs.
    if ((err as { code?: unknown }).code === 'EEXIST') {
      const theirs = await readKey(path);
      if (theirs !== undefined) return theirs;
    }
    throw err;
  }
}

/** The key of the embedded store under `DATA_DIR/cosmos`, for tools that open it from outside. */
export async function readStoreKey(cosmosDir: string): Promise<string> {
  const key = await readKey(join(cosmosDir, KEY_FILE));
  if (key === undefined) throw new Error(`${join(cosmosDir, KEY_FILE)} does not exist: the store has never started there`);
  return key;
}

async function readKey(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return undefined;
    throw err;
  }
  const key = text.trim();
  if (!/^[A-Za-z0-9+/]{40,}={0,2}$/.test(key)) throw new Error(`${path} does not hold a store key`);
  return key;
}

// How far the request's date may be from the server's clock, as Azure Cosmos DB allows.
const MAX_SKEW_MS = 15 * 60_000;

/**
 * Checks a request's master-key authorization the way Azure Cosmos DB does: the `authorization`
 * header is `type=master&ver=1.0&sig=<base64 HMAC-SHA256>` (URL-encoded), signed over
 * `verb\nresourceType\nresourceLink\ndate\n\n` with the key; the date is `x-ms-date` and must be
 * within fifteen minutes of now. Returns why it is refused, or undefined when it is signed.
 */
export function authorizationProblem(
  key: Buffer,
  method: string | undefined,
  url: string | undefined,
  headers: IncomingHttpHeaders,
  now: number = Date.now(),
): string | undefined {
  const header = single(headers.authorization);
  if (!header) return 'the request is not signed';
  let decoded: string;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    return 'the authorization header cannot be read';
  }
  // `type=master&ver=1.0&sig=<base64>`: the signature may hold `+`, so no form decoding.
  const fields = new Map(
    decoded.split('&').map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  const signature = fields.get('sig');
  if (fields.get('type') !== 'master' || fields.get('ver') !== '1.0' || !signature) return 'only master-key signatures are accepted';
  const date = single(headers['x-ms-date']) ?? single(headers.date);
  if (!date) return 'the request carries no date';
  const at = Date.parse(date);
  if (!Number.isFinite(at) || Math.abs(at - now) > MAX_SKEW_MS) return 'the request date is too far from now';
  const given = Buffer.from(signature, 'base64');
  for (const { resourceType, resourceLink } of signedResources(url ?? '/')) {
    const text = `${(method ?? 'GET').toLowerCase()}\n${resourceType.toLowerCase()}\n${resourceLink}\n${date.toLowerCase()}\n\n`;
    const expected = createHmac('sha256', key).update(text, 'utf8').digest();
    if (expected.length === given.length && timingSafeEqual(expected, given)) return undefined;
  }
  return 'the signature does not match';
}

/**
 * What a path names, as the client signs it: `dbs/a/colls/b/docs/c` is a `docs` resource with
 * link `dbs/a/colls/b/docs/c`, the feed `dbs/a/colls/b/docs` a `docs` resource with link
 * `dbs/a/colls/b`. Clients sign the link with ids as they wrote them; the decoded and the raw
 * forms are both tried, each derived from this request's own path.
 */
function signedResources(url: string): { resourceType: string; resourceLink: string }[] {
  const raw = (url.split('?')[0] ?? '').split('/').filter((s) => s !== '');
  const forms = [raw];
  try {
    const decoded = raw.map((s) => decodeURIComponent(s));
    if (decoded.join('/') !== raw.join('/')) forms.unshift(decoded);
  } catch {
    // Undecodable: only the raw form.
  }
  return forms.map((segments) => {
    if (segments.length === 0) return { resourceType: '', resourceLink: '' };
    if (segments.length % 2 === 1) {
      return { resourceType: segments[segments.length - 1]!, resourceLink: segments.slice(0, -1).join('/') };
    }
    return { resourceType: segments[segments.length - 2]!, resourceLink: segments.join('/') };
  });
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
