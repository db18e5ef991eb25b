import assert from 'node:assert/strict';
import { agreementProblems, checkMessage, placeholderParity } from '../../support/countCheck';

/** The checker of words and counts finds what it is for: each deliberately broken string is refused. */
describe('the words-and-counts checker', () => {
  const problems = (text: string, locale: 'sv' | 'en' = 'sv') => checkMessage('test.key', text, locale).problems.map((p) => p.problem);

  it('passes a well-written counted string, rendering every combination of 0, 1, 2 and 5', () => {
    const check = checkMessage('test.key', '{parties, plural, one {# part} other {# parter}}: {channels, plural, one {# kanal} other {# kanaler}}.', 'sv');
    assert.deepEqual(check.problems, []);
    assert.equal(check.renderings, 16);
    assert.deepEqual(check.counts, ['parties', 'channels']);
  });

  it('refuses "1 parter": a count written as plain text before its noun', () => {
    const found = problems('{parties} parter: {channels} kanaler');
    assert.ok(found.some((p) => /count in a text placeholder: "1 … parter"/.test(p)), found.join('; '));
  });

  it('refuses a number construct before a noun that changes ("1 personliga chattar")', () => {
    const found = problems('{n, number} personliga chattar');
    assert.ok(found.some((p) => /disagree: "1 … personliga"/.test(p)), found.join('; '));
  });

  it('refuses a plural whose branches are swapped or the same', () => {
    assert.ok(problems('{n, plural, one {# parter} other {# part}}').some((p) => /disagree/.test(p)));
    assert.ok(problems('{n, plural, one {# tecken} other {# tecken}}').some((p) => /same for one and other/.test(p)));
    assert.ok(problems('{n, plural, other {# parter}}').some((p) => /no "one" form/.test(p)));
  });

  it('refuses a count that stands alone ("skickas till 2.", "borta 0 ·")', () => {
    assert.ok(problems('Påminnelsen skickas till {n, number}.').some((p) => /stands alone/.test(p)));
    assert.ok(problems('levererade {a, number} · borta {b, number} · väntar {c, number}').some((p) => /stands alone/.test(p)));
    assert.deepEqual(problems('Ärenden ({count, number})'), [], 'a heading may carry its count in parentheses');
  });

  it('refuses a text placeholder named like a count', () => {
    assert.ok(problems('Påminnelsen skickas till {n}.').some((p) => /named like a count/.test(p)));
  });

  it('refuses English that does not agree ("1 members are", "5 party")', () => {
    assert.ok(problems('{n, number} members are told', 'en').some((p) => /disagree/.test(p)));
    assert.ok(problems('Sent to {n, plural, one {# parties} other {# party}}.', 'en').some((p) => /disagree/.test(p)));
    assert.deepEqual(problems('{read, number} of {invited, number} {read, plural, one {has} other {have}} read', 'en'), []);
  });

  it('refuses a string that is not a valid message, and placeholders that differ between the languages', () => {
    assert.deepEqual(problems('JSON ({"members": [...]})'), ['not a valid ICU message']);
    const parity = placeholderParity('test.key', '{n, plural, one {# part} other {# parter}}', '{n} parties');
    assert.equal(parity.length, 1);
  });

  it('reads numbers as Swedish writes them, and leaves times, dates and ids alone', () => {
    assert.deepEqual(agreementProblems('1\u00a0234 part', 'sv'), ['"1\u00a0234 … part"']);
    assert.deepEqual(agreementProblems('kl. 08.00 möten, LV-2026-0001 part, 3:e vecka', 'sv'), []);
  });
});
