import assert from 'node:assert/strict';
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { EMULATOR_KEY } from '../../../src/store/embedded';
import { loadSigningKey } from '../../../src/links';
import { capturingLogger, openEmbeddedStore, tempDir } from './fixtures/embeddedHarness';

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe('the embedded store is closed to anyone without its key', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  it('refuses a request that is not signed, and does nothing it asked', async () => {
    const opened = await openEmbeddedStore(dir.path, capturingLogger().log);
    try {
      const key = await loadSigningKey(opened.store.containers.directory);
      const base = opened.embedded.endpoint.replace(/\/$/, '');
      const read = await fetch(`${base}/dbs/lansledning/colls/directory/docs/signing-key`, {
        headers: { 'x-ms-documentdb-partitionkey': '["settings"]' },
      });
      assert.equal(read.status, 401);
      const body = await read.text();
      assert.ok(!body.includes(key.toString('base64')), 'the link-signing key is not in the answer');
      const write = await fetch(`${base}/dbs/lansledning/colls/directory/docs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ms-documentdb-partitionkey': '["member"]' },
        body: JSON.stringify({ id: 'intruder', pk: 'member', type: 'member', roles: ['secretariat'] }),
      });
      assert.equal(write.status, 401);
      assert.equal(await opened.store.containers.directory.read('member', 'intruder'), undefined, 'nothing was written');
      assert.equal(opened.embedded.stats().refusedUnsigned, 2);
    } finally {
      await opened.close();
    }
  });

  it('refuses a request signed with another key, such as the emulator\'s well-known one', async () => {
    const opened = await openEmbeddedStore(dir.path, capturingLogger().log);
    const client = new CosmosClient({
      endpoint: opened.embedded.endpoint,
      key: EMULATOR_KEY,
      connectionPolicy: { enableEndpointDiscovery: false, retryOptions: { maxRetryAttemptCount: 0, fixedRetryIntervalInMilliseconds: 0, maxWaitTimeInSeconds: 1 } },
    });
    try {
      const directory = client.database('lansledning').container('directory');
      await assert.rejects(directory.item('signing-key', 'settings').read(), (err: { code?: number }) => err.code === 401);
      await assert.rejects(
        directory.items.upsert({ id: 'intruder', pk: 'member', type: 'member', roles: ['secretariat'] }),
        (err: { code?: number }) => err.code === 401,
      );
      assert.equal(await opened.store.containers.directory.read('member', 'intruder'), undefined, 'nothing was written');
    } finally {
      client.dispose();
      await opened.close();
    }
  });

  it('keeps one random key per directory in a file only its owner can read', async () => {
    const first = await openEmbeddedStore(dir.path, capturingLogger().log);
    const key = first.embedded.key;
    await first.close();
    assert.notEqual(key, EMULATOR_KEY);
    assert.equal((await readFile(join(dir.path, 'key'), 'utf8')).trim(), key);
    assert.equal(await mode(join(dir.path, 'key')), 0o600);
    const second = await openEmbeddedStore(dir.path, capturingLogger().log);
    try {
      assert.equal(second.embedded.key, key, 'the next start signs with the same key');
    } finally {
      await second.close();
    }
    const other = await tempDir();
    try {
      const third = await openEmbeddedStore(other.path, capturingLogger().log);
      assert.notEqual(third.embedded.key, key, 'another directory has another key');
      await third.close();
    } finally {
      await other.remove();
    }
  });

  it('keeps its directory (0700) and every file in it (0600) to its owner, also those an earlier version left open', async () => {
    await chmod(dir.path, 0o755);
    await writeFile(join(dir.path, 'snapshot.prev.jsonl.note'), 'left by hand', { mode: 0o644 });
    const opened = await openEmbeddedStore(dir.path, capturingLogger().log);
    try {
      await opened.store.containers.cases.create({ id: 'c1', pk: 'k', type: 'item' });
      await opened.embedded.compact();
      assert.equal(await mode(dir.path), 0o700);
      const files = await readdir(dir.path);
      for (const name of ['key', 'lock', 'snapshot.jsonl']) assert.ok(files.includes(name), name);
      assert.ok(files.some((n) => /^journal-\d+\.jsonl$/.test(n)), 'a journal file');
      for (const name of files) assert.equal(await mode(join(dir.path, name)), 0o600, name);
    } finally {
      await opened.close();
    }
  });
});
