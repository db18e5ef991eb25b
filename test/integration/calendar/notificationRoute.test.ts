import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { FakeGraph } from '../../support/fakeGraph';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';

describe("the route for Graph's change notifications", () => {
  let graph: FakeGraph;
  let withGraph: TestApp;
  let withoutGraph: TestApp;
  const jobs: unknown[] = [];

  before(async () => {
    graph = await new FakeGraph().start();
    withGraph = await startTestApp({
      env: { ...graph.env(), PUBLIC_BASE_URL: 'https://bot.example' },
      delivery: recordingDelivery({ batches: [], jobs }),
    });
    withoutGraph = await startTestApp({ delivery: recordingDelivery() });
  });
  after(async () => {
    await withGraph.stop();
    await withoutGraph.stop();
    await graph.stop();
  });

  const post = (app: TestApp, query: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/graph/notifications${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers the validation handshake with the token, as plain text, at once', async () => {
    const token = 'Validation: Testing client application reachability for subscription Request-Id: 7d5f…&<x>';
    const res = await post(withGraph, `?validationToken=${encodeURIComponent(token)}`, '', { 'content-type': 'text/plain; charset=utf-8' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(await res.text(), token);
  });

  it('refuses what is not a notification: an over-long token, a body that is not a notification collection, a compressed body', async () => {
    assert.equal((await post(withGraph, `?validationToken=${'x'.repeat(2_000)}`, '')).status, 400);
    assert.equal((await post(withGraph, '', '{"value": "nope"}')).status, 400);
    assert.equal((await post(withGraph, '', 'not json')).status, 400);
    assert.equal((await post(withGraph, '', gzipSync('{"value":[]}'), { 'content-encoding': 'gzip' })).status, 415);
  });

  it('accepts a well-formed notification for an unknown subscription with 202 and queues nothing', async () => {
    const before = jobs.length;
    const body = JSON.stringify({ value: [{ subscriptionId: 'unknown', clientState: 'x', changeType: 'updated', resource: 'Users/u/Events/AAMk=' }] });
    assert.equal((await post(withGraph, '', body)).status, 202);
    assert.equal(jobs.length, before);
  });

  it('does not exist without Graph settings', async () => {
    assert.equal((await post(withoutGraph, '?validationToken=abc', '')).status, 404);
  });
});
