import type { Locale } from '../../src/config';
import { compileMessage, format, placeholders, type Values } from '../../src/i18n/catalog';
import type { MessageFormatElement, NumberElement, PluralElement } from '@formatjs/icu-messageformat-parser';
import { TYPE } from '@formatjs/icu-messageformat-parser';

/** The counts every string is rendered with: zero, one, two and a few (each language's forms). */
export const COUNTS = [0, 1, 2, 5] as const;

/**
 * Words that change with the number before them, as `singular/plural`. A noun that is the same
 * in both (tecken, mottagare, utskick, steg, fel; "frånvarande") has no entry: nothing to get wrong.
 * Swedish adjectives and participles that stand between a number and its noun are here too
 * ("1 personliga chattar" is wrong at "personliga").
 */
const WORDS: Record<Locale, { nouns: string[]; adjectives: string[]; verbs: string[]; same: string[] }> = {
  sv: {
    nouns: [
      'part/parter', 'kanal/kanaler', 'chatt/chattar', 'medlem/medlemmar', 'ledamot/ledamöter', 'möte/möten',
      'ärende/ärenden', 'dag/dagar', 'arbetsdag/arbetsdagar', 'minut/minuter', 'sekund/sekunder', 'timme/timmar',
      'vecka/veckor', 'månad/månader', 'person/personer', 'påminnelse/påminnelser', 'länk/länkar', 'träff/träffar',
      'ändring/ändringar', 'post/poster', 'rad/rader', 'kvittens/kvittenser', 'leverans/leveranser', 'remiss/remisser',
      'handling/handlingar', 'kolumn/kolumner', 'fil/filer', 'uppgift/uppgifter', 'meddelande/meddelanden',
      'kallelse/kallelser', 'introduktion/introduktioner', 'punkt/punkter', 'vikt/vikter', 'nyckel/nycklar',
      'kommun/kommuner', 'gång/gånger', 'felet/felen',
    ],
    adjectives: [
      'personlig/personliga', 'kopplad/kopplade', 'misslyckad/misslyckade', 'levererad/levererade',
      'oförändrad/oförändrade', 'öppet/öppna', 'öppen/öppna', 'sparad/sparade', 'tillfrågad/tillfrågade',
      'begärd/begärda', 'nytt/nya', 'ny/nya', 'ändrad/ändrade', 'inkommet/inkomna', 'besvarad/besvarade',
      'obesvarad/obesvarade',
    ],
    verbs: [],
    same: ['steg', 'tecken', 'mottagare', 'utskick', 'fel', 'svar', 'beslut', 'organ', 'år', 'kB', 'kr', 'frånvarande'],
  },
  en: {
    nouns: [
      'party/parties', 'channel/channels', 'chat/chats', 'member/members', 'meeting/meetings', 'case/cases',
      'day/days', 'minute/minutes', 'second/seconds', 'hour/hours', 'week/weeks', 'month/months', 'person/people',
      'reminder/reminders', 'link/links', 'match/matches', 'change/changes', 'record/records', 'row/rows',
      'acknowledgement/acknowledgements', 'delivery/deliveries', 'consultation/consultations', 'decision/decisions',
      'paper/papers', 'column/columns', 'step/steps', 'body/bodies', 'file/files', 'task/tasks', 'answer/answers',
      'message/messages', 'notice/notices', 'introduction/introductions', 'item/items', 'recipient/recipients',
      'problem/problems', 'field/fields', 'character/characters', 'broadcast/broadcasts', 'weight/weights',
      'key/keys', 'municipality/municipalities', 'time/times', 'year/years', 'error/errors',
    ],
    adjectives: [],
    verbs: ['is/are', 'has/have', 'was/were', 'gets/get', 'shows/show'],
    same: ['kB', 'kr'],
  },
};

type Form = 'one' | 'other' | 'same';

function lexicon(words: string[], same: string[] = []): Map<string, Form> {
  const out = new Map<string, Form>();
  for (const pair of words) {
    const [one, other] = pair.split('/') as [string, string];
    out.set(one, 'one');
    if (!out.has(other)) out.set(other, 'other');
  }
  for (const word of same) out.set(word.toLowerCase(), 'same');
  return out;
}

