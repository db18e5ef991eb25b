/**
 * Preloaded into the bot under test (`node --require <compiled storeOpsProbe.js> dist/main.js`):
 * counts every HTTP request the process makes to its Cosmos endpoint (the embedded server's port,
 * or `COSMOS_ENDPOINT`), by container, operation and answer status, with the request charge the
 * endpoint reports. It listens on Node's own HTTP client diagnostics channels, so the store stays
 * where it runs in production (in process) and no proxy adds a hop. The embedded store's own
 * maintenance requests (replay, snapshots) use `fetch` and are not counted: they are not Cosmos
 * operations. The bench asks for the counts over the IPC channel (`'store-ops'`).
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

type Counts = Record<string, number>;

interface Snapshot {
  /** `container.op.status` → requests; ops: read, query, create, upsert, replace, patch, delete, metadata. */
  requests: Counts;
  /** Sum of `x-ms-request-charge` over all answers. */
  charge: number;
  /** `container.op` → bytes of the answers' bodies (what a request unit estimate is sized by). */
  bytes: Counts;
}

const cosmosPort = portOf(process.env.EMBEDDED_COSMOS_PORT, process.env.COSMOS_ENDPOINT);
const requests: Counts = {};
const bytes: Counts = {};
let charge = 0;
const pending = new WeakMap<ClientRequest, string>();

diagnosticsChannel.subscribe('http.client.request.start', (message) => {
  const request = (message as { request: ClientRequest }).request;
  if (!isCosmos(request)) return;
  pending.set(request, classify(request));
});

diagnosticsChannel.subscribe('http.client.response.finish', (message) => {
  const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
  const key = pending.get(request);
  if (key === undefined) return;
  pending.delete(request);
  count(`${key}.${response.statusCode ?? 0}`);
  const length = Number(response.headers['content-length']);
  if (Number.isFinite(length)) bytes[key] = (bytes[key] ?? 0) + length;
  const reported = Number(response.headers['x-ms-request-charge']);
  if (Number.isFinite(reported)) charge += reported;
});

diagnosticsChannel.subscribe('http.client.request.error', (message) => {
  const request = (message as { request: ClientRequest }).request;
  const key = pending.get(request);
  if (key === undefined) return;
  pending.delete(request);
  count(`${key}.error`);
});

process.on('message', (message: unknown) => {
  if (message === 'store-ops' && process.send) {
    const snapshot: Snapshot = { requests: { ...requests }, charge, bytes: { ...bytes } };
    process.send({ kind: 'store-ops', snapshot });
  }
});
// Listening for messages refs the IPC channel; the bot must still exit as it would without us.
process.channel?.unref();

function count(key: string): void {
  requests[key] = (requests[key] ?? 0) + 1;
}

function isCosmos(request: ClientRequest): boolean {
  if (cosmosPort === undefined) return false;
  const [hostname, port] = String(request.getHeader('host') ?? '').split(/:(?=\d+$)/);
  return (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]') && Number(port) === cosmosPort;
}

/** `container.op` of a Cosmos REST request (`/dbs/<db>/colls/<container>/docs[/<id>]`). */
function classify(request: ClientRequest): string {
  const path = request.path.split('?')[0] ?? '';
  const parts = path.split('/').filter((p) => p.length > 0);
  const container = parts[2] === 'colls' && parts[3] ? decodeURIComponent(parts[3]) : '-';
  if (parts[4] !== 'docs') return `${container}.metadata`;
  const header = (name: string) => String(request.getHeader(name) ?? '').toLowerCase();
  const method = request.method.toUpperCase();
  const hasId = parts.length > 5;
  let op = 'metadata';
  if (method === 'GET' && hasId) op = 'read';
  else if (method === 'GET') op = 'readFeed';
  else if (method === 'POST' && (header('content-type').startsWith('application/query+json') || header('x-ms-documentdb-isquery') === 'true')) op = 'query';
  else if (method === 'POST' && header('x-ms-documentdb-is-upsert') === 'true') op = 'upsert';
  else if (method === 'POST') op = hasId ? 'metadata' : 'create';
  else if (method === 'PUT') op = 'replace';
  else if (method === 'PATCH') op = 'patch';
  else if (method === 'DELETE') op = 'delete';
  return `${container}.${op}`;
}

function portOf(embeddedPort: string | undefined, endpoint: string | undefined): number | undefined {
  if (embeddedPort && /^\d+$/.test(embeddedPort)) return Number(embeddedPort);
  if (!endpoint) return undefined;
  try {
    const url = new URL(endpoint);
    return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  } catch {
    return undefined;
  }
}
