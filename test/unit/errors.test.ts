import assert from 'node:assert/strict';
import { AppError, toAppError } from '../../src/errors';

describe('AppError', () => {
  it('names the input a refusal is about, so a form can show the problem beside it', () => {
    const one = new AppError('PRIVACY', { field: 'description' });
    assert.equal(one.field, 'description');
    assert.deepEqual(one.fields, ['description']);
    const two = new AppError('PRIVACY', { field: ['title', 'links'] });
    assert.equal(two.field, 'title');
    assert.deepEqual(two.fields, ['title', 'links']);
  });

  it('is about no input when none is named, and keeps that through toAppError', () => {
    const plain = new AppError('FORBIDDEN');
    assert.equal(plain.field, undefined);
    assert.deepEqual(plain.fields, []);
    assert.equal(toAppError(new AppError('BAD_REQUEST', { field: 'when' })).field, 'when');
  });
});
