import { AppError } from '../errors';

/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer,
 * day + 60) in free text (docs/domain.md §16). A match needs 10 or 12 digits, optionally with `-` or
 * `+` before the last four, a plausible date, and a valid Luhn check digit over the 10 digits.
 */
const CANDIDATE = /(?<![\d])(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?![\d])/g;

export function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function plausibleDate(century: string | undefined, month: number, day: number): boolean {
  if (century !== undefined && !['18', '19', '20'].includes(century)) return false;
  if (month < 1 || month > 12) return false;
  return (day >= 1 && day <= 31) || (day >= 61 && day <= 91);
}

/** Where the text holds something that is, by all three tests, an identity number. */
function* identityNumberSpans(text: string): Generator<{ start: number; end: number }> {
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century, yy, mm, dd, , last4] = m;
    if (!plausibleDate(century, Number(mm), Number(dd))) continue;
    if (luhnValid(`${yy}${mm}${dd}${last4}`)) yield { start: m.index, end: m.index + whole.length };
  }
}

/** True when the text holds something that is, by all three tests, an identity number. */
export function containsIdentityNumber(text: string): boolean {
  return !identityNumberSpans(text).next().done;
}

/**
 * The text with every identity number replaced by `mask`, so that a refused form can be shown
 * again without echoing the number; text without one comes back unchanged.
 */
export function maskIdentityNumbers(text: string, mask: string): string {
  let out = '';
  let from = 0;
  for (const span of identityNumberSpans(text)) {
    out += text.slice(from, span.start) + mask;
    from = span.end;
  }
  return out + text.slice(from);
}

/**
 * Refuses input whose free-text fields hold an identity number. The error names the fields,
 * never the number; the caller stores and logs nothing of the input.
 */
export function refuseIdentityNumbers(fields: Record<string, string | readonly string[] | null | undefined>): void {
  const hits = Object.entries(fields)
    .filter(([, v]) => (Array.isArray(v) ? v : [v]).some((s) => typeof s === 'string' && containsIdentityNumber(s)))
    .map(([k]) => k);
  if (hits.length > 0) throw new AppError('PRIVACY', { detail: hits.join(', '), values: { fields: hits.join(', ') } });
}
