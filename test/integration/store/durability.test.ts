import assert from 'node:assert/strict';
import { appendFile, cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config';
import { openStore } from '../../../src/store';
import { RecoveryError, startEmbeddedCosmos } from '../../../src/store/embedded';
import type { Doc } from '../../../src/store/types';
import { capturingLogger, dumpAll, openEmbeddedStore, tempDir } from './fixtures/embeddedHarness';
import { runWriterUntilKilled, type WriterOutput } from './fixtures/killedWriter';

type Item = Doc & { n: number };
const item = (pk: string, id: string, n: number): Item => ({ id, pk, type: 'item', n });

describe('the embedded store keeps what it acknowledged', () => {
  let dirs: { remove(): Promise<void> }[] = [];
  const newDir = async (): Promise<string> => {
    const dir = await tempDir();
    dirs.push(dir);
    return dir.path;
  };
  afterEach(async () => {
    await Promise.all(dirs.map((d) => d.remove()));
    dirs = [];
  });

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
    assert.equal((await stat(join(cosmosDir, 'journal.jsonl'))).size, 0, 'closing compacts the journal away');

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
      await appendFile(join(copy, 'journal.jsonl'), '{"seq":999999,"at":"2025-01-01T00:00:00.000Z","ops":[{"op":"put","db":"lansledning');
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
    assert.ok((await stat(join(dataDir, 'journal.jsonl'))).size > 0, 'the writes are in the journal, not yet in a snapshot');

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
