import assert from 'node:assert/strict';
import { appendFile, cp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config';
import { openStore } from '../../../src/store';
import { RecoveryError, startEmbeddedCosmos } from '../../../src/store/embedded';
import { encodeEntry } from '../../../src/store/embedded/journalFile';
import { readSnapshotSeq } from '../../../src/store/embedded/snapshotFile';
import type { Doc } from '../../../src/store/types';
import { capturingLogger, dirsPerTest, dumpAll, entriesAfterSnapshot, journalFiles, newestSegment, openEmbeddedStore, tempDir } from './fixtures/embeddedHarness';
import { runWriterUntilKilled, type WriterOutput } from './fixtures/killedWriter';

type Item = Doc & { n: number };
const item = (pk: string, id: string, n: number): Item => ({ id, pk, type: 'item', n });

describe('the embedded store keeps what it acknowledged', () => {
  const newDir = dirsPerTest();

  it('keeps creates, replaces and deletes across a graceful close and a restart', async () => {
    const dataDir = await newDir();
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const { log } = capturingLogger();

    const first = await openStore(config, log);
    const meetings = first.store.containers.meetings;
    const a = await meetings.create(item('m1', 'a', 1));
    await meetings.create(item('m1', 'b', 2));
    await meetings.create(item('m1', 'c', 3));
    await meetings.replace(item('m1', 'a', 10), a._etag);
    await meetings.delete('m1', 'b');
    await first.store.close();

    const cosmosDir = join(dataDir, 'cosmos');
    assert.deepEqual(await entriesAfterSnapshot(cosmosDir), [], 'closing folds every journal entry into the snapshot');

    const second = await openStore(config, log);
    try {
      const again = second.store.containers.meetings;
      assert.equal((await again.read<Item>('m1', 'a'))?.n, 10);
      assert.equal(await again.read('m1', 'b'), undefined);
      assert.equal((await again.read<Item>('m1', 'c'))?.n, 3);
    } finally {
      await second.store.close();
    }
  });

  describe('when the process is killed in the middle of a burst of writes @slow', () => {
    let killedDir: string;
    let output: WriterOutput;

    before(async () => {
      killedDir = (await tempDir()).path;
      // A small threshold, so that the journal is compacted several times during the burst.
      output = await runWriterUntilKilled(killedDir, 'burst', (o) => o.acks.length >= 150 && o.compactions >= 2, {
        compactAtBytes: 16 * 1024,
      });
    });
    after(async () => {
      await rm(killedDir, { recursive: true, force: true });
    });

    it('has every acknowledged write after a restart, across compactions during the burst', async () => {
      const copy = await newDir();
      await cp(killedDir, copy, { recursive: true });
      const { log } = capturingLogger();
      const opened = await openEmbeddedStore(copy, log);
      try {
        const meetings = opened.store.containers.meetings;
        const missing: string[] = [];
        for (const id of output.acks) if (!(await meetings.read('burst', id))) missing.push(id);
        assert.deepEqual(missing, [], `of ${output.acks.length} acknowledged creates`);
        const counter = await meetings.read<Item>('burst', 'counter');
        assert.ok((counter?.n ?? 0) >= Math.max(...output.counts), 'the counter has every acknowledged increment');
      } finally {
        await opened.close();
      }
    });

    it('drops a journal line cut short by the crash, says so, and keeps the rest', async () => {
      const copy = await newDir();
      await cp(killedDir, copy, { recursive: true });
      await appendFile(await newestSegment(copy), '{"seq":999999,"at":"2025-01-01T00:00:00.000Z","ops":[{"op":"put","db":"lansledning');
      const { log, records } = capturingLogger();
      const opened = await openEmbeddedStore(copy, log);
      try {
        assert.ok(records.some((r) => /dropped an unfinished entry/.test(r.msg)), 'the dropped line is logged');
        const meetings = opened.store.containers.meetings;
        for (const id of output.acks.slice(-20)) assert.ok(await meetings.read('burst', id), id);
      } finally {
        await opened.close();
      }
    });
  });

  it('replays replaces, deletes, upserts, patches, batches and container changes to the same state @slow', async () => {
    const dataDir = await newDir();
    const { log } = capturingLogger();
    const output = await runWriterUntilKilled(dataDir, 'script', (o) => o.ready, {
      beforeKill: async () => {
        // While the writer runs, its directory is locked.
        await assert.rejects(startEmbeddedCosmos({ dataDir, log }), /in use by process/);
      },
    });
    assert.ok(output.state, 'the writer printed its state');
    assert.ok((await entriesAfterSnapshot(dataDir)).length > 0, 'the writes are in the journal, not yet in a snapshot');

    const replayed = await openEmbeddedStore(dataDir, log);
    try {
      assert.deepEqual(await dumpAll(replayed.embedded.endpoint, replayed.embedded.key), output.state);
    } finally {
      await replayed.close();
    }
    const fromSnapshot = await openEmbeddedStore(dataDir, log);
    try {
      assert.deepEqual(await dumpAll(fromSnapshot.embedded.endpoint, fromSnapshot.embedded.key), output.state);
    } finally {
      await fromSnapshot.close();
    }
  });

  it('group-commits a burst of 500 concurrent writes instead of fsyncing each @slow', async () => {
    const dataDir = await newDir();
    const opened = await openEmbeddedStore(dataDir, capturingLogger().log);
    try {
      const before = opened.embedded.stats();
      const meetings = opened.store.containers.meetings;
      await Promise.all(Array.from({ length: 500 }, (_, n) => meetings.create(item('burst', `d${n}`, n))));
      const after = opened.embedded.stats();
      const writes = after.journaledWrites - before.journaledWrites;
      const commits = after.journalCommits - before.journalCommits;
      assert.equal(writes, 500);
      assert.ok(commits < writes / 2, `${commits} commits for ${writes} writes`);
    } finally {
      await opened.close();
    }
  });

  it('holds writes back during a compaction and loses none of them @slow', async () => {
    const dataDir = await newDir();
    const { log } = capturingLogger();
    const opened = await openEmbeddedStore(dataDir, log);
    const meetings = opened.store.containers.meetings;
    const writes = Array.from({ length: 300 }, (_, n) => meetings.create(item('during', `d${n}`, n)));
    const compactions = [opened.embedded.compact(), opened.embedded.compact()];
    await Promise.all([...writes, ...compactions]);
    assert.ok(opened.embedded.stats().compactions >= 1);
    await opened.close();

    const reopened = await openEmbeddedStore(dataDir, log);
    try {
      const page = await reopened.store.containers.meetings.query('during', '', {}, { pageSize: 1000 });
      assert.equal(page.items.length, 300);
    } finally {
      await reopened.close();
    }
  });
});

describe('the embedded store compacts without stopping', () => {
  const newDir = dirsPerTest();

  it('acknowledges writes while a compaction writes its snapshot, and keeps both', async () => {
    const dataDir = await newDir();
    let armed = false;
    let parked!: () => void;
    let reached!: () => void;
    const atSnapshot = new Promise<void>((resolve) => (reached = resolve));
    const opened = await openEmbeddedStore(dataDir, capturingLogger().log, {
      beforeSnapshotWrite: () => {
        if (!armed) return Promise.resolve();
        armed = false;
        reached();
        return new Promise<void>((resolve) => (parked = resolve));
      },
    });
    const meetings = opened.store.containers.meetings;
    await Promise.all(Array.from({ length: 50 }, (_, n) => meetings.create(item('before', `b${n}`, n))));
    armed = true;
    const compaction = opened.embedded.compact();
    await atSnapshot;
    // The compaction is parked before its snapshot: every write below is answered meanwhile.
    await Promise.all(Array.from({ length: 50 }, (_, n) => meetings.create(item('during', `d${n}`, n))));
    const b0 = await meetings.read<Item>('before', 'b0');
    await meetings.replace(item('before', 'b0', 100), b0!._etag);
    parked();
    await compaction;
    await opened.close();

    const reopened = await openEmbeddedStore(dataDir, capturingLogger().log);
    try {
      const c = reopened.store.containers.meetings;
      assert.equal((await c.query('before', '', {}, { pageSize: 100 })).items.length, 50);
      assert.equal((await c.query('during', '', {}, { pageSize: 100 })).items.length, 50);
      assert.equal((await c.read<Item>('before', 'b0'))?.n, 100, 'the write after the copy is not lost to the older state');
    } finally {
      await reopened.close();
    }
  });

  it('recovers the same state from a crash at every step of a compaction', async () => {
    // A store with a snapshot, a previous snapshot and journal entries after both.
    const base = await newDir();
    const first = await openEmbeddedStore(base, capturingLogger().log);
    for (let n = 0; n < 20; n++) await first.store.containers.cases.create(item('k', `a${n}`, n));
    await first.embedded.compact();
    for (let n = 0; n < 20; n++) await first.store.containers.cases.upsert(item('k', `a${n}`, n + 100));
    await first.embedded.compact();
    for (let n = 20; n < 30; n++) await first.store.containers.cases.create(item('k', `a${n}`, n));
    await first.store.containers.cases.delete('k', 'a0');
    const expected = await dumpAll(first.embedded.endpoint, first.embedded.key);
    // What a crash now leaves: the files as they are (every acknowledged write is on disk), and a
    // lock whose process is gone.
    const crashed = await newDir();
    await cp(base, crashed, { recursive: true });
    await rm(join(crashed, 'lock'));
    await first.close();
    const segments = await journalFiles(crashed);
    const nextSegment = (dir: string): string => {
      const number = Number(/journal-(\d+)\.jsonl$/.exec(segments[segments.length - 1]!)?.[1]) + 1;
      return join(dir, `journal-${String(number).padStart(8, '0')}.jsonl`);
    };

    const steps: Record<string, (dir: string) => Promise<void>> = {
      'the state copied, the journal switched to a new file, the snapshot half written': async (dir) => {
        await writeFile(nextSegment(dir), '');
        const snapshot = await readFile(join(dir, 'snapshot.jsonl'));
        await writeFile(join(dir, 'snapshot.jsonl.tmp'), snapshot.subarray(0, snapshot.length >> 1));
      },
      'the newest snapshot renamed to the previous one': async (dir) => {
        await writeFile(nextSegment(dir), '');
        await rename(join(dir, 'snapshot.jsonl'), join(dir, 'snapshot.prev.jsonl'));
      },
      'the new snapshot in place, the journal file it covers not yet deleted': async (dir) => {
        const compacted = await openEmbeddedStore(dir, capturingLogger().log);
        await compacted.embedded.compact();
        await compacted.close();
        for (const file of segments) {
          const name = file.slice(crashed.length + 1);
          if (!(await readdir(dir)).includes(name)) await cp(file, join(dir, name));
        }
      },
    };
    for (const [step, crash] of Object.entries(steps)) {
      const dir = await newDir();
      await cp(crashed, dir, { recursive: true });
      await crash(dir);
      const reopened = await openEmbeddedStore(dir, capturingLogger().log);
      try {
        assert.deepEqual(await dumpAll(reopened.embedded.endpoint, reopened.embedded.key), expected, step);
      } finally {
        await reopened.close();
      }
    }
  });

  it('reads the journal files an earlier version wrote (journal.prev.jsonl, journal.jsonl)', async () => {
    const dataDir = await newDir();
    const opened = await openEmbeddedStore(dataDir, capturingLogger().log);
    await opened.store.containers.cases.create(item('k', 'kept', 1));
    await opened.close();
    const seq = (await readSnapshotSeq(join(dataDir, 'snapshot.jsonl')))!;
    const put = (n: number) => ({ op: 'put' as const, db: 'lansledning', coll: 'cases', doc: { id: `legacy${n}`, pk: 'k', type: 'item', n } });
    await writeFile(
      join(dataDir, 'journal.jsonl'),
      [1, 2, 3].map((n) => encodeEntry({ seq: seq + n, at: new Date().toISOString(), ops: [put(n)] })).join(''),
    );
    const reopened = await openEmbeddedStore(dataDir, capturingLogger().log);
    try {
      for (const n of [1, 2, 3]) assert.equal((await reopened.store.containers.cases.read<Item>('k', `legacy${n}`))?.n, n);
      assert.equal((await reopened.store.containers.cases.read<Item>('k', 'kept'))?.n, 1);
      await reopened.store.containers.cases.create(item('k', 'after', 4));
    } finally {
      await reopened.close();
    }
    const again = await openEmbeddedStore(dataDir, capturingLogger().log);
    try {
      assert.equal((await again.store.containers.cases.read<Item>('k', 'legacy3'))?.n, 3);
      assert.equal((await again.store.containers.cases.read<Item>('k', 'after'))?.n, 4);
    } finally {
      await again.close();
    }
  });
});

describe('the embedded store with a damaged snapshot', () => {
  let dir: { path: string; remove(): Promise<void> };
  let dataDir: string;
  beforeEach(async () => {
    dir = await tempDir();
    dataDir = dir.path;
  });
  afterEach(() => dir.remove());

  /** Two sessions, each closed gracefully: a snapshot, a previous snapshot and the journal between. */
  async function writeTwoSessions(): Promise<void> {
    const { log } = capturingLogger();
    const first = await openEmbeddedStore(dataDir, log);
    await Promise.all(['a', 'b', 'c'].map((id, n) => first.store.containers.cases.create(item('k', id, n))));
    await first.close();
    const second = await openEmbeddedStore(dataDir, log);
    const a = await second.store.containers.cases.read<Item>('k', 'a');
    await second.store.containers.cases.replace(item('k', 'a', 100), a!._etag);
    await second.store.containers.cases.delete('k', 'b');
    await second.store.containers.cases.create(item('k', 'd', 4));
    await second.close();
  }

  async function damageSnapshot(): Promise<Buffer> {
    const path = join(dataDir, 'snapshot.jsonl');
    const content = await readFile(path);
    const damaged = Buffer.from(content);
    const at = damaged.indexOf('"k"', content.indexOf(0x0a));
    damaged.write('"q"', at);
    await writeFile(path, damaged);
    return damaged;
  }

  async function asideFiles(): Promise<string[]> {
    return (await readdir(dataDir)).filter((name) => name.startsWith('snapshot.corrupt-'));
  }

  it('rebuilds the state from the previous snapshot and the journals, and keeps the damaged one aside', async () => {
    await writeTwoSessions();
    const damaged = await damageSnapshot();
    const { log, records } = capturingLogger();

    const opened = await openEmbeddedStore(dataDir, log);
    try {
      const cases = opened.store.containers.cases;
      assert.equal((await cases.read<Item>('k', 'a'))?.n, 100);
      assert.equal(await cases.read('k', 'b'), undefined);
      assert.equal((await cases.read<Item>('k', 'c'))?.n, 2);
      assert.equal((await cases.read<Item>('k', 'd'))?.n, 4);
    } finally {
      await opened.close();
    }
    const aside = await asideFiles();
    assert.equal(aside.length, 1);
    assert.deepEqual(await readFile(join(dataDir, aside[0]!)), damaged, 'the damaged snapshot is kept as it was');
    assert.ok(records.some((r) => /damaged/.test(r.msg)));
  });

  it('refuses to start without a previous snapshot, says why, and keeps refusing rather than start empty', async () => {
    await writeTwoSessions();
    await rm(join(dataDir, 'snapshot.prev.jsonl'));
    const damaged = await damageSnapshot();
    const { log } = capturingLogger();

    await assert.rejects(
      startEmbeddedCosmos({ dataDir, log }),
      (err: unknown) => err instanceof RecoveryError && /damaged/.test(err.message) && /no previous snapshot/.test(err.message),
    );
    const aside = await asideFiles();
    assert.equal(aside.length, 1);
    assert.deepEqual(await readFile(join(dataDir, aside[0]!)), damaged);

    await assert.rejects(startEmbeddedCosmos({ dataDir, log }), RecoveryError);
    assert.deepEqual(await asideFiles(), aside, 'nothing is overwritten by a second attempt');
  });
});
