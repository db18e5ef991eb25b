import assert from 'node:assert/strict';
import { diffDirectory, directoryFingerprint, readImport } from '../../../../src/features/directory/importRules';
import { seedBodies, seedParties } from '../../../../src/directory/seed';

const known = { partyIds: new Set(seedParties().map((p) => p.id)), bodyIds: new Set(seedBodies().map((b) => b.id)) };
const anna = { aadObjectId: 'a-1', name: 'Anna Andersson', email: 'anna@gavle.se', partyId: 'gavle', bodies: ['lansledning'], roles: ['member' as const] };

describe('directory imports', () => {
  it('reads a CSV with Swedish headings and lists of bodies and roles', () => {
    const csv = 'id;namn;e-post;part;organ;roller\na-1;Anna Andersson;Anna@Gavle.se;gavle;lansledning|utskott-vuxna;member, chair';
    const read = readImport('csv', csv, known, 'sv');
    assert.ok(read.ok);
    assert.deepEqual(read.members[0], { ...anna, bodies: ['lansledning', 'utskott-vuxna'], roles: ['member', 'chair'] });
  });

  it('refuses two entries with the same e-mail address, and unknown columns', () => {
    const json = JSON.stringify([anna, { ...anna, aadObjectId: 'a-2', name: 'Annan' }]);
    const read = readImport('json', json, known, 'en');
    assert.deepEqual(read, { ok: false, problems: ['members[1]: the e-mail address anna@gavle.se is also used by members[0]'] });
    const csv = readImport('csv', 'aadObjectId;name;email;partyId;bodies;roles;shoe\n', known, 'sv');
    assert.ok(!csv.ok && /okända kolumner "shoe"/.test(csv.problems[0]!));
  });

  it('says per member and field what an import would change; replace also removes', () => {
    const bertil = { ...anna, aadObjectId: 'b-1', name: 'Bertil', email: 'bertil@hofors.se', partyId: 'hofors' };
    const diff = diffDirectory([anna, bertil], [{ ...anna, email: 'anna.a@gavle.se', roles: ['member', 'chair'] }], 'replace');
    assert.deepEqual(diff.changed[0]!.changes, [
      { field: 'email', from: 'anna@gavle.se', to: 'anna.a@gavle.se' },
      { field: 'roles', from: 'member', to: 'chair, member' },
    ]);
    assert.deepEqual(diff.removed.map((m) => m.aadObjectId), ['b-1']);
    assert.equal(diffDirectory([anna, bertil], [anna], 'merge').removed.length, 0);
  });

  it('fingerprints the directory without regard to order', () => {
    const bertil = { ...anna, aadObjectId: 'b-1' };
    assert.equal(directoryFingerprint([anna, bertil]), directoryFingerprint([bertil, anna]));
    assert.notEqual(directoryFingerprint([anna]), directoryFingerprint([{ ...anna, name: 'Anna B' }]));
  });
});
