import { createHash } from 'node:crypto';
import { open, readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import type { DataPaths } from './dataPaths';
import { fsyncDir } from './fsyncDir';

const resource = z.object({ id: z.string().min(1) }).passthrough();
export type Resource = z.infer<typeof resource>;

const stateSchema = z.object({
  databases: z.array(
    z.object({
      definition: resource,
      collections: z.array(
        z.object({ definition: resource, documents: z.array(resource), udfs: z.array(resource) }),
      ),
    }),
  ),
});

/** Every database, collection (with its partition key definition), document and function. */
export type SnapshotState = z.infer<typeof stateSchema>;

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
  const body = Buffer.from(JSON.stringify(snapshot.state), 'utf8');
  const header = {
    format: FORMAT,
    version: 1,
    seq: snapshot.seq,
    createdAt: snapshot.createdAt,
    bytes: body.length,
    sha256: sha256(body),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body, Buffer.from('\n')]);
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
  const state = stateSchema.safeParse(parseJson(body));
  if (!state.success) throw new SnapshotCorruptError('the state is not a list of databases');
  return { seq: header.data.seq, createdAt: header.data.createdAt, state: state.data };
}

export type SnapshotRead =
  | { status: 'missing' }
  | { status: 'ok'; snapshot: Snapshot }
  | { status: 'corrupt'; reason: string };

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
    if (err instanceof SnapshotCorruptError) return { status: 'corrupt', reason: err.message };
    throw err;
  }
}

/**
 * Writes the snapshot atomically: a temporary file, fsynced, then renamed over `snapshot` after the
 * current one has been renamed to `snapshotPrev`; then the directory is fsynced.
 */
export async function writeSnapshotFile(paths: DataPaths, snapshot: Snapshot): Promise<void> {
  const handle = await open(paths.snapshotTmp, 'w');
  try {
    await handle.writeFile(encodeSnapshot(snapshot));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(paths.snapshot, paths.snapshotPrev);
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
  await rename(paths.snapshotTmp, paths.snapshot);
  await fsyncDir(paths.dir);
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
