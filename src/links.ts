import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock';
import type { DocContainer } from './store/types';
import { isStoreError } from './store/types';

/** Signed, expiring download links (.ics invitations, CSV exports) that work without a Teams token. */
export interface LinkSigner {
  url(kind: string, params: Record<string, string>, ttlMs: number): string;
  verify(token: string): { kind: string; params: Record<string, string> } | undefined;
}

export function createLinkSigner(secret: Buffer, baseUrl: string, clock: Clock): LinkSigner {
  const mac = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  return {
    url(kind, params, ttlMs) {
      const payload = Buffer.from(JSON.stringify({ k: kind, p: params, e: clock.now().getTime() + ttlMs })).toString('base64url');
      return `${baseUrl}/downloads/${payload}.${mac(payload)}`;
    },
    verify(token) {
      const [payload, signature] = token.split('.');
      if (!payload || !signature) return undefined;
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      try {
        const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { k?: unknown; p?: unknown; e?: unknown };
        if (typeof body.k !== 'string' || typeof body.e !== 'number' || body.e < clock.now().getTime()) return undefined;
        if (typeof body.p !== 'object' || body.p === null) return undefined;
        const params = Object.fromEntries(
          Object.entries(body.p as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        return { kind: body.k, params };
      } catch {
        return undefined;
      }
    },
  };
}

/** The signing key is shared by every instance through the store; the first start creates it. */
export async function loadSigningKey(directory: DocContainer): Promise<Buffer> {
  const existing = await directory.read<{ id: string; pk: string; type: string; key: string }>('settings', 'signing-key');
  if (existing) return Buffer.from(existing.key, 'base64');
  try {
    await directory.create({ id: 'signing-key', pk: 'settings', type: 'setting', key: randomBytes(32).toString('base64') });
  } catch (err) {
    if (!isStoreError(err, 'conflict')) throw err;
  }
  return loadSigningKey(directory);
}
