import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardBytes, RENAMED_TEMPLATES, renderCard, TEAMS_MESSAGE_LIMIT_BYTES, templateNames } from '../../../src/cards/renderCard';
import { CARDS_DIR } from '../../../src/paths';
import { cardText } from '../../support/cards';
import { cardProblems } from '../../support/validateCard';

describe('card templates', () => {
  const names = templateNames();

  it('finds the templates', () => {
    assert.ok(names.includes('welcome') && names.includes('help') && names.includes('error'));
  });

  for (const name of names) {
    describe(name, () => {
      const samplePath = join(CARDS_DIR, `${name}.data.json`);

      it('has sample data', () => {
        assert.ok(existsSync(samplePath), `${name}.data.json is missing`);
      });

      for (const locale of ['sv', 'en'] as const) {
        it(`renders as a valid Adaptive Card 1.5 in ${locale}, within Teams' size limit`, () => {
          const data = JSON.parse(readFileSync(samplePath, 'utf8')) as object;
          const card = renderCard(name, data, locale);
          assert.deepEqual(cardProblems(card), []);
          assert.ok(cardBytes(card) < TEAMS_MESSAGE_LIMIT_BYTES);
          assert.ok(cardText(card).trim().length > 0, 'the card shows some text');
        });
      }
    });
  }

  it('renders a message queued under a template\'s earlier name with the renamed template', () => {
    for (const [old, current] of Object.entries(RENAMED_TEMPLATES)) {
      assert.ok(names.includes(current) && !names.includes(old), `${old} -> ${current}`);
      const data = JSON.parse(readFileSync(join(CARDS_DIR, `${current}.data.json`), 'utf8')) as object;
      assert.deepEqual(renderCard(old, data, 'sv'), renderCard(current, data, 'sv'));
    }
  });

  it('the validator catches an unknown element, a duplicate input id and an unbound expression', () => {
    const problems = cardProblems({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Foo' },
        { type: 'Input.Text', id: 'a' },
        { type: 'Input.Text', id: 'a' },
        { type: 'TextBlock', text: '${missing}' },
      ],
    });
    assert.ok(problems.some((p) => /Unknown element type "Foo"/.test(p)), problems.join('; '));
    assert.ok(problems.some((p) => /Duplicate Id "a"/.test(p)), problems.join('; '));
    assert.ok(problems.some((p) => /unbound/.test(p)), problems.join('; '));
  });

  it('shows the welcome card in Swedish and English', () => {
    const sv = cardText(renderCard('welcome', { inDirectory: true, actions: [] }, 'sv'));
    const en = cardText(renderCard('welcome', { inDirectory: true, actions: [] }, 'en'));
    assert.match(sv, /Välkommen/);
    assert.match(en, /Welcome/);
  });
});
