import assert from 'node:assert/strict';
import { mentionsSubstitute } from '../../../../src/features/meetings/substituteRules';

describe('a comment that names a substitute', () => {
  const substitutes = [
    'Jag skickar en ersättare',
    'Min ersättare kommer',
    'Ersattare: Lisa Berg',
    'Vikarie kommer från förvaltningen',
    'Skickar Anna istället',
    'skickar min kollega Per i stället',
    'Anna Lind kommer i mitt ställe',
    'Per kommer istället',
    'Min kollega deltar istället',
    'Vår suppleant är med',
    'Biträdande socialchef deltar för min räkning',
    'Kan Eva ersätta mig?',
    'Skickar vår verksamhetschef',
    'Sorry, I will send a substitute',
    'My deputy will attend',
    'Sending Anna instead',
    'I will send my colleague instead',
    'A stand-in from our office will come',
    'Lisa will attend in my place',
    'Karl will come instead',
    'Tom is standing in for me',
    'Maria attends on my behalf',
  ];
  for (const comment of substitutes) {
    it(`is recognised: "${comment}"`, () => assert.equal(mentionsSubstitute(comment), true));
  }
});

describe('a comment that does not name a substitute', () => {
  const plain = [
    '',
    'Jag är sjuk',
    'Krockar med fullmäktige',
    'Jag deltar digitalt istället',
    'Jag kommer på distans istället',
    'Skickar mina synpunkter skriftligt istället',
    'Ersättning för resa söks separat',
    'Konferens i Stockholm',
    'I am travelling that week',
    'I will join online instead',
    'I will send my comments in writing instead',
    'Annual leave',
    'We are in a budget meeting',
  ];
  for (const comment of plain) {
    it(`is not flagged: "${comment}"`, () => assert.equal(mentionsSubstitute(comment), false));
  }

  it('is not flagged when there is no comment at all', () => {
    assert.equal(mentionsSubstitute(undefined), false);
    assert.equal(mentionsSubstitute(null), false);
  });
});