function lexicons(w: (typeof WORDS)[Locale]): { all: Map<string, Form>; nouns: Map<string, Form> } {
  return { all: lexicon([...w.nouns, ...w.adjectives, ...w.verbs], w.same), nouns: lexicon(w.nouns, w.same) };
}

const LEXICON: Record<Locale, { all: Map<string, Form>; nouns: Map<string, Form> }> = { sv: lexicons(WORDS.sv), en: lexicons(WORDS.en) };

/** A placeholder written as plain text whose name says it is a count. */
const COUNT_NAME = /^(n|count|total|.+Count|.+Total)$/;

export interface CountProblem {
  key: string;
  locale: Locale;
  problem: string;
  /** The rendered text that shows it, with the counts used. */
  example?: string;
}

/** A number as it appears in rendered text ("1 234" in Swedish has a non-breaking space), not part of a time, date or id. */
const NUMBER = /(?<![\p{L}\p{N}.,:\-/])(\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\p{N}])|\d+)(?![\p{N}]|[.,:\-/]\p{N})/gu;
const WORDS_AFTER = /^ ([\p{L}-]+)(?: ([\p{L}-]+))?/u;

/**
 * Numbers followed by a word in the wrong number, in a rendered text: "1 parter", "2 part",
 * "1 personliga chattar". The first of the next two words that the word list knows decides
 * ("1 failed deliveries" is wrong at "deliveries"; in "2 steg klart" the invariant "steg" ends the
 * look). With `nounsOnly`, for text placeholders filled with numbers, only a noun right after the
 * number counts ("{name} är ny" is not a count).
 */
export function agreementProblems(text: string, locale: Locale, nounsOnly = false): string[] {
  const rules = new Intl.PluralRules(locale);
  const words = nounsOnly ? LEXICON[locale].nouns : LEXICON[locale].all;
  const found: string[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const digits = match[1]!;
    const value = Number(digits.replace(/\D/g, ''));
    const after = WORDS_AFTER.exec(text.slice(match.index + digits.length));
    if (!after) continue;
    // In "0 of 1 have read" the verb agrees with the first number, not the one before it.
    const ofSomething = /\b(?:of|av) $/.test(text.slice(0, match.index));
    for (const word of nounsOnly ? [after[1]] : [after[1], after[2]]) {
      const form = word ? (ofSomething ? LEXICON[locale].nouns : words).get(word.toLowerCase()) : undefined;
      if (form === 'same') break;
      if (!form) continue;
      const expected: Form = rules.select(value) === 'one' ? 'one' : 'other';
      if (form !== expected) found.push(`"${digits} … ${word}"`);
      break;
    }
  }
  return found;
}

/** The literal text of `elements` up to the first placeholder; `X` stands for a placeholder. */
function textAhead(elements: MessageFormatElement[], from: number, after: string): string {
  let out = '';
  for (let i = from; i < elements.length; i++) {
    const el = elements[i]!;
    if (el.type === TYPE.literal) out += el.value;
    else return `${out}X`;
  }
  return out + after;
}

function textBehind(elements: MessageFormatElement[], upTo: number, before: string): string {
  let out = '';
  for (let i = upTo - 1; i >= 0; i--) {
    const el = elements[i]!;
    if (el.type === TYPE.literal) out = el.value + out;
    else return `X${out}`;
  }
  return before + out;
}

function isPercent(el: NumberElement): boolean {
  return typeof el.style === 'object' && el.style !== null && el.style.parsedOptions.style === 'percent';
}

/** A count must be followed by a word or a unit ("3 parter", "3 av 5", "28 kB"), or be a heading's "(3)". */
function standsAlone(before: string, after: string): boolean {
  if (/^\s*\)/.test(after) && /\(\s*$/.test(before)) return false;
  return !/^[ \u00a0]?(?:[\p{L}%X]|:[ae]\b)/u.test(after);
}

function structureProblems(elements: MessageFormatElement[], before: string, after: string, out: string[]): void {
  elements.forEach((el, i) => {
    const ahead = textAhead(elements, i + 1, after);
    const behind = textBehind(elements, i, before);
    if (el.type === TYPE.number && !isPercent(el) && standsAlone(behind, ahead)) out.push(`{${el.value}} stands alone: "${behind.slice(-20)}{${el.value}}${ahead.slice(0, 20)}"`);
    if (el.type === TYPE.pound && standsAlone(behind, ahead)) out.push(`# stands alone: "${behind.slice(-20)}#${ahead.slice(0, 20)}"`);
    if (el.type === TYPE.plural) pluralProblems(el, behind, ahead, out);
    if (el.type === TYPE.select) for (const option of Object.values(el.options)) structureProblems(option.value, behind, ahead, out);
  });
}

