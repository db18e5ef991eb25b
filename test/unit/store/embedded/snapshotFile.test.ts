import assert from 'node:assert/strict';
import { decodeSnapshot, encodeSnapshot, type Snapshot, SnapshotCorruptError } from '../../../../src/store/embedded/snapshotFile';

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
