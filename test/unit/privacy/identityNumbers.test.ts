import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAppError } from '../../../src/errors';
import { containsIdentityNumber, maskIdentityNumbers, refuseIdentityNumbers } from '../../../src/privacy/identityNumbers';
import { normaliseForMatching } from '../../../src/privacy/normalise';
import {
  DASHES,
  DIGIT_FORMS,
  INVISIBLES,
  SPACES,
  WRITING_CLASSES,
  identityParts as identity,
  writeIdentityNumber as written,
  writtenIdentityNumber,
} from '../../support/identityNumbers';

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

const areaPhone = fc
  .tuple(fc.integer({ min: 100, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom('-', ' ', '\u2013'))
  .map(([area, a, b, c, dash]) => `0${area}${dash}${pad(a)} ${pad(b)} ${pad(c)}`);

const amount = fc
  .tuple(fc.integer({ min: 1_000, max: 99_999_999_999 }), fc.constantFrom('sv-SE', 'en-GB', 'de-DE'), fc.constantFrom(' kr', ' SEK', ''))
  .map(([n, locale, unit]) => `${n.toLocaleString(locale)}${unit}`);

const dateRange = fc.tuple(isoDate, isoDate, fc.constantFrom(' - ', '–', ' – ', '-', ' till ')).map(([a, b, joint]) => `${a}${joint}${b}`);

const dateAndCount = fc.tuple(isoDate, fc.integer({ min: 1000, max: 9999 }), fc.constantFrom(' ', '\u00a0', ', ')).map(([d, n, joint]) => `${d}${joint}${n}`);

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

  it('lets dates, date ranges, phone numbers, amounts and diarienummer through, however many are in the text', () => {
    const harmless = fc.array(fc.oneof(isoDate, phone, areaPhone, amount, dateRange, dateAndCount, diarienummer), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(harmless, prose, (items, glue) => {
        // Items stand apart as in writing: with a word or a comma between them, not only spaces
        // (a row of numbers with nothing but spaces between them reads as one: docs/security.md).
        const text = items.join(/[^\s.+-]/.test(glue) ? glue : ', ');
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
        assert.equal(refused.field, 'description', 'the refusal names the field, so the form shows it there');
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

  for (const writing of WRITING_CLASSES) {
    it(`finds a number written in the class "${writing}", inside any text, and masks exactly it`, () => {
      fc.assert(
        fc.property(prose, writtenIdentityNumber(writing), prose, (before, number, after) => {
          const text = `${before} ${number.written} ${after}`;
          assert.ok(containsIdentityNumber(text), JSON.stringify(number));
          assert.equal(maskIdentityNumbers(text, '#'), `${before} # ${after}`, JSON.stringify(number));
        }),
        { numRuns: 600 },
      );
    });
  }

  it('lets the same writings through when the check digit is wrong', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WRITING_CLASSES).chain(writtenIdentityNumber), fc.integer({ min: 1, max: 9 }), (number, wrongBy) => {
        const last = number.digits.length - 1;
        const spoiled = (Number(number.digits[last]) + wrongBy) % 10;
        // The check digit is the last digit written; swap it, whatever its form.
        const forms = [[...'0123456789'], ...DIGIT_FORMS];
        const chars = [...number.written];
        const index = chars.length - 1 - [...chars].reverse().findIndex((c) => forms.some((f) => f.includes(c)));
        const form = forms.find((f) => f.includes(chars[index]!))!;
        chars[index] = form[spoiled]!;
        assert.equal(containsIdentityNumber(chars.join('')), false, JSON.stringify(chars.join('')));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads every dash, space, digit form and invisible character the way the guard needs', () => {
    for (const dash of DASHES) assert.equal(normaliseForMatching(`1${dash}2`).text, '1-2', `U+${dash.codePointAt(0)!.toString(16)}`);
    for (const space of SPACES) assert.match(normaliseForMatching(`1${space}2`).text, /^1 {1,2}2$/, JSON.stringify(space));
    for (const invisible of INVISIBLES) assert.equal(normaliseForMatching(`1${invisible}2`).text, '12', `U+${invisible.codePointAt(0)!.toString(16)}`);
    for (const form of DIGIT_FORMS) assert.equal(normaliseForMatching(form.join('')).text, '0123456789', form.join(''));
    assert.equal(normaliseForMatching('Åsa Öberg – mötet').text, 'Åsa Öberg - mötet', 'letters stay as they are');
  });

  it('maps a match back to the text as written, whatever it held around and inside the number', () => {
    const number = written({ year: 1980, month: 1, day: 1, coordination: false, serial: 123, twelve: false, separator: '-' });
    const fancy = [...number].map((c) => (c === '-' ? '\u2011' : DIGIT_FORMS[1]![Number(c)]!)).join('\u200b');
    assert.equal(maskIdentityNumbers(`📎 ${fancy} 😀`, '[x]'), '📎 [x] 😀');
  });

  it('lets ordinary text with numbers through: phone numbers, amounts, dates and ranges, times, postcodes, organisation and case numbers', () => {
    const ordinary = [
      'Ring 070-123 45 67 eller 0611-12 34 56, vxl 026-15 50 00',
      'Tel. 08-123 456 78, fax 0270-123 45, mobil 0701234567',
      '+46 (0)70-123 45 67',
      'Budget 1 234 567 890 kr, varav 12 345 678,90 kr i år; 1.234.567.890 kr totalt',
      'Perioden 2026-01-01 - 2026-01-31 och 2026-02-01–2026-02-28',
      'Mötet 2026-03-15 2500 deltagare, 2026-01-01 1500 kr per plats, 2026-01-05 - 0152 12 34 56',
      'kl. 10.00–12.00, 13:30-15:45',
      '802 67 Gävle, 801 88 Gävle',
      'Region Gävleborg 232100-0198, Gävle kommun 212000-2411',
      'Ärende LV-2026-0042 och LV-2026-004212, Dnr RS 2024/1234',
      'IP 192.168.10.101, version 1.12.0',
      'Bankgiro 5050-1055, plusgiro 4 12 34-5',
    ];
    for (const text of ordinary) assert.equal(containsIdentityNumber(text), false, text);
  });

  it('reads the longest text a card may carry, a row of digits, without finding a number in it', () => {
    const text = '1 2 3 4 5 6 7 8 9 0 '.repeat(5_000);
    assert.equal(containsIdentityNumber(text), false);
    assert.equal(maskIdentityNumbers(text, '#'), text);
  });

  it('finds a number in a web address, also written with %-escapes, and masks all of such an address', () => {
    const number = written({ year: 1980, month: 1, day: 1, coordination: false, serial: 123, twelve: false, separator: '-' });
    const encoded = `https://intra.example.se/s?p=${encodeURIComponent(number.replace('-', '\u2013'))}`;
    assert.ok(containsIdentityNumber(`https://intra.example.se/s?p=${number}`));
    assert.ok(containsIdentityNumber(encoded));
    assert.equal(maskIdentityNumbers(encoded, '#'), '#');
    assert.equal(containsIdentityNumber('https://intra.example.se/%E2%80%93/%zz'), false);
  });

  it('reads a list item by item and its items together, as a multi-line input arrives split at its line breaks', () => {
    const number = written({ year: 1980, month: 1, day: 1, coordination: false, serial: 123, twelve: false, separator: '' });
    assert.throws(() => refuseIdentityNumbers({ agenda: ['Punkt ett', `Punkt ${number.slice(0, 6)}`, `${number.slice(6)} två`] }), (err) => isAppError(err, 'PRIVACY') && err.field === 'agenda');
    assert.doesNotThrow(() => refuseIdentityNumbers({ agenda: ['Punkt 1', 'Punkt 2', 'Beslut 2026-01-01', '1500 kr'] }));
  });
});
