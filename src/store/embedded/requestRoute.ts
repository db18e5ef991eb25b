import type { IncomingHttpHeaders } from 'node:http';

/** What a request does to the server's state, decided the way the server's own router decides. */
export type RequestRoute =
  | { kind: 'read' }
  | { kind: 'docCreate' | 'docUpsert' | 'docBatch'; db: string; coll: string }
  | { kind: 'docReplace' | 'docPatch' | 'docDelete'; db: string; coll: string; id: string }
  | { kind: 'otherWrite' }
  | { kind: 'malformed' };

/**
 * Classifies a request as @vercel/cosmosdb-server's router does: a POST is a query when it says
 * `x-ms-documentdb-isquery: true` or has content type `application/query+json`, else an upsert
 * (`x-ms-documentdb-is-upsert`), else a batch (`x-ms-cosmos-is-batch-request`), else a create.
 */
export function routeOf(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): RequestRoute {
  const segments = pathSegments(url ?? '/');
  if (!segments) return { kind: 'malformed' };
  const doc = documentPath(segments);
  switch (method ?? 'GET') {
    case 'POST': {
      if (isTrue(headers, 'x-ms-documentdb-isquery') || headers['content-type'] === 'application/query+json') {
        return { kind: 'read' };
      }
      if (!doc || doc.id !== undefined) return { kind: 'otherWrite' };
      const { db, coll } = doc;
      if (isTrue(headers, 'x-ms-documentdb-is-upsert')) return { kind: 'docUpsert', db, coll };
      if (isTrue(headers, 'x-ms-cosmos-is-batch-request')) return { kind: 'docBatch', db, coll };
      return { kind: 'docCreate', db, coll };
    }
    case 'PUT':
    case 'PATCH':
    case 'DELETE': {
      if (!doc || doc.id === undefined) return { kind: 'otherWrite' };
      const kind = method === 'PUT' ? 'docReplace' : method === 'PATCH' ? 'docPatch' : 'docDelete';
      return { kind, db: doc.db, coll: doc.coll, id: doc.id };
    }
    default:
      return { kind: 'read' };
  }
}

export function isWrite(route: RequestRoute): boolean {
  return route.kind !== 'read' && route.kind !== 'malformed';
}

// The decoded segments of the path, normalised as the server does; undefined when undecodable.
function pathSegments(url: string): string[] | undefined {
  let pathname = url.split('?')[0] ?? '';
  if (pathname.startsWith('//')) pathname = pathname.slice(1);
  while (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.slice(0, -1);
  try {
    return pathname === '/'
      ? []
      : pathname
          .split('/')
          .slice(1)
          .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function documentPath(segments: string[]): { db: string; coll: string; id: string | undefined } | undefined {
  const [dbs, db, colls, coll, docs, id, ...rest] = segments;
  if (dbs !== 'dbs' || colls !== 'colls' || docs !== 'docs' || !db || !coll || rest.length > 0) return undefined;
  return { db, coll, id };
}

function isTrue(headers: IncomingHttpHeaders, name: string): boolean {
  const value = headers[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.some((v) => v.toLowerCase() === 'true');
}
