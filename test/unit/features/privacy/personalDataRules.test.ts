import assert from 'node:assert/strict';
import { erasureStep, markerFor, mentions, redact, type Person } from '../../../../src/features/privacy/personalDataRules';

const ANNA: Person = { aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Anna Andersson', email: 'anna.andersson@example.se', partyId: 'gavle' };
const MARKER = markerFor(ANNA, 'Gävle kommun', 'feed');

describe('what removing a member does to each kind of record', () => {
  it('deletes what is only about her: her introduction, its stall checks, her unknown-user note and an import preview that lists her', () => {
    assert.equal(erasureStep('directory', { type: 'introduction', newcomer: ANNA.aadObjectId }, ANNA), 'delete');
    assert.equal(erasureStep('jobs', { type: 'job', kind: 'onboarding.stall', payload: { checklistId: ANNA.aadObjectId } }, ANNA), 'delete');
    assert.equal(erasureStep('directory', { type: 'unknown-user', aadObjectId: ANNA.aadObjectId }, ANNA), 'delete');
    assert.equal(erasureStep('directory', { type: 'directory-import', state: 'pending' }, ANNA), 'delete');
  });

  it('keeps what she did for others under the marker: a step of someone else\'s introduction, an applied import, a notice she recorded', () => {
    assert.equal(erasureStep('directory', { type: 'introduction', newcomer: 'someone-else' }, ANNA), 'rewrite');
    assert.equal(erasureStep('directory', { type: 'directory-import', state: 'applied' }, ANNA), 'rewrite');
    const notice = { id: 'agreement', type: 'agreement-notice', active: { recordedBy: ANNA.aadObjectId, recordedByName: ANNA.name, withdrawnByName: null } };
    assert.equal(erasureStep('directory', notice, ANNA), 'rewrite');
    assert.deepEqual(redact(notice, ANNA, MARKER).active, { recordedBy: 'removed-feed', recordedByName: 'Tidigare ledamot (Gävle kommun)', withdrawnByName: null });
  });

  it('finds her in the keys of a map by person, and moves the key to the marker (the directory file\'s last load)', () => {
    const fileState = { id: 'directory-file-state', type: 'directory-file-state', entries: { [ANNA.aadObjectId]: 'hash-a', other: 'hash-b' } };
    assert.ok(mentions(fileState, ANNA));
    const clean = redact(fileState, ANNA, MARKER);
    assert.ok(!mentions(clean, ANNA));
    assert.deepEqual(clean.entries, { 'removed-feed': 'hash-a', other: 'hash-b' });
  });
});
