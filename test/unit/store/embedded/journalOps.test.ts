import assert from 'node:assert/strict';
import { journalOps } from '../../../../src/store/embedded/journalOps';

const where = { db: 'lansledning', coll: 'cases' };
const request = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  url: '/dbs/lansledning/colls/cases/docs',
  headers,
  body: Buffer.from(JSON.stringify(body)),
});
const stored = (doc: Record<string, unknown>) => ({ ...doc, _rid: 'r', _self: 's', _etag: 'e', _ts: 1 });

describe('journal ops of a successful write', () => {
  it('records a created, replaced or patched document as it was stored, without the server fields', () => {
    const doc = { id: 'c1', pk: 'c1', type: 'case', _own: 'kept' };
    for (const kind of ['docCreate', 'docUpsert', 'docReplace', 'docPatch'] as const) {
      const route = kind === 'docCreate' || kind === 'docUpsert' ? { kind, ...where } : { kind, ...where, id: 'c1' };
      assert.deepEqual(journalOps(route, request(doc), Buffer.from(JSON.stringify(stored(doc)))), [{ op: 'put', ...where, doc }]);
    }
  });

  it('records a delete with the partition key header it was made with', () => {
    const ops = journalOps({ kind: 'docDelete', ...where, id: 'c1' }, { ...request({}, { 'x-ms-documentdb-partitionkey': '["c1"]' }), method: 'DELETE' }, Buffer.alloc(0));
    assert.deepEqual(ops, [{ op: 'delete', ...where, id: 'c1', partitionKey: '["c1"]' }]);
  });

  it('records only the operations of a batch that succeeded', () => {
    const operations = [
      { operationType: 'Create', resourceBody: { id: 'a', pk: 'p' } },
      { operationType: 'Create', resourceBody: { id: 'b', pk: 'p' } },
      { operationType: 'Read', id: 'a', partitionKey: '["p"]' },
      { operationType: 'Delete', id: 'z', partitionKey: '["p"]' },
      { operationType: 'Delete', id: 'a', partitionKey: '["p"]' },
    ];
    const results = [
      { statusCode: 201, resourceBody: stored({ id: 'a', pk: 'p' }) },
      { statusCode: 409 },
      { statusCode: 200, resourceBody: stored({ id: 'a', pk: 'p' }) },
      { statusCode: 404 },
      { statusCode: 204 },
    ];
    const ops = journalOps({ kind: 'docBatch', ...where }, request(operations), Buffer.from(JSON.stringify(results)));
    assert.deepEqual(ops, [
      { op: 'put', ...where, doc: { id: 'a', pk: 'p' } },
      { op: 'delete', ...where, id: 'a', partitionKey: '["p"]' },
    ]);
  });

  it('records database and collection changes as the request, with the headers that shape it', () => {
    const definition = { id: 'things', partitionKey: { paths: ['/kind'] } };
    const ops = journalOps(
      { kind: 'otherWrite' },
      { ...request(definition, { 'content-type': 'application/json', authorization: 'secret' }), url: '/dbs/other/colls' },
      Buffer.from('{}'),
    );
    assert.deepEqual(ops, [
      { op: 'request', method: 'POST', path: '/dbs/other/colls', headers: { 'content-type': 'application/json' }, body: JSON.stringify(definition) },
    ]);
  });

  it('refuses a written document that came back without an id', () => {
    assert.throws(() => journalOps({ kind: 'docCreate', ...where }, request({}), Buffer.from('{}')), /without an id/);
  });
});
