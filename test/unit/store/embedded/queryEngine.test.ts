import assert from 'node:assert/strict';
import { engineCode, linearCode, runCode } from '../../../../src/store/embedded/queryEngine';

interface Row {
  id: string;
  pk: string;
  type: string;
  n?: number;
  tags?: string[];
  status?: string;
  _rid: string;
}

const rows: Row[] = Array.from({ length: 300 }, (_, i) => ({
  id: `d${i}`,
  pk: i % 3 === 0 ? 'a' : 'b',
  type: i % 5 === 0 ? 'other' : 'row',
  ...(i % 7 === 0 ? {} : { n: (i * 37) % 101 }),
  ...(i % 4 === 0 ? { tags: ['x', String(i % 3)] } : {}),
  status: ['pending', 'sending', 'sent'][i % 3]!,
  _rid: `rid${String(i).padStart(5, '0')}`,
}));

const QUERIES: [string, Record<string, unknown>][] = [
  ['SELECT * FROM c', {}],
  ["SELECT * FROM c WHERE c.pk = @pk AND (c.type = 'row')", { pk: 'a' }],
  ["SELECT * FROM c WHERE c.pk = @pk AND (c.status = 'pending' OR (c.status = 'sending' AND c.n <= @n)) ORDER BY c.n ASC", { pk: 'b', n: 50 }],
  ['SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id) ORDER BY c.id DESC', { ids: ['d1', 'd2', 'd40', 'none'] }],
  ['SELECT c.id, c.n FROM c WHERE IS_DEFINED(c.tags) AND ARRAY_CONTAINS(c.tags, "1")', {}],
  ['SELECT VALUE COUNT(1) FROM c WHERE c.n > 10', {}],
  ['SELECT * FROM root r WHERE r.n >= 20 ORDER BY r.n DESC', {}],
];

describe('the embedded store\'s query engine, reading its input in linear time', () => {
  it('rewrites the quadratic input of every query shape the store sends', () => {
    for (const [sql] of QUERIES.slice(0, 4)) assert.notEqual(linearCode(engineCode(sql)), engineCode(sql), sql);
  });

  it('finds the same rows, in the same order and pages, as the engine\'s own code', () => {
    for (const [sql, params] of QUERIES) {
      const parameters = Object.entries(params).map(([name, value]) => ({ name: `@${name}`, value }));
      for (const maxItemCount of [undefined, 7]) {
        let continuation: unknown;
        let page = 0;
        do {
          const options = { parameters, maxItemCount, continuation };
          const own = runCode(engineCode(sql), rows, options) as { result: unknown[]; continuation: unknown };
          const linear = runCode(linearCode(engineCode(sql)), rows, options) as { result: unknown[]; continuation: unknown };
          assert.deepEqual(linear, own, `${sql}, page ${page}`);
          continuation = own.continuation ?? undefined;
          page += 1;
        } while (continuation && page < 100);
      }
    }
  });
});
