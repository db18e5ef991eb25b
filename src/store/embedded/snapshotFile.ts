import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { StateCopy } from './accountState';
import { FILE_MODE } from './dataPaths';
import { withoutServerFields } from './serverFields';

export type Resource = Record<string, unknown> & { id: string };

/** Every database, collection (with its partition key definition), document and function. */
export interface SnapshotState {
  databases: {
    definition: Resource;
    collections: { definition: Resource; documents: Resource[]; udfs: Resource[] }[];
  }[];
}

export interface Snapshot {
  /** The last journal entry the state includes. */
  seq: number;
  createdAt: string;
  state: SnapshotState;
}

const FORMAT = 'lansledning/embedded-cosmos-snapshot';

const headerSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  seq: z.number().int().nonnegative(),
  createdAt: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A header line (format, sequence, length and checksum of the state), then the state as JSON. */
export function encodeSnapshot(snapshot: Snapshot): Buffer {
  return Buffer.concat(framed(snapshot, [Buffer.from(JSON.stringify(snapshot.state), 'utf8')]));
}

/**
 * The same bytes as `encodeSnapshot`, from a copy of the server's state (server fields still on
 * its objects), built a few hundred documents at a time with a turn of the event loop between:
 * requests go on being answered while a large state is encoded.
 */
export async function encodeSnapshotInSteps(seq: number, createdAt: string, copy: StateCopy): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  let text = '{"databases":[';
  const flush = async (): Promise<void> => {
    parts.push(Buffer.from(text, 'utf8'));
    text = '';
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const [d, db] of copy.databases.entries()) {
    text += `${d > 0 ? ',' : ''}{"definition":${JSON.stringify(withoutSystemFields(db.definition))},"collections":[`;
    for (const [c, coll] of db.collections.entries()) {
      text += `${c > 0 ? ',' : ''}{"definition":${JSON.stringify(withoutSystemFields(coll.definition))},"documents":[`;
      for (const [i, doc] of coll.documents.entries()) {
        text += `${i > 0 ? ',' : ''}${JSON.stringify(withoutServerFields(doc))}`;
        if (text.length >= STEP_CHARS) await flush();
      }
      text += `],"udfs":[${coll.udfs.map((udf) => JSON.stringify(withoutSystemFields(udf))).join(',')}]}`;
    }
    text += ']}';
  }
  text += ']}';
  parts.push(Buffer.from(text, 'utf8'));
  return framed({ seq, createdAt }, parts);
}

// About this much JSON is encoded per turn of the event loop.
const STEP_CHARS = 256 * 1024;

function framed(snapshot: Pick<Snapshot, 'seq' | 'createdAt'>, body: Buffer[]): Buffer[] {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const part of body) {
    hash.update(part);
    bytes += part.length;
  }
  const header = { format: FORMAT, version: 1, seq: snapshot.seq, createdAt: snapshot.createdAt, bytes, sha256: hash.digest('hex') };
  return [Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), ...body, Buffer.from('\n')];
}

// Databases, collections and functions: the server's `_` fields are assigned again on load.
function withoutSystemFields(resource: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(resource)) if (!key.startsWith('_')) out[key] = resource[key];
  return out;
}

export class SnapshotCorruptError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SnapshotCorruptError';
  }
}

/** Decodes a snapshot, checking its header, length and checksum; throws `SnapshotCorruptError`. */
export function decodeSnapshot(content: Buffer): Snapshot {
  const newline = content.indexOf(0x0a);
  if (newline < 0) throw new SnapshotCorruptError('no header line');
  const header = headerSchema.safeParse(parseJson(content.subarray(0, newline)));
  if (!header.success) throw new SnapshotCorruptError('the header is not a snapshot header');
  const body = content.subarray(newline + 1, newline + 1 + header.data.bytes);
  if (body.length !== header.data.bytes || content.length !== newline + 1 + body.length + 1) {
    throw new SnapshotCorruptError(`expected ${header.data.bytes} bytes of state, found ${content.length - newline - 2}`);
  }
  if (sha256(body) !== header.data.sha256) throw new SnapshotCorruptError('the checksum does not match');
  const state = parseJson(body);
  if (!isState(state)) throw new SnapshotCorruptError('the state is not a list of databases');
  return { seq: header.data.seq, createdAt: header.data.createdAt, state };
}

export type SnapshotRead =
  | { status: 'missing' }
  | { status: 'ok'; snapshot: Snapshot }
  /** `seq` when the header could still be read. */
  | { status: 'corrupt'; reason: string; seq: number | undefined };

/** The last journal entry a snapshot file says it holds, from its header line alone; undefined if unreadable. */
export async function readSnapshotSeq(path: string): Promise<number | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return headerSeq(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

function headerSeq(content: Buffer): number | undefined {
  const newline = content.indexOf(0x0a);
  const header = newline < 0 ? undefined : headerSchema.safeParse(parseJson(content.subarray(0, newline)));
  return header?.success ? header.data.seq : undefined;
}

export async function readSnapshotFile(path: string): Promise<SnapshotRead> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (err) {
    if (isMissing(err)) return { status: 'missing' };
    throw err;
  }
  try {
    return { status: 'ok', snapshot: decodeSnapshot(content) };
  } catch (err) {
    if (err instanceof SnapshotCorruptError) return { status: 'corrupt', reason: err.message, seq: headerSeq(content) };
    throw err;
  }
}

/** Writes an encoded snapshot to `path` (mode 0600) and fsyncs it; the caller renames it into place. */
export async function writeSnapshotTmp(path: string, parts: Buffer[]): Promise<void> {
  const handle = await open(path, 'w', FILE_MODE);
  try {
    await handle.writev(parts);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// A structural check of a parsed state: databases, collections and resources with string ids.
function isState(value: unknown): value is SnapshotState {
  if (!isObject(value) || !Array.isArray(value.databases)) return false;
  return value.databases.every(
    (db) =>
      isObject(db) &&
      isResource(db.definition) &&
      Array.isArray(db.collections) &&
      db.collections.every(
        (coll) =>
          isObject(coll) &&
          isResource(coll.definition) &&
          Array.isArray(coll.documents) &&
          coll.documents.every(isResource) &&
          Array.isArray(coll.udfs) &&
          coll.udfs.every(isResource),
      ),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isResource(value: unknown): value is Resource {
  return isObject(value) && typeof value.id === 'string' && value.id.length > 0;
}

export function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT';
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
