import assert from 'node:assert/strict';
import { isWrite, routeOf } from '../../../../src/store/embedded/requestRoute';

const docs = '/dbs/lansledning/colls/meetings/docs';

describe('request routes of the embedded server', () => {
  it('treats a POST with the query content type or header as a read', () => {
    assert.deepEqual(routeOf('POST', docs, { 'content-type': 'application/query+json' }), { kind: 'read' });
    assert.deepEqual(routeOf('POST', docs, { 'x-ms-documentdb-isquery': 'True' }), { kind: 'read' });
    assert.deepEqual(routeOf('POST', '/dbs', { 'content-type': 'application/query+json' }), { kind: 'read' });
  });

  it('tells creates, upserts and batches apart as the server does (query, then upsert, then batch)', () => {
    const where = { db: 'lansledning', coll: 'meetings' };
    assert.deepEqual(routeOf('POST', docs, { 'content-type': 'application/json' }), { kind: 'docCreate', ...where });
    assert.deepEqual(routeOf('POST', docs, { 'x-ms-documentdb-is-upsert': 'true' }), { kind: 'docUpsert', ...where });
    assert.deepEqual(routeOf('POST', docs, { 'x-ms-cosmos-is-batch-request': 'true' }), { kind: 'docBatch', ...where });
    assert.deepEqual(
      routeOf('POST', docs, { 'x-ms-documentdb-is-upsert': 'true', 'x-ms-cosmos-is-batch-request': 'true' }),
      { kind: 'docUpsert', ...where },
    );
  });

  it('decodes document ids and normalises the path like the server', () => {
    const id = 'å ä: 1 & 2';
    const where = { db: 'lansledning', coll: 'meetings', id };
    assert.deepEqual(routeOf('PUT', `/${docs}/${encodeURIComponent(id)}/`, {}), { kind: 'docReplace', ...where });
    assert.deepEqual(routeOf('PATCH', `${docs}/${encodeURIComponent(id)}`, {}), { kind: 'docPatch', ...where });
    assert.deepEqual(routeOf('DELETE', `${docs}/${encodeURIComponent(id)}?x=1`, {}), { kind: 'docDelete', ...where });
  });

  it('counts database, collection and function changes as other writes, and GETs as reads', () => {
    for (const [method, path] of [
      ['POST', '/dbs'],
      ['DELETE', '/dbs/lansledning'],
      ['POST', '/dbs/lansledning/colls'],
      ['PUT', '/dbs/lansledning/colls/meetings'],
      ['POST', '/dbs/lansledning/colls/meetings/udfs'],
    ] as const) {
      const route = routeOf(method, path, {});
      assert.equal(route.kind, 'otherWrite', `${method} ${path}`);
      assert.ok(isWrite(route));
    }
    assert.ok(!isWrite(routeOf('GET', `${docs}/x`, {})));
  });

  it('reports a path that cannot be decoded instead of passing it on', () => {
    assert.deepEqual(routeOf('DELETE', `${docs}/%E0%A4%A`, {}), { kind: 'malformed' });
  });
});