function pluralProblems(el: PluralElement, before: string, after: string, out: string[]): void {
  const { one, other } = el.options;
  if (!other) out.push(`{${el.value}, plural} has no "other" form`);
  if (el.pluralType === 'cardinal') {
    if (!one && !el.options['=1']) out.push(`{${el.value}, plural} has no "one" form`);
    if (one && other && JSON.stringify(one.value) === JSON.stringify(other.value)) {
      out.push(`{${el.value}, plural} says the same for one and other: write {${el.value}, number}`);
    }
  }
  for (const option of Object.values(el.options)) structureProblems(option.value, before, after, out);
}

function* combinations(names: string[]): Generator<Record<string, number>> {
  if (names.length === 0) {
    yield {};
    return;
  }
  const [first, ...rest] = names as [string, ...string[]];
  for (const tail of combinations(rest)) for (const n of COUNTS) yield { [first]: n, ...tail };
}

export interface MessageCheck {
  problems: CountProblem[];
  /** How many renderings were checked (every combination of the counts). */
  renderings: number;
  /** The placeholders used as counts. */
  counts: string[];
}

/**
 * Checks one catalog string: it parses; every count is in a plural (forms that differ where the
 * language needs them) or a number construct and is followed by a word; no text placeholder is
 * named like a count; and every rendering with the counts 0, 1, 2 and 5, for every combination of
 * its counts, has its numbers agree with the words after them. Text placeholders are also filled
 * with numbers, so a count written as `{n}` before its noun is found.
 */
export function checkMessage(key: string, template: string, locale: Locale): MessageCheck {
  const problems: CountProblem[] = [];
  const add = (problem: string, example?: string) => problems.push({ key, locale, problem, ...(example === undefined ? {} : { example }) });
  const message = compileMessage(template, locale);
  if (!message) {
    add('not a valid ICU message');
    return { problems, renderings: 0, counts: [] };
  }
  const ast = message.getAst();
  const kinds = placeholders(ast);
  const counts = [...kinds].filter(([, kind]) => kind === 'count').map(([name]) => name);
  const texts = [...kinds].filter(([, kind]) => kind === 'text').map(([name]) => name);

  const structural: string[] = [];
  structureProblems(ast, '', '', structural);
  for (const p of structural) add(p);
  for (const name of texts) if (COUNT_NAME.test(name)) add(`{${name}} is named like a count but is plain text: write {${name}, plural, …} or {${name}, number}`);

  let renderings = 0;
  const textValues: Values = Object.fromEntries(texts.map((name) => [name, `‹${name}›`]));
  for (const values of combinations(counts)) {
    renderings++;
    const rendered = format(template, { ...textValues, ...values }, locale);
    for (const p of agreementProblems(rendered, locale)) add(`number and word disagree: ${p}`, `${JSON.stringify(values)} → ${rendered}`);
  }
  for (const n of COUNTS) {
    if (texts.length === 0) break;
    const values: Values = Object.fromEntries(counts.map((name) => [name, 2]));
    for (const name of texts) values[name] = n;
    const rendered = format(template, values, locale);
    for (const p of agreementProblems(rendered, locale, true)) add(`a count in a text placeholder: ${p}`, `${JSON.stringify(values)} → ${rendered}`);
  }
  return { problems, renderings, counts };
}

/** The two languages of one string must have the same placeholders, each a count in both or text in both. */
export function placeholderParity(key: string, sv: string, en: string): CountProblem[] {
  const of = (text: string, locale: Locale) => {
    const m = compileMessage(text, locale);
    return m ? placeholders(m.getAst()) : new Map<string, 'text' | 'count'>();
  };
  const a = of(sv, 'sv');
  const b = of(en, 'en');
  const problems: CountProblem[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(name) !== b.get(name)) {
      problems.push({ key, locale: 'en', problem: `{${name}} is ${a.get(name) ?? 'missing'} in Swedish but ${b.get(name) ?? 'missing'} in English` });
    }
  }
  return problems;
}
