import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAppError } from '../../../src/errors';
import { containsIdentityNumber, maskIdentityNumbers, refuseIdentityNumbers } from '../../../src/privacy/identityNumbers';
import { identityParts as identity, writeIdentityNumber as written } from '../../support/identityNumbers';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Free text around a number: letters, Swedish letters, spaces and punctuation, never a digit. */
const prose = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzåäöÅÄÖ ABCXYZ.,:;!?()/-+\n\t"\''.split('')),
  maxLength: 60,
});

const phone = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([a, b, c, d]) => `07${a}-${pad(b, 3)} ${pad(c)} ${pad(d)}`),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([a, b, c, d]) => `+46 7${a} ${pad(b, 3)} ${pad(c)} ${pad(d)}`),
  fc.tuple(fc.integer({ min: 10, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }))
    .map(([area, b, c]) => `0${area}-${pad(b, 3)} ${pad(c)}`),
);

const isoDate = fc
  .tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`);

const diarienummer = fc
  .tuple(fc.constantFrom('RS', 'Dnr', 'KS', 'SN', 'dnr'), fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 4, max: 5 }))
  .map(([prefix, year, n, width]) => `${prefix} ${year}/${pad(n, width)}`);

describe('identity number guard', () => {
  it('refuses every valid personnummer and samordningsnummer, in every format, inside any text', () => {
    fc.assert(
      fc.property(prose, identity, prose, (before, id, after) => {
        assert.ok(containsIdentityNumber(`${before}${written(id)}${after}`), written(id));
      }),
      { numRuns: 2000 },
    );
  });

  it('lets the same digits through when the check digit is wrong', () => {
    fc.assert(
      fc.property(prose, identity, fc.integer({ min: 1, max: 9 }), prose, (before, id, wrongBy, after) => {
        assert.equal(containsIdentityNumber(`${before}${written(id, wrongBy)}${after}`), false, written(id, wrongBy));
      }),
      { numRuns: 2000 },
    );
  });

  it('lets dates, phone numbers and diarienummer through, however many are in the text', () => {
    const harmless = fc.array(fc.oneof(isoDate, phone, diarienummer), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(harmless, prose, (items, glue) => {
        const text = items.join(glue.length > 0 ? glue : ' ');
        assert.equal(containsIdentityNumber(text), false, text);
      }),
      { numRuns: 2000 },
    );
  });

  it('lets the examples from the issue through: a date, two phone numbers and two diarienummer', () => {
    for (const text of ['Mötet 2026-11-25', 'Ring 070-123 45 67', 'eller +46 70 123 45 67', 'RS 2024/1234', 'Dnr 2026/00042']) {
      assert.equal(containsIdentityNumber(text), false, text);
    }
  });

  it('refuses naming the field and never the number, and masks exactly the numbers', () => {
    fc.assert(
      fc.property(prose, identity, prose, (before, id, after) => {
        const number = written(id);
        let refused: unknown;
        try {
          refuseIdentityNumbers({ title: 'Samverkan kring LSS', description: `${before}${number}${after}` });
        } catch (err) {
          refused = err;
        }
        assert.ok(isAppError(refused, 'PRIVACY'));
        assert.equal(refused.detail, 'description');
        assert.deepEqual(refused.fields, ['description']);
        assert.ok(!JSON.stringify({ m: refused.message, d: refused.detail, v: refused.values }).includes(number));
        const masked = maskIdentityNumbers(`${before}${number}${after}`, '[nummer borttaget]');
        assert.equal(masked, `${before}[nummer borttaget]${after}`);
        assert.equal(containsIdentityNumber(masked), false);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves text without an identity number as it is when masking', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(prose, isoDate, phone, diarienummer)), (parts) => {
        const text = parts.join(' ');
        assert.equal(maskIdentityNumbers(text, 'X'), text);
      }),
    );
  });
});
