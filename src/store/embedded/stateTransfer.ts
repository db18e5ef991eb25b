import { z } from 'zod';
import { type InternalClient, serverPaths } from './internalClient';
import { withoutServerFields } from './serverFields';
import type { Resource, SnapshotState } from './snapshotFile';

const resourceList = z.array(z.object({ id: z.string().min(1) }).passthrough());

// Documents are restored in batches of this many create operations.
const RESTORE_BATCH = 500;

/**
 * Reads the whole state through the server's HTTP API (it has no export): databases, collections
 * with their partition key definitions, documents in the server's order, user-defined functions.
 */
export async function dumpState(client: InternalClient): Promise<SnapshotState> {
  const databases = await list(client, serverPaths.databases(), 'Databases');
  return {
    databases: await Promise.all(
      databases.map(async (db) => ({
        definition: withoutSystemFields(db),
        collections: await Promise.all(
          (await list(client, serverPaths.collections(db.id), 'DocumentCollections')).map(async (coll) => ({
            definition: withoutSystemFields(coll),
            documents: (await list(client, serverPaths.documents(db.id, coll.id), 'Documents')).map((doc) => withoutServerFields(doc)),
            udfs: (await list(client, serverPaths.functions(db.id, coll.id), 'UserDefinedFunctions')).map(
              withoutSystemFields,
            ),
          })),
        ),
      })),
    ),
  };
}

/** Recreates a dumped state in an empty server. */
export async function restoreState(client: InternalClient, state: SnapshotState): Promise<void> {
  for (const db of state.databases) {
    await expectStatus(client, 'POST', serverPaths.databases(), db.definition, 201);
    for (const coll of db.collections) {
      await expectStatus(client, 'POST', serverPaths.collections(db.definition.id), coll.definition, 201);
      const docsPath = serverPaths.documents(db.definition.id, coll.definition.id);
      for (let i = 0; i < coll.documents.length; i += RESTORE_BATCH) {
        await createBatch(client, docsPath, coll.documents.slice(i, i + RESTORE_BATCH));
      }
      for (const udf of coll.udfs) {
        await expectStatus(client, 'POST', serverPaths.functions(db.definition.id, coll.definition.id), udf, 201);
      }
    }
  }
}

async function createBatch(client: InternalClient, path: string, documents: Resource[]): Promise<void> {
  const { status, json } = await client.request('POST', path, {
    headers: { 'content-type': 'application/json', 'x-ms-cosmos-is-batch-request': 'true' },
    body: JSON.stringify(documents.map((resourceBody) => ({ operationType: 'Create', resourceBody }))),
  });
  const results = z.array(z.object({ statusCode: z.number() }).passthrough()).safeParse(json);
  const failed = results.success ? results.data.findIndex((r) => r.statusCode !== 201) : 0;
  if (status !== 200 || failed >= 0) {
    const id = documents[Math.max(failed, 0)]?.id;
    throw new Error(`restoring document ${id} under ${path} failed (${status}): ${JSON.stringify(json)}`);
  }
}

async function expectStatus(
  client: InternalClient,
  method: string,
  path: string,
  body: Resource,
  expected: number,
): Promise<void> {
  const { status, json } = await client.request(method, path, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (status !== expected) throw new Error(`restoring ${path}/${body.id} failed (${status}): ${JSON.stringify(json)}`);
}

async function list(client: InternalClient, path: string, key: string): Promise<Resource[]> {
  const body = await client.getJson(path);
  const items = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  const parsed = resourceList.safeParse(items);
  if (!parsed.success) throw new Error(`GET ${path} did not list ${key}`);
  return parsed.data;
}

// Databases, collections and functions: the server's `_` fields are assigned again on create.
function withoutSystemFields(resource: Resource): Resource {
  return Object.fromEntries(Object.entries(resource).filter(([key]) => !key.startsWith('_'))) as Resource;
}
