/**
 * Text as the identity-number guard reads it, so that a number is found however it is written:
 * - Unicode compatibility normalisation (NFKC) of each character: fullwidth, mathematical,
 *   superscript, subscript and circled digits become ASCII digits, compatibility spaces and dashes
 *   their plain forms;
 * - invisible and formatting characters removed: format controls (zero-width space and joiners,
 *   word joiner, soft hyphen, byte-order mark, direction marks and embeddings), every other
 *   default-ignorable character (fillers, variation selectors) and combining marks;
 * - every dash, hyphen and minus (`‐ ‑ ‒ – — ― − ﹣ －` …) becomes `-`, every plus form `+`, and
 *   every space, tab and line break a space;
 * - every decimal digit of any script (Arabic-Indic, Devanagari, Thai …) its ASCII digit.
 * Each character of the result remembers where it came from, so a match can be masked in the
 * text as written.
 */
export interface Normalised {
  text: string;
  /** For each UTF-16 unit of `text`: the index in the original where its character starts. */
  from: number[];
  /** For each UTF-16 unit of `text`: the index in the original just after its character. */
  to: number[];
}

const INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]$/u;
const DASH = /^[\p{Pd}\u2212\u02d7\u2796\u2043\u2e3a\u2e3b]$/u;
const PLUS = /^[+\uff0b\u2795\ufe62\u207a\u208a]$/u;
const SPACE = /^[\p{Zs}\p{Zl}\p{Zp}\t\n\v\f\r\u0085]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

const digitValues = new Map<number, string>();

/**
 * The value of a decimal digit of any script. Unicode encodes every script's decimal digits as a
 * run of ten consecutive code points from zero to nine, so the value is the distance from the
 * run's zero (runs of several scripts may follow each other: counted modulo ten).
 */
function asciiDigit(codePoint: number): string {
  const known = digitValues.get(codePoint);
  if (known !== undefined) return known;
  let back = 0;
  while (back < 60 && DECIMAL_DIGIT.test(String.fromCodePoint(codePoint - back - 1))) back += 1;
  const value = String(back % 10);
  digitValues.set(codePoint, value);
  return value;
}

/** One character (code point) as the guard reads it: '' when it is invisible. */
function mapCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x80) {
    if (code >= 0x30 && code <= 0x39) return char;
    if (code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d) return ' ';
    return code < 0x20 || code === 0x7f ? '' : char;
  }
  let out = '';
  for (const part of char.normalize('NFKC')) {
    if (INVISIBLE.test(part)) continue;
    if (DASH.test(part)) out += '-';
    else if (PLUS.test(part)) out += '+';
    else if (SPACE.test(part)) out += ' ';
    else if (DECIMAL_DIGIT.test(part)) out += asciiDigit(part.codePointAt(0)!);
    else out += part;
  }
  return out;
}

export function normaliseForMatching(text: string): Normalised {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  for (const char of text) {
    const mapped = mapCharacter(char);
    for (let i = 0; i < mapped.length; i++) {
      from.push(index);
      to.push(index + char.length);
    }
    out += mapped;
    index += char.length;
  }
  return { text: out, from, to };
}
