import assert from 'node:assert/strict';
import { parseDirectory } from '../../../src/directory/directoryFile';
import { seedBodies, seedParties } from '../../../src/directory/seed';

const known = {
  partyIds: new Set(seedParties().map((p) => p.id)),
  bodyIds: new Set(seedBodies().map((b) => b.id)),
};

const valid = {
  aadObjectId: '6f1c0d4e-1111-4222-8333-444455556666',
  name: 'Anna Andersson',
  email: 'anna.andersson@gavle.se',
  partyId: 'gavle',
  bodies: ['lansledning', 'utskott-vuxna'],
  roles: ['member'],
};

describe('DIRECTORY_FILE', () => {
  it('accepts members with known parties, bodies and roles', () => {
    const result = parseDirectory({ members: [valid, { ...valid, aadObjectId: 'b', bodies: ['arbetsgrupp-sip'] }] }, known);
    assert.ok(result.ok);
    assert.equal(result.members.length, 2);
  });

  it('lists every problem, naming the entry and the field', () => {
    const result = parseDirectory(
      {
        members: [
          { ...valid, partyId: 'stockholm' },
          { ...valid, aadObjectId: 'x2', email: 'not-an-email' },
          { ...valid, aadObjectId: 'x3', roles: [] },
          { ...valid, aadObjectId: 'x4', roles: ['king'] },
          { ...valid, aadObjectId: 'x5', bodies: ['no-such-body'] },
          { ...valid },
          { ...valid, aadObjectId: 'x7', name: undefined },
          { ...valid, aadObjectId: 'x8', shoeSize: 42 },
        ],
      },
      known,
    );
    assert.equal(result.ok, false);
    const problems = result.ok ? [] : result.problems;
    const expect = [
      /members\[0\] \(aadObjectId "6f1c0d4e-1111-4222-8333-444455556666"\): partyId "stockholm" is not a party/,
      /members\[1\] \(aadObjectId "x2"\): email is not an e-mail address/,
      /members\[2\] \(aadObjectId "x3"\): roles must name at least one role/,
      /members\[3\] \(aadObjectId "x4"\): roles\.0 must be one of secretariat, chair, preparer, member/,
      /members\[4\] \(aadObjectId "x5"\): bodies contains "no-such-body"/,
      /members\[5\] .*aadObjectId is also used by members\[0\]/,
      /members\[6\] \(aadObjectId "x7"\): name is required/,
      /members\[7\] \(aadObjectId "x8"\): has unknown field\(s\) shoeSize/,
    ];
    for (const pattern of expect) assert.ok(problems.some((p) => pattern.test(p)), `${pattern} not in:\n${problems.join('\n')}`);
  });

  it('refuses a file that is not an object with members', () => {
    assert.equal(parseDirectory([], known).ok, false);
    assert.equal(parseDirectory({ people: [] }, known).ok, false);
  });
});
