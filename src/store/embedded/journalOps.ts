import type { IncomingHttpHeaders } from 'node:http';
import type { JournalOp } from './journalEntry';
import type { RequestRoute } from './requestRoute';
import { withoutServerFields } from './serverFields';

export interface ExchangedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

// Headers that change what a database, collection or function request does.
const REPLAYED_HEADERS = ['content-type', 'x-ms-documentdb-is-upsert', 'x-ms-documentdb-partitionkey'] as const;

/**
 * The journal ops of a write the server answered with 2xx, from the request and the response body.
 * Throws when the exchange cannot be understood, since the write could then not be replayed.
 */
export function journalOps(route: RequestRoute, request: ExchangedRequest, responseBody: Buffer): JournalOp[] {
  switch (route.kind) {
    case 'docCreate':
    case 'docUpsert':
    case 'docReplace':
    case 'docPatch':
      return [{ op: 'put', db: route.db, coll: route.coll, doc: storedDocument(parseJson(responseBody)) }];
    case 'docDelete':
      return [{ op: 'delete', db: route.db, coll: route.coll, id: route.id, partitionKey: partitionKeyHeader(request) }];
    case 'docBatch':
      return batchOps(route.db, route.coll, parseJson(request.body), parseJson(responseBody));
    case 'otherWrite':
      return [
        {
          op: 'request',
          method: request.method,
          path: request.url,
          headers: replayedHeaders(request.headers),
          body: request.body.toString('utf8'),
        },
      ];
    case 'read':
    case 'malformed':
      return [];
  }
}

// A batch applies its operations one by one and keeps those that succeeded, atomic or not.
function batchOps(db: string, coll: string, operations: unknown, results: unknown): JournalOp[] {
  if (!Array.isArray(operations) || !Array.isArray(results) || operations.length !== results.length) {
    throw new Error('a batch response does not match its request');
  }
  const ops: JournalOp[] = [];
  results.forEach((result: unknown, index) => {
    const status = objectOf(result).statusCode;
    if (typeof status !== 'number' || status >= 400) return;
    const operation = objectOf(operations[index]);
    switch (operation.operationType) {
      case 'Create':
      case 'Upsert':
      case 'Replace':
      case 'Patch':
        ops.push({ op: 'put', db, coll, doc: storedDocument(objectOf(result).resourceBody) });
        break;
      case 'Delete': {
        const { id, partitionKey } = operation;
        if (typeof id !== 'string' || typeof partitionKey !== 'string') throw new Error('a batch delete lacks its id');
        ops.push({ op: 'delete', db, coll, id, partitionKey });
        break;
      }
      default:
        break;
    }
  });
  return ops;
}

function storedDocument(value: unknown): Record<string, unknown> {
  const doc = objectOf(value);
  if (typeof doc.id !== 'string') throw new Error('a written document came back without an id');
  return withoutServerFields(doc);
}

function partitionKeyHeader(request: ExchangedRequest): string {
  const value = request.headers['x-ms-documentdb-partitionkey'];
  const header = Array.isArray(value) ? value[0] : value;
  if (header === undefined) throw new Error('a document delete succeeded without a partition key header');
  return header;
}

function replayedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first;
  }
  return out;
}

function parseJson(data: Buffer): unknown {
  return JSON.parse(data.toString('utf8')) as unknown;
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
