import assert from 'node:assert/strict';
import { createSchema } from '../../../src/features/meetings/schemas';
import { parseLocalDate, parseLocalDateTime } from '../../../src/dates/dates';

describe('dates entered on a card', () => {
  it('reads a date-time in Swedish local time', () => {
    assert.equal(parseLocalDateTime('2026-10-30T09:00')?.toISOString(), '2026-10-30T08:00:00.000Z');
    assert.equal(parseLocalDate('2026-10-30')?.toISOString(), '2026-10-29T23:00:00.000Z');
  });

  it('refuses a year no meeting, send time or due date can have (a slip or a tampered card), as not a date', () => {
    for (const text of ['9999-12-31T23:59:59', '0000-01-01T00:00:00', '+275760-09-13T00:00:00.000Z', '1970-01-01T00:00:00Z', '2100-01-01T09:00']) {
      assert.equal(parseLocalDateTime(text), undefined, text);
    }
    assert.equal(parseLocalDate('9999-12-31'), undefined);
  });

  it('so a meeting that would end in the year 9999 is refused at the form, before anything is stored', () => {
    const form = { bodyId: 'lansledning', title: 'Möte', startsAt: '2026-10-30T09:00', endsAt: '9999-12-31T23:59:59', location: 'Gävle' };
    assert.equal(createSchema.safeParse(form).success, false);
  });
});
