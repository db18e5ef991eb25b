import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { cardAction, message, personalConversationId } from '../../support/activities';
import { cardsOf, cardText, invokeText } from '../../support/cards';
import { MEMBER_GAVLE, SECRETARY } from '../../support/members';
import { MAX_ACTIVITY_BYTES } from '../../../src/server';
import { startGuardedApp, type GuardedApp } from './harness';

describe('limits on what comes in', () => {
  let guarded: GuardedApp;
  const place = () => ({ serviceUrl: guarded.bot.connector.serviceUrl });

  afterEach(async () => {
    await guarded.stop();
  });

  describe('the size and shape of a request', () => {
    beforeEach(async () => {
      guarded = await startGuardedApp({ members: [MEMBER_GAVLE.entry] });
    });

    async function raw(body: string | Uint8Array, headers: Record<string, string>): Promise<number> {
      const res = await fetch(`${guarded.bot.url}/api/messages`, { method: 'POST', headers, body, duplex: 'half' });
      await res.text();
      return res.status;
    }

    it(`answers 413 to a body over ${MAX_ACTIVITY_BYTES} bytes and writes nothing`, async () => {
      const before = guarded.writes();
      const activity = message(MEMBER_GAVLE.user, place(), 'x'.repeat(MAX_ACTIVITY_BYTES + 1));
      assert.equal(await raw(JSON.stringify(activity), { 'content-type': 'application/json' }), 413);
      assert.equal(guarded.writes(), before);
      assert.equal(guarded.bot.connector.calls.length, 0);
    });

    it('answers 413 to an oversized body sent in chunks without a length', async () => {
      const chunk = new TextEncoder().encode(`{"type":"message","text":"${'y'.repeat(64 * 1024)}`);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 6; i++) controller.enqueue(chunk);
          controller.close();
        },
      });
      assert.equal(await raw(stream as unknown as Uint8Array, { 'content-type': 'application/json' }), 413);
    });

    it('answers 400 to a body that is not JSON or not an activity, and 415 to another content type', async () => {
      const before = guarded.writes();
      assert.equal(await raw('{"type":', { 'content-type': 'application/json' }), 400);
      assert.equal(await raw('[1,2,3]', { 'content-type': 'application/json' }), 400);
      assert.equal(await raw('{"type":""}', { 'content-type': 'application/json' }), 400);
      assert.equal(await raw('{"type":"message","text":"hej"}', { 'content-type': 'application/json' }), 400, 'no conversation, sender or recipient');
      assert.equal(await raw('type=message', { 'content-type': 'text/plain' }), 415);
      assert.equal(await raw('type=message&text=hej', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
      assert.equal(guarded.writes(), before);
    });

    it('refuses a multipart upload with 415 before reading it, so no file lands on disk past the size limit', async () => {
      const form = new FormData();
      form.append('file', new Blob(['x'.repeat(2 * MAX_ACTIVITY_BYTES)]), 'upload.txt');
      const res = await fetch(`${guarded.bot.url}/api/messages`, { method: 'POST', body: form });
      await res.text();
      assert.equal(res.status, 415);
    });

    it('refuses a compressed body with 415, so a small gzip cannot inflate past the limit', async () => {
      const zipped = gzipSync(Buffer.from(JSON.stringify(message(MEMBER_GAVLE.user, place(), 'z'.repeat(4 * MAX_ACTIVITY_BYTES)))));
      assert.ok(zipped.length < MAX_ACTIVITY_BYTES);
      assert.equal(await raw(zipped, { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 415);
    });
  });

  describe('one person sending 50 activities a second @slow', () => {
    beforeEach(async () => {
      guarded = await startGuardedApp({ members: [MEMBER_GAVLE.entry, SECRETARY.entry] });
    });

    it('is slowed down with a clear "please wait", while another person is answered as usual', async () => {
      const flood = 100;
      const started = Date.now();
      const floodAnswers = Promise.all(
        Array.from({ length: flood }, async (_, i) => {
          // Fifty a second: a new pair every 40 ms.
          await new Promise((resolve) => setTimeout(resolve, Math.floor(i / 2) * 40));
          return guarded.bot.post(cardAction(MEMBER_GAVLE.user, place(), 'help.show', {}));
        }),
      );
      const others = await Promise.all(
        Array.from({ length: 5 }, () => guarded.bot.post(cardAction(SECRETARY.user, place(), 'help.show', {}))),
      );
      const answers = await floodAnswers;
      const elapsedSec = (Date.now() - started) / 1000;

      for (const res of [...answers, ...others]) assert.equal(res.status, 200);
      for (const res of others) assert.match(invokeText(res.body), /Dina roller: samverkanskansli/, 'the other person is answered');
      const waited = answers.filter((r) => /Vänta en stund och försök igen/.test(invokeText(r.body))).length;
      const helped = answers.filter((r) => /Dina roller: medlem/.test(invokeText(r.body))).length;
      assert.equal(waited + helped, flood, 'every press got either its answer or "please wait"');
      assert.ok(waited > 0, 'the flood was slowed');
      assert.ok(helped <= 30 + Math.ceil(5 * elapsedSec) + 1, `${helped} let through in ${elapsedSec} s`);
      // A refused press is not recorded: only the ones let through (and the other person's) reach the inbox.
      assert.equal(guarded.store.count({ container: 'inbox', op: 'create' }), helped + others.length);
    });

    it('tells a person who floods the chat to wait once, not once per message', async () => {
      const answers = await Promise.all(Array.from({ length: 60 }, () => guarded.bot.post(message(MEMBER_GAVLE.user, place(), 'hjälp'))));
      for (const res of answers) assert.equal(res.status, 200);
      const conversation = personalConversationId(MEMBER_GAVLE.user);
      await guarded.bot.connector.waitFor(() => guarded.bot.connector.sent(conversation).length >= 31);
      const texts = guarded.bot.connector.sent(conversation).map((a) => (typeof a.text === 'string' ? a.text : cardText(cardsOf(a)[0])));
      const waits = texts.filter((t) => /Vänta en stund och försök igen/.test(t)).length;
      assert.equal(waits, 1);
      assert.ok(texts.filter((t) => /Dina roller: medlem/.test(t)).length >= 30);
      assert.ok(texts.length < 60, 'the flood did not get an answer per message');
    });
  });
});
