import fc from 'fast-check';

/**
 * Made-up Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, day + 60) with a valid check digit, for tests of the privacy guard. They are
 * generated, never written into fixtures.
 */
export type Separator = '' | '-' | '+';

export interface IdentityParts {
  year: number;
  month: number;
  day: number;
  coordination: boolean;
  serial: number;
  twelve: boolean;
  separator: Separator;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The Luhn check digit over nine digits, computed independently of the guard under test. */
export function checkDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export const identityParts: fc.Arbitrary<IdentityParts> = fc.record({
  year: fc.integer({ min: 1880, max: 2026 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
  coordination: fc.boolean(),
  serial: fc.integer({ min: 0, max: 999 }),
  twelve: fc.boolean(),
  separator: fc.constantFrom<Separator>('', '-', '+'),
});

/** The number as someone might write it; `wrongBy` (1–9) spoils the check digit. */
export function writeIdentityNumber(id: IdentityParts, wrongBy = 0): string {
  const date = `${pad(id.year % 100)}${pad(id.month)}${pad(id.day + (id.coordination ? 60 : 0))}`;
  const nine = `${date}${pad(id.serial, 3)}`;
  const check = (checkDigit(nine) + wrongBy) % 10;
  const century = id.twelve ? pad(Math.floor(id.year / 100)) : '';
  return `${century}${date}${id.separator}${nine.slice(6)}${check}`;
}

/** One freshly generated, check-digit-valid number, in a random format. */
export function someIdentityNumber(): string {
  return writeIdentityNumber(fc.sample(identityParts, 1)[0]!);
}

/**
 * The classes of writing the guard must see through (docs/security.md names them). Each writes
 * the same number's digits; only how they are written differs.
 */
export const WRITING_CLASSES = ['ascii', 'dash', 'space', 'grouping', 'digitForm', 'invisible', 'mixed'] as const;
export type WritingClass = (typeof WRITING_CLASSES)[number];

/** Dashes, hyphens and minus signs someone (or a word processor) may put before the last four. */
export const DASHES = ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d', '\u2e3a', '\u207b', '\u208b', '\u2796', '\u02d7', '\u2043'];

/** Spaces of every width, tabs and line breaks. */
export const SPACES = [' ', '\u00a0', '\u2007', '\u2009', '\u200a', '\u202f', '\u3000', '\u1680', '\u2002', '\u2003', '\u205f', '\t', '\n', '\r\n', '\u2028', '\u2029'];

/** What may stand between the date and the last four besides a space: a dash with spaces around it. */
const SPACED_DASHES = [' - ', ' \u2013 ', '\u00a0\u2212\u00a0'];

/** Characters that show nothing (or attach to the digit before): zero-width, joiners, marks, fillers. */
export const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f', '\u061c', '\u180e', '\u034f', '\ufe0f', '\u2062', '\u2063', '\u2064', '\u0332', '\u0305', '\u3164'];

/** Zero to nine in other forms: fullwidth, other scripts' decimal digits, mathematical, superscript, subscript, circled. */
export const DIGIT_FORMS: readonly (readonly string[])[] = [
  digitRun(0xff10),
  digitRun(0x0660),
  digitRun(0x06f0),
  digitRun(0x0966),
  digitRun(0x09e6),
  digitRun(0x0e50),
  digitRun(0x0f20),
  digitRun(0x1040),
  digitRun(0x1d7ce),
  digitRun(0x1d7d8),
  digitRun(0x1d7f6),
  ['\u2070', '\u00b9', '\u00b2', '\u00b3', '\u2074', '\u2075', '\u2076', '\u2077', '\u2078', '\u2079'],
  digitRun(0x2080),
  ['\u24ea', ...Array.from({ length: 9 }, (_, i) => String.fromCodePoint(0x2460 + i))],
];

function digitRun(zero: number): string[] {
  return Array.from({ length: 10 }, (_, i) => String.fromCodePoint(zero + i));
}

/** The ASCII digits of a number: the ten (or twelve) a writing of it must come down to. */
export function identityDigits(id: IdentityParts): string {
  return writeIdentityNumber({ ...id, separator: '' });
}

/** How the digits are grouped: lengths of the groups, the date and the last four always apart. */
const GROUPINGS: Record<10 | 12, readonly (readonly number[])[]> = {
  10: [[6, 4], [2, 2, 2, 4], [2, 2, 2, 2, 2], [6, 2, 2], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
  12: [[8, 4], [4, 2, 2, 4], [2, 6, 4], [2, 2, 2, 2, 4], [4, 2, 2, 2, 2], Array.from({ length: 12 }, () => 1)],
};

/**
 * A generated number written in one class of writing: `written` is what a person types, `digits`
 * its ASCII digits (what the guard must find).
 */
export function writtenIdentityNumber(writing: WritingClass): fc.Arbitrary<{ written: string; digits: string; writing: WritingClass }> {
  const pick = <T>(list: readonly T[]) => fc.constantFrom(...list);
  return fc
    .record({
      id: identityParts,
      separator: pick(['', '-', '+']),
      dash: pick(DASHES),
      spaces: fc.array(pick(SPACES), { minLength: 12, maxLength: 12 }),
      spacedDash: fc.option(pick(SPACED_DASHES), { freq: 3 }),
      dashEverywhere: fc.boolean(),
      groupingIndex: fc.nat(),
      digitForms: fc.array(fc.nat({ max: DIGIT_FORMS.length - 1 }), { minLength: 12, maxLength: 12 }),
      oneForm: fc.boolean(),
      invisibles: fc.array(fc.option(pick(INVISIBLES), { freq: 2 }), { minLength: 12, maxLength: 12 }),
      layers: fc.subarray(['dash', 'space', 'grouping', 'digitForm', 'invisible'] as const, { minLength: 2 }),
    })
    .map((r) => {
      const digits = identityDigits(r.id);
      const layers: readonly string[] = writing === 'mixed' ? r.layers : [writing];
      const dateLength = digits.length - 4;
      // Groups: the date and the last four, or a grouping of the class.
      let lengths: readonly number[] = [dateLength, 4];
      if (layers.includes('grouping')) {
        const options = GROUPINGS[digits.length as 10 | 12];
        lengths = options[r.groupingIndex % options.length]!;
      }
      const joints: string[] = [];
      let at = 0;
      for (const [i, n] of lengths.slice(0, -1).entries()) {
        at += n;
        const beforeSerial = at === dateLength;
        const space = beforeSerial && r.spacedDash ? r.spacedDash : r.spaces[i]!;
        if (layers.includes('grouping') && layers.includes('dash') && r.dashEverywhere) joints.push(r.dash);
        else if (layers.includes('space') || layers.includes('grouping')) joints.push(beforeSerial && layers.includes('dash') ? r.dash : space);
        else if (beforeSerial) joints.push(layers.includes('dash') ? r.dash : writing === 'ascii' ? r.separator : '');
        else joints.push('');
      }
      let written = '';
      let position = 0;
      for (const [g, n] of lengths.entries()) {
        for (let k = 0; k < n; k++, position++) {
          const d = Number(digits[position]);
          const form = layers.includes('digitForm') ? DIGIT_FORMS[r.oneForm ? r.digitForms[0]! : r.digitForms[position]!]! : undefined;
          written += form ? form[d]! : String(d);
          const invisible = layers.includes('invisible') ? r.invisibles[position] : null;
          if (invisible && position < digits.length - 1) written += invisible;
        }
        if (g < joints.length) written += joints[g]!;
      }
      return { written, digits, writing };
    });
}
