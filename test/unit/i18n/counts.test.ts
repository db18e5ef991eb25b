import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateNames } from '../../../src/cards/renderCard';
import { catalog, messages, t } from '../../../src/i18n';
import { compileMessage, placeholders } from '../../../src/i18n/catalog';
import { CARDS_DIR } from '../../../src/paths';
import { checkMessage, COUNTS, placeholderParity, type CountProblem } from '../../support/countCheck';

const LOCALES = ['sv', 'en'] as const;

function show(problems: CountProblem[]): string {
  return problems.map((p) => `${p.locale} ${p.key}: ${p.problem}${p.example ? `\n    ${p.example}` : ''}`).join('\n');
}

describe('words and counts in the catalog', () => {
  it(`reads as Swedish and English with the counts ${COUNTS.join(', ')}: every count in a plural or number construct, standing with a word that agrees`, () => {
    const problems: CountProblem[] = [];
    const figures = { strings: 0, counted: 0, renderings: 0 };
    for (const locale of LOCALES) {
      const all = messages(locale);
      for (const [ns, table] of Object.entries(all)) {
        for (const [key, text] of Object.entries(table)) {
          const check = checkMessage(`${ns}.${key}`, text, locale);
          problems.push(...check.problems);
          figures.strings++;
          if (check.counts.length > 0) figures.counted++;
          figures.renderings += check.renderings;
        }
      }
    }
    console.log(`      ${figures.strings} strings (both languages), ${figures.counted} with counts, ${figures.renderings} renderings checked`);
    assert.equal(show(problems), '');
    assert.ok(figures.counted > 50, 'the counted strings were found');
  });

  it('has the same placeholders in Swedish and English, each a count in both or text in both', () => {
    const sv = messages('sv');
    const en = messages('en');
    const problems: CountProblem[] = [];
    for (const ns of Object.keys(sv)) for (const key of Object.keys(sv[ns]!)) problems.push(...placeholderParity(`${ns}.${key}`, sv[ns]![key]!, en[ns]![key]!));
    assert.equal(show(problems), '');
  });

  it('leaves no count to a card template, which cannot apply plural rules: templates only show strings without counts', () => {
    const found: string[] = [];
    const sv = messages('sv');
    for (const name of templateNames()) {
      const text = readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8');
      for (const [, ns, key] of text.matchAll(/\bt\.(\w+)\.(\w+)/g)) {
        const message = compileMessage(sv[ns!]?.[key!] ?? '', 'sv');
        if (!message) continue;
        const counts = [...placeholders(message.getAst())].filter(([, kind]) => kind === 'count');
        if (counts.length > 0) found.push(`${name}: t.${ns}.${key}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('gives templates the finished text of a string without placeholders, quotes and all', () => {
    assert.match(catalog('sv').directory.importIntro, /JSON \(\{"members": \[\.\.\.\]\}, samma format/);
    assert.match(catalog('en').directory.importIntro, /JSON \(\{"members": \[\.\.\.\]\}, the format/);
  });

  it('writes the known counts as people read them', () => {
    const cases: [string, string][] = [
      [t('sv', 'dissemination', 'previewRecipients', { who: '1 part', channels: 1, personal: 0 }), '1 part: 1 kanal och 0 personliga chattar.'],
      [t('sv', 'dissemination', 'partyPersonal', { n: 1 }), '1 personlig chatt'],
      [t('sv', 'parties', 'ofEleven', { done: 0, n: 1 }), '0 av 1 part'],
      [t('sv', 'parties', 'eleven', { n: 11 }), '11 parter'],
      [t('sv', 'cases', 'queueIntro', { count: 1 }), 'Efter läge, äldst först. 1 öppet ärende.'],
      [t('sv', 'yearPlan', 'reportMeetings', { count: 1 }), '1 möte har hållits.'],
      [t('sv', 'meetings', 'remindDone', { n: 2 }), 'Påminnelsen skickas till 2 personer.'],
      [t('sv', 'dissemination', 'statusTotals', { delivered: 3, failed: 0, gone: 0, pending: 1 }), '3 levererade · 0 misslyckade · 0 går inte att nå · 1 väntar'],
      [t('sv', 'dissemination', 'previewSize', { size: 4, limit: 28 }), 'Storlek: ungefär 4 kB av högst 28 kB.'],
      [t('en', 'dissemination', 'previewRecipients', { who: '1 party', channels: 1, personal: 0 }), '1 party: 1 channel and 0 personal chats.'],
      [t('en', 'meetings', 'remindDone', { n: 1 }), 'The reminder goes to 1 person.'],
    ];
    for (const [actual, expected] of cases) assert.equal(actual, expected);
  });

  it('writes thousands with a non-breaking space in Swedish and a comma in English', () => {
    assert.ok(t('sv', 'directory', 'menuIntro', { count: 1234 }).startsWith('Katalogen har 1\u00a0234 medlemmar.'));
    assert.ok(t('en', 'directory', 'menuIntro', { count: 1234 }).startsWith('The directory has 1,234 members.'));
  });
});
