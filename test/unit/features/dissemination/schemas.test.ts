import assert from 'node:assert/strict';
import { composeSchema } from '../../../../src/features/dissemination/schemas';

describe('the broadcast form as it arrives from the card', () => {
  const base = { kind: 'decision', title: ' Beslut ', text: 'Text' };

  it('reads links as lines of title and address', () => {
    const parsed = composeSchema.parse({ ...base, links: 'Protokoll | https://example.se/p.pdf\n\nhttps://example.se/bilaga' });
    assert.deepEqual(parsed.links, [
      { title: 'Protokoll', url: 'https://example.se/p.pdf' },
      { title: 'https://example.se/bilaga', url: 'https://example.se/bilaga' },
    ]);
  });

  it('reads a multi-select of parties, where "all" wins', () => {
    assert.deepEqual(composeSchema.parse({ ...base, audience: 'gavle,hofors,gavle' }).audience, ['gavle', 'hofors']);
    assert.equal(composeSchema.parse({ ...base, audience: 'gavle,all' }).audience, 'all');
    assert.equal(composeSchema.parse(base).audience, 'all');
  });

  it('reads the date and time fields as Swedish local time, and the toggle as a flag', () => {
    const parsed = composeSchema.parse({ ...base, sendDate: '2026-06-05', sendTime: '08:00', requiresAck: 'true' });
    assert.equal(parsed.sendAt?.toISOString(), '2026-06-05T06:00:00.000Z');
    assert.equal(parsed.requiresAck, true);
    assert.equal(parsed.title, 'Beslut');
  });

  it('refuses a time without a date, and a link line without an address', () => {
    assert.equal(composeSchema.safeParse({ ...base, sendTime: '08:00' }).success, false);
    assert.equal(composeSchema.safeParse({ ...base, links: 'se protokollet' }).success, false);
  });
});
