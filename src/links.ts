import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock';
import { actorPseudonym } from './log';
import { queryAll } from './store/concurrency';
import type { Doc, DocContainer, Stored } from './store/types';
import { isStoreError } from './store/types';

/**
 * Signed, expiring download links (.ics invitations, CSV and data exports) that work without a
 * Teams token. A link carries ids, dates and choices, never text a person wrote; a data export's
 * link carries only the id of a record of it in the store, and works once.
 */
export interface LinkSigner {
  /** A link for whoever holds it until it expires. `madeFor`: the AAD object id of the person it is made for (logged by pseudonym). */
  url(kind: string, params: Record<string, string>, ttlMs: number, madeFor?: string): string;
  /** A link that works once: its parameters stay in the store, the link names the record. */
  once(kind: string, params: Record<string, string>, ttlMs: number, madeFor: string): Promise<string>;
  /** What a token opens, checked against what the download allows; why not, when it opens nothing. */
  open(token: string, policy?: DownloadPolicy): Promise<OpenedLink | RefusedLink>;
  /** Marks a once-only link used; false when another download used it first. */
  spend(link: OpenedLink): Promise<boolean>;
}

/** What a kind of download allows (declared where the feature registers it). */
export interface DownloadPolicy {
  /** Only links that work once (data exports). */
  once?: boolean;
  /** The longest a link may work after it was made, whatever it says (CSV files: a day). */
  maxAgeMs?: number;
}

export interface OpenedLink {
  kind: string;
  params: Record<string, string>;
  /** Names the link in the logs without being it: the record's id, or a hash of the token. */
  id: string;
  /** Pseudonym of the person it was made for, when known. */
  madeFor: string | null;
  once: { record: Stored<Doc & LinkRecord> } | null;
}

export type LinkRefusal = 'invalid' | 'expired' | 'used' | 'tooOld' | 'notOnce';

/** Why a token opens nothing, and which link it was when the signature holds. */
export interface RefusedLink {
  refused: LinkRefusal;
  id?: string;
  madeFor?: string | null;
}

/** A once-only link's record. */
export interface LinkRecord {
  type: 'download-link';
  kind: string;
  params: Record<string, string>;
  madeFor: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** The longest a CSV file's link works, whatever it says (a status card made today may be read next week). */
export const CSV_LINK_MAX_AGE_MS = 24 * 3_600_000;

/** The partition of the directory container that holds once-only links' records (swept after expiry). */
export const LINK_RECORDS_PK = 'download-link';

/** Link parameters are ids, dates, numbers and choices: nothing a person typed can reach a URL. */
const PARAM_VALUE = /^[A-Za-z0-9_.:,@+-]{0,200}$/;

interface Payload {
  k: string;
  p?: Record<string, string>;
  e: number;
  /** Made at. */
  i?: number;
  /** Made for (pseudonym). */
  b?: string;
  /** The once-only record. */
  o?: string;
}

export function createLinkSigner(secret: Buffer, baseUrl: string, clock: Clock, records?: DocContainer): LinkSigner {
  const mac = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  const sign = (body: Payload) => {
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${baseUrl}/downloads/${payload}.${mac(payload)}`;
  };
  const checked = (params: Record<string, string>) => {
    for (const [key, value] of Object.entries(params)) {
      if (!PARAM_VALUE.test(value)) throw new Error(`link parameter ${key} is not an id, date or choice`);
    }
    return params;
  };

  function read(token: string): Payload | undefined {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(mac(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Payload>;
      if (typeof body.k !== 'string' || typeof body.e !== 'number') return undefined;
      const params = typeof body.p === 'object' && body.p !== null ? body.p : {};
      return {
        k: body.k,
        e: body.e,
        p: Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string')),
        ...(typeof body.i === 'number' ? { i: body.i } : {}),
        ...(typeof body.b === 'string' ? { b: body.b } : {}),
        ...(typeof body.o === 'string' ? { o: body.o } : {}),
      };
    } catch {
      return undefined;
    }
  }

  return {
    url(kind, params, ttlMs, madeFor) {
      const now = clock.now().getTime();
      return sign({ k: kind, p: checked(params), e: now + ttlMs, i: now, ...(madeFor ? { b: actorPseudonym(madeFor) } : {}) });
    },

    async once(kind, params, ttlMs, madeFor) {
      if (!records) throw new Error('once-only links need the store');
      const now = clock.now();
      const id = `link-${randomBytes(16).toString('hex')}`;
      const record: Doc & LinkRecord = {
        id,
        pk: LINK_RECORDS_PK,
        type: 'download-link',
        kind,
        // Kept in the store, not in the URL.
        params,
        madeFor: actorPseudonym(madeFor),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
        usedAt: null,
      };
      await records.create(record);
      return sign({ k: kind, o: id, e: now.getTime() + ttlMs, i: now.getTime(), b: record.madeFor });
    },

    async open(token, policy = {}) {
      const body = read(token);
      if (!body) return { refused: 'invalid' };
      const known = { id: body.o ?? createHash('sha256').update(token).digest('hex').slice(0, 16), madeFor: body.b ?? null };
      const now = clock.now().getTime();
      if (body.e < now) return { refused: 'expired', ...known };
      if (policy.maxAgeMs !== undefined && (body.i === undefined || now - body.i > policy.maxAgeMs)) return { refused: 'tooOld', ...known };
      if (body.o === undefined) {
        if (policy.once) return { refused: 'notOnce', ...known };
        return { kind: body.k, params: body.p ?? {}, ...known, once: null };
      }
      const record = records ? await records.read<Doc & LinkRecord>(LINK_RECORDS_PK, body.o) : undefined;
      if (!record || record.kind !== body.k) return { refused: 'invalid', ...known };
      if (record.usedAt !== null) return { refused: 'used', ...known };
      if (new Date(record.expiresAt).getTime() < now) return { refused: 'expired', ...known };
      return { kind: record.kind, params: record.params, id: record.id, madeFor: record.madeFor, once: { record } };
    },

    async spend(link) {
      if (!link.once || !records) return true;
      try {
        await records.replace({ ...link.once.record, usedAt: clock.now().toISOString() }, link.once.record._etag);
        return true;
      } catch (err) {
        if (isStoreError(err, 'precondition') || isStoreError(err, 'not_found')) return false;
        throw err;
      }
    },
  };
}

/** Removes the records of once-only links `retentionDays` after they expired; returns how many went. */
export async function sweepLinkRecords(records: DocContainer, clock: Clock, retentionDays: number): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - retentionDays * 86_400_000).toISOString();
  const expired = await queryAll<Doc & LinkRecord>(records, LINK_RECORDS_PK, "c.type = 'download-link' AND c.expiresAt < @cutoff", { cutoff });
  for (const record of expired) await records.delete(LINK_RECORDS_PK, record.id);
  return expired.length;
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
