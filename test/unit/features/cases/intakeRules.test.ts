import assert from 'node:assert/strict';
import type { IntakeForm } from '../../../../src/features/cases/intakeRules';
import { identityNumberFields, validateIntake } from '../../../../src/features/cases/intakeRules';
import { EMPTY_FORM } from '../../../../src/features/cases/formCards';
import { someIdentityNumber } from '../../../support/identityNumbers';
import { ELEVEN } from './fixtures';

const context = { today: '2026-11-20', partyIds: [...ELEVEN, 'hufb'], eleven: ELEVEN };

const filled: IntakeForm = {
  ...EMPTY_FORM,
  title: '  Gemensam rutin för SIP  ',
  description: 'Kommunerna och regionen arbetar olika.',
  type: 'proposal',
  area: 'vard-omsorg',
  perspectives: 'halsoframjande,forebyggande',
  vulnerableGroups: 'true',
  parties: 'gavle,hufb',
  wishedDate: '2026-12-11',
  links: 'https://example.se/a.pdf\nhttps://example.se/b',
};

describe('intake form', () => {
  it('accepts a filled-in form and keeps what the member chose', () => {
    const decision = validateIntake(filled, context);
    assert.equal(decision.kind, 'valid');
    if (decision.kind !== 'valid') return;
    assert.equal(decision.intake.title, 'Gemensam rutin för SIP');
    assert.deepEqual(decision.intake.perspectives, ['halsoframjande', 'forebyggande']);
    assert.equal(decision.intake.vulnerableGroups, true);
    assert.deepEqual(decision.intake.parties, ['gavle', 'hufb']);
    assert.deepEqual(decision.intake.links, ['https://example.se/a.pdf', 'https://example.se/b']);
    assert.equal(decision.intake.dispute, null);
  });

  it('marks every missing required field at once', () => {
    assert.deepEqual(validateIntake(EMPTY_FORM, context), {
      kind: 'invalid',
      errors: { title: 'required', description: 'required', type: 'required', area: 'required' },
    });
  });

  it('refuses choices that are not on the card, a past date and links that are not web addresses', () => {
    const decision = validateIntake(
      { ...filled, type: 'complaint', area: 'skola', perspectives: 'halsoframjande,okand', parties: 'stockholm', wishedDate: '2026-11-19', links: 'javascript:alert(1)' },
      context,
    );
    assert.deepEqual(decision, {
      kind: 'invalid',
      errors: { type: 'unknownChoice', area: 'unknownChoice', perspectives: 'unknownChoice', parties: 'unknownChoice', wishedDate: 'dateInPast', links: 'badLink' },
    });
    assert.deepEqual(validateIntake({ ...filled, wishedDate: '2026-02-30' }, context), { kind: 'invalid', errors: { wishedDate: 'badDate' } });
    assert.deepEqual(validateIntake({ ...filled, title: 'x'.repeat(201) }, context), { kind: 'invalid', errors: { title: 'tooLong' } });
  });

  it('asks a dispute for two parties involved, or for principle', () => {
    assert.deepEqual(validateIntake({ ...filled, type: 'dispute', involved: 'gavle' }, context), {
      kind: 'invalid',
      errors: { involved: 'disputeNeedsParties' },
    });
    assert.deepEqual(validateIntake({ ...filled, type: 'dispute', involved: 'gavle,hufb' }, context), {
      kind: 'invalid',
      errors: { involved: 'unknownChoice' },
    });
    const principled = validateIntake({ ...filled, type: 'dispute', involved: 'gavle', principled: 'true' }, context);
    assert.equal(principled.kind === 'valid' && principled.intake.dispute?.principled, true);
    const between = validateIntake({ ...filled, type: 'dispute', involved: 'gavle,sandviken' }, context);
    assert.deepEqual(between.kind === 'valid' && between.intake.dispute, { involved: ['gavle', 'sandviken'], principled: false });
  });

  it('ignores the dispute fields when the case is not a dispute', () => {
    const decision = validateIntake({ ...filled, involved: 'gavle', principled: 'true' }, context);
    assert.equal(decision.kind === 'valid' && decision.intake.dispute, null);
  });

  it('finds identity numbers in the title, the description and the links, and nowhere else', () => {
    assert.deepEqual(identityNumberFields(filled), []);
    assert.deepEqual(identityNumberFields({ ...filled, description: `Gäller ${someIdentityNumber()} och fler`, links: `https://example.se/?p=${someIdentityNumber()}` }), [
      'description',
      'links',
    ]);
  });
});
