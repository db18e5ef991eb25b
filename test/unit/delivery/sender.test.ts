import assert from 'node:assert/strict';
import { classifyResponse, parseRetryAfter } from '../../../src/delivery/sender';

describe('classifying what Teams answered', () => {
  const now = Date.parse('2025-03-10T09:00:00Z');

  it('takes 2xx with an id as sent', () => {
    assert.deepEqual(classifyResponse(201, 'a1', null, now), { kind: 'ok', activityId: 'a1' });
    assert.deepEqual(classifyResponse(200, 'a1', null, now), { kind: 'ok', activityId: 'a1' });
    assert.equal(classifyResponse(201, null, null, now).kind, 'failed', 'no id: nothing to update later');
  });

  it('retries throttling, conflicts of state, gateway errors and an expired token', () => {
    for (const status of [401, 408, 412, 429, 500, 502, 503, 504]) {
      const result = classifyResponse(status, null, null, now);
      assert.equal(result.kind, 'retry', `http ${status}`);
    }
    assert.deepEqual(classifyResponse(429, null, '3', now), { kind: 'retry', status: 429, retryAfterMs: 3_000, reason: 'http 429' });
  });

  it('takes 403 and 404 as the bot being gone from the conversation', () => {
    assert.deepEqual(classifyResponse(403, null, null, now), { kind: 'gone', status: 403, reason: 'http 403' });
    assert.deepEqual(classifyResponse(404, null, null, now), { kind: 'gone', status: 404, reason: 'http 404' });
  });

  it('fails anything else at once', () => {
    for (const status of [400, 405, 413, 501]) assert.equal(classifyResponse(status, null, null, now).kind, 'failed', `http ${status}`);
  });

  it('reads Retry-After as seconds or as a date', () => {
    assert.equal(parseRetryAfter('2', now), 2_000);
    assert.equal(parseRetryAfter(' 0.5 ', now), 500);
    assert.equal(parseRetryAfter('Mon, 10 Mar 2025 09:00:05 GMT', now), 5_000);
    assert.equal(parseRetryAfter('Mon, 10 Mar 2025 08:00:00 GMT', now), 0, 'a date in the past: at once');
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(null, now), null);
    assert.equal(parseRetryAfter('999999999', now), 86_400_000, 'at most a day');
  });
});
