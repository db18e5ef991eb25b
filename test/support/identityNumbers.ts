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
