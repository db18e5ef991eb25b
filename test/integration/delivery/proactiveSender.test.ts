import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createProactiveSender } from '../../../src/bot/proactiveSender';
import type { Config } from '../../../src/config';
import type { ConversationDoc } from '../../../src/directory/model';
import { cardActivity } from '../../../src/delivery/sender';
import { createLogger } from '../../../src/log';
import { FakeConnector } from '../../support/fakeConnector';

const log = createLogger('silent');
const authOff: Pick<Config, 'auth'> = { auth: { enabled: false } };
const authOn: Pick<Config, 'auth'> = {
  auth: {
    enabled: true,
    appId: 'app-id',
    appPassword: 'secret',
    appTenantId: 'tenant-1',
    appType: 'SingleTenant',
    openIdMetadataUrl: undefined,
    tokenIssuer: undefined,
  },
};
const activity = cardActivity({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Kallelse' }] }, 'Kallelse');

function conversation(serviceUrl: string, kind: ConversationDoc['kind'], conversationId: string): ConversationDoc {
  return {
    id: `${kind}:1`,
    pk: 'conv',
    type: 'conversation',
    kind,
    conversationId,
    serviceUrl,
    tenantId: 'tenant-1',
    botId: '28:bot',
    botName: null,
    userAadObjectId: null,
    teamId: null,
    teamName: null,
    channelName: null,
    gone: false,
    greetedAt: null,
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('proactive sender', () => {
  let connector: FakeConnector;

  beforeEach(async () => {
    connector = await new FakeConnector().start();
  });
  afterEach(async () => {
    await connector.stop();
  });

  it('posts a new message to the conversation and returns its activity id, anonymously without an app id', async () => {
    const sender = createProactiveSender({ config: authOff, log });
    const result = await sender.send({ conversation: conversation(connector.serviceUrl, 'personal', 'a:1xyz'), activity });
    assert.equal(result.kind, 'ok');
    const [call] = connector.calls;
    assert.deepEqual(
      { method: call?.method, path: call?.path, authorization: call?.authorization, body: call?.body },
      { method: 'POST', path: `/v3/conversations/${encodeURIComponent('a:1xyz')}/activities`, authorization: null, body: activity },
    );
  });

  it('updates a message in place with PUT, keeping its id', async () => {
    const sender = createProactiveSender({ config: authOff, log });
    const result = await sender.send({ conversation: conversation(connector.serviceUrl, 'personal', 'a:1xyz'), activity, updateActivityId: '1:abc' });
    assert.deepEqual(result, { kind: 'ok', activityId: '1:abc' });
    const [call] = connector.calls;
    assert.equal(call?.method, 'PUT');
    assert.equal(call?.activityId, '1:abc');
    assert.equal(call?.body.id, '1:abc');
  });

  it('starts a new thread in a channel, not a reply in the thread the reference came from', async () => {
    const sender = createProactiveSender({ config: authOff, log });
    await sender.send({ conversation: conversation(connector.serviceUrl.slice(0, -1), 'channel', '19:abc@thread.tacv2;messageid=1700000000000'), activity });
    assert.equal(connector.calls[0]?.conversationId, '19:abc@thread.tacv2');
  });

  it('carries the app’s bearer token, and asks for a fresh one after a 401', async () => {
    const asked: boolean[] = [];
    const sender = createProactiveSender({
      config: authOn,
      log,
      getToken: (forceRefresh) => (asked.push(forceRefresh), Promise.resolve(`token-${asked.length}`)),
    });
    const chat = conversation(connector.serviceUrl, 'personal', 'a:1xyz');
    connector.failNext('a:1xyz', 401);
    assert.deepEqual(await sender.send({ conversation: chat, activity }), { kind: 'retry', status: 401, retryAfterMs: null, reason: 'http 401' });
    assert.equal((await sender.send({ conversation: chat, activity })).kind, 'ok');
    assert.deepEqual(asked, [false, true]);
    assert.deepEqual(connector.calls.map((c) => c.authorization), ['Bearer token-1', 'Bearer token-2']);
  });

  it('builds its credentials from the app settings without calling anyone until a send', () => {
    assert.doesNotThrow(() => createProactiveSender({ config: authOn, log }));
  });

  it('classifies what Teams answered and makes exactly one call each time', async () => {
    const sender = createProactiveSender({ config: authOff, log });
    const chat = conversation(connector.serviceUrl, 'personal', 'a:1xyz');
    connector.failNext('a:1xyz', 429, { retryAfterSec: 2 });
    connector.failNext('a:1xyz', 503);
    connector.failNext('a:1xyz', 400);
    assert.deepEqual(await sender.send({ conversation: chat, activity }), { kind: 'retry', status: 429, retryAfterMs: 2_000, reason: 'http 429' });
    assert.deepEqual(await sender.send({ conversation: chat, activity }), { kind: 'retry', status: 503, retryAfterMs: null, reason: 'http 503' });
    assert.deepEqual(await sender.send({ conversation: chat, activity }), { kind: 'failed', status: 400, reason: 'http 400' });
    connector.setGone('a:1xyz', 403);
    assert.deepEqual(await sender.send({ conversation: chat, activity }), { kind: 'gone', status: 403, reason: 'http 403' });
    assert.equal(connector.calls.length, 4, 'no retries inside the sender');
  });

  it('answers retry when nobody answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sender = createProactiveSender({ config: authOff, log, timeoutMs: 2_000 });
    const result = await sender.send({ conversation: conversation(`http://127.0.0.1:${port}/`, 'personal', 'a:1'), activity });
    assert.equal(result.kind, 'retry');
    assert.equal(result.kind === 'retry' && result.status, null);
  });
});
