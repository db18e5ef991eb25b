import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inspectPayload, inspectText, MAX_STRING_CHARS } from '../../../src/bot/inboundGuard';

describe('inbound guard', () => {
  it('lets ordinary Swedish and English card data through, with newlines and tabs', () => {
    const data = {
      title: 'Länsledning Välfärd – möte om SIP-samordning',
      notes: 'Punkt 1:\tÖppnande\nPunkt 2: Åtgärder\r\nPunkt 3: Övrigt 😀',
      materials: [{ title: 'Dagordning', url: 'https://example.se/a?b=c' }],
      requiresAck: true,
      count: 3,
      nothing: null,
    };
    assert.deepEqual(inspectPayload(data), { ok: true });
  });

  it('refuses prototype keys wherever they are, as JSON.parse delivers them', () => {
    for (const raw of ['{"__proto__":{"isAdmin":true}}', '{"a":{"constructor":{"prototype":1}}}', '{"list":[{"prototype":2}]}']) {
      const found = inspectPayload(JSON.parse(raw));
      assert.equal(found.ok, false, raw);
      assert.equal(!found.ok && found.reason, 'forbiddenKey', raw);
    }
  });

  it('refuses control characters and direction overrides, and names the field without echoing it', () => {
    for (const bad of ['a\u0000b', 'bell\u0007', 'esc\u001b[31m', 'del\u007f', 'c1\u0085', 'spoof\u202Egnp.exe', 'iso\u2066x\u2069']) {
      const found = inspectPayload({ title: bad });
      assert.deepEqual(found, { ok: false, reason: 'controlCharacter', path: 'data.title' });
    }
  });

  it('names an odd key as "?" rather than showing it', () => {
    const found = inspectPayload({ 'personnummer 19121212-1212': 'x\u0001' });
    assert.deepEqual(found, { ok: false, reason: 'controlCharacter', path: 'data.?' });
  });

  it('refuses half a surrogate pair but keeps whole emoji', () => {
    assert.equal(inspectText('ok 👍').ok, true);
    assert.deepEqual(inspectText('broken \ud83d', 'data.t'), { ok: false, reason: 'brokenText', path: 'data.t' });
    assert.deepEqual(inspectText('\ude00 broken', 'data.t'), { ok: false, reason: 'brokenText', path: 'data.t' });
  });

  it('refuses strings longer than the limit, deep nesting and huge lists', () => {
    assert.equal(inspectText('x'.repeat(MAX_STRING_CHARS)).ok, true);
    assert.deepEqual(inspectPayload({ text: 'x'.repeat(100 * 1024) }), { ok: false, reason: 'tooLong', path: 'data.text' });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20; i++) deep = { next: deep };
    assert.equal((inspectPayload(deep) as { reason?: string }).reason, 'tooDeep');
    assert.equal((inspectPayload({ list: new Array(10_000).fill(1) }) as { reason?: string }).reason, 'tooMany');
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const found = inspectPayload(value);
        assert.ok(found.ok === true || typeof found.reason === 'string');
      }),
      { numRuns: 300 },
    );
  });

  it('accepts every string of printable characters up to the limit', () => {
    const printable = fc.string({ unit: fc.constantFrom(...Array.from('abcåäöÅÄÖ 0123456789.,;:-–!?"\'()\n\t€§😀')), maxLength: 200 });
    fc.assert(fc.property(printable, (text) => assert.deepEqual(inspectText(text), { ok: true })), { numRuns: 300 });
  });
});
