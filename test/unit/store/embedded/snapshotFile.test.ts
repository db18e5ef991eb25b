import assert from 'node:assert/strict';
import { decodeSnapshot, encodeSnapshot, encodeSnapshotInSteps, type Snapshot, SnapshotCorruptError } from '../../../../src/store/embedded/snapshotFile';

const snapshot: Snapshot = {
  seq: 42,
  createdAt: '2025-03-01T10:00:00.000Z',
  state: {
    databases: [
      {
        definition: { id: 'lansledning' },
        collections: [
          {
            definition: { id: 'meetings', partitionKey: { paths: ['/pk'], kind: 'Hash' } },
            documents: [{ id: 'm1', pk: 'm1', type: 'meeting', title: 'Beredningsorgan, mars' }],
            udfs: [],
          },
        ],
      },
    ],
  },
};

describe('snapshot file', () => {
  it('decodes what it encodes', () => {
    assert.deepEqual(decodeSnapshot(encodeSnapshot(snapshot)), snapshot);
  });

  it('notices a changed byte in the state through the checksum', () => {
    const content = encodeSnapshot(snapshot);
    const at = content.indexOf('mars');
    content.write('maj!', at);
    assert.throws(() => decodeSnapshot(content), (err: unknown) => err instanceof SnapshotCorruptError && /checksum/.test(err.message));
  });

  it('notices a file cut short', () => {
    const content = encodeSnapshot(snapshot);
    for (const length of [0, 10, content.indexOf(0x0a) + 1, content.length - 5, content.length - 1]) {
      assert.throws(() => decodeSnapshot(content.subarray(0, length)), SnapshotCorruptError, `cut at ${length}`);
    }
  });

  it('refuses a file that is not a snapshot', () => {
    assert.throws(() => decodeSnapshot(Buffer.from('{"hello":"world"}\n{}\n')), /not a snapshot header/);
  });
});

describe('snapshot encoded in steps from a copy of the server\'s state', () => {
  it('writes the same bytes as the whole state encoded at once, without the server\'s fields', async () => {
    const docs = Array.from({ length: 3000 }, (_, i) => ({ id: `d${i}`, pk: `p${i % 7}`, type: 'row', text: 'å'.repeat(i % 200) }));
    const state = {
      databases: [
        {
          definition: { id: 'lansledning' },
          collections: [
            { definition: { id: 'cases', partitionKey: { paths: ['/pk'] } }, documents: docs, udfs: [{ id: 'f', body: 'function f() {}' }] },
            { definition: { id: 'empty' }, documents: [], udfs: [] },
          ],
        },
      ],
    };
    const copy = {
      databases: state.databases.map((db) => ({
        definition: { ...db.definition, _rid: 'x', _self: 'y' },
        collections: db.collections.map((c) => ({
          definition: { ...c.definition, _rid: 'z' },
          documents: c.documents.map((d, i) => ({ ...d, _rid: `r${i}`, _etag: 'e', _ts: 1, _self: 's' })),
          udfs: c.udfs.map((u) => ({ ...u, _rid: 'u' })),
        })),
      })),
    };
    const stepped = Buffer.concat(await encodeSnapshotInSteps(7, '2025-03-01T10:00:00.000Z', copy));
    assert.deepEqual(stepped, encodeSnapshot({ seq: 7, createdAt: '2025-03-01T10:00:00.000Z', state }));
  });
});
