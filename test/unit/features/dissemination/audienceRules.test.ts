import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planCounts, planRecipients, recipientsOf } from '../../../../src/features/dissemination/audienceRules';
import { seedBodies, seedParties } from '../../../../src/directory/seed';
import type { Member, Party } from '../../../../src/directory/model';

function member(id: string, partyId: string, bodies: string[] = ['lansledning']): Member {
  return {
    id, pk: 'member', type: 'member', aadObjectId: id, name: `Person ${id}`, email: `${id}@example.se`, partyId, bodies,
    roles: ['member'], personalConversation: null, locale: null, source: 'file', updatedAt: '2026-01-01T00:00:00Z',
  };
}

const withChannels = (parties: Party[], linked: string[]): Party[] =>
  parties.map((p) => (linked.includes(p.id) ? { ...p, channel: `conv-${p.id}` } : p));

describe('who receives a broadcast', () => {
  const parties = seedParties();
  const members = [member('g1', 'gavle'), member('g2', 'gavle'), member('h1', 'hofors'), member('s1', 'sandviken', ['utskott-vuxna'])];

  it('reaches every party that receives dissemination, through its managers in Länsledning', () => {
    const plan = planRecipients({ audience: { parties: 'all', bodyId: null }, targets: 'personal', excludePartyId: null, parties, members, body: null });
    assert.equal(plan.parties.length, 12);
    assert.deepEqual(plan.parties.find((p) => p.partyId === 'gavle')!.members.map((m) => m.aadObjectId), ['g1', 'g2']);
    assert.deepEqual(plan.parties.find((p) => p.partyId === 'sandviken')!.members, [], 'a committee member is not a manager');
  });

  it('leaves out a party that does not receive dissemination', () => {
    const configured = parties.map((p) => (p.id === 'hufb' ? { ...p, receivesDissemination: false } : p));
    const plan = planRecipients({ audience: { parties: 'all', bodyId: null }, targets: 'both', excludePartyId: null, parties: configured, members, body: null });
    assert.ok(!plan.parties.some((p) => p.partyId === 'hufb'));
  });

  it("posts in a party's linked channel, and falls back to its managers' chats where there is none", () => {
    const plan = planRecipients({
      audience: { parties: ['gavle', 'hofors'], bodyId: null }, targets: 'channels', excludePartyId: null,
      parties: withChannels(parties, ['gavle']), members, body: null,
    });
    const [gavle, hofors] = plan.parties;
    assert.deepEqual([gavle!.partyId, gavle!.channel, gavle!.members.length, gavle!.fallback], ['gavle', 'conv-gavle', 0, false]);
    assert.deepEqual([hofors!.partyId, hofors!.channel, hofors!.members.length, hofors!.fallback], ['hofors', null, 1, true]);
    assert.deepEqual(planCounts(plan), {
      parties: [{ name: 'Gävle kommun', isParty: true }, { name: 'Hofors kommun', isParty: true }],
      channels: 1,
      personal: 1,
      fallbacks: ['Hofors kommun'],
      empty: [],
    });
  });

  it('sends an organisational change to every party but its own', () => {
    const plan = planRecipients({ audience: { parties: 'all', bodyId: null }, targets: 'both', excludePartyId: 'gavle', parties, members, body: null });
    assert.ok(!plan.parties.some((p) => p.partyId === 'gavle'));
    assert.equal(plan.parties.length, 11);
  });

  it("sends to a network's members in the chosen parties and to the network's own channel", () => {
    const network = { ...seedBodies().find((b) => b.id === 'skolchefsnatverk')!, channel: 'conv-skolchefer' };
    const plan = planRecipients({
      audience: { parties: 'all', bodyId: 'skolchefsnatverk' }, targets: 'both', excludePartyId: null,
      parties: withChannels(parties, ['gavle']), members: [member('k1', 'gavle', ['skolchefsnatverk']), member('k2', 'ockelbo', ['skolchefsnatverk'])], body: network,
    });
    assert.deepEqual(plan.sharedChannel, { bodyId: 'skolchefsnatverk', name: 'Skolchefsnätverket', channel: 'conv-skolchefer' });
    assert.equal(plan.parties.find((p) => p.partyId === 'gavle')!.channel, null, "not the party's own channel");
    assert.deepEqual(recipientsOf(plan).map((r) => r.key), ['member:k1', 'member:k2', 'conv:conv-skolchefer']);
  });

  it('gives a remiss to a party without managers in its linked channel', () => {
    const plan = planRecipients({
      audience: { parties: ['hufb'], bodyId: null }, targets: 'personal', excludePartyId: null,
      parties: withChannels(parties, ['hufb']), members, body: null, channelWhenNoMembers: true,
    });
    assert.equal(plan.parties[0]!.channel, 'conv-hufb');
  });

  it('never lists a recipient twice, and never one outside the chosen parties', () => {
    const ids = parties.map((p) => p.id);
    fc.assert(
      fc.property(
        fc.subarray(ids, { minLength: 1 }),
        fc.subarray(ids),
        fc.constantFrom('channels' as const, 'personal' as const, 'both' as const),
        fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom('lansledning', 'skolchefsnatverk')), { maxLength: 30 }),
        (chosen, linked, targets, people) => {
          const everyone = people.map(([partyId, body], i) => member(`m${i}`, partyId, [body]));
          const plan = planRecipients({
            audience: { parties: chosen, bodyId: null }, targets, excludePartyId: null,
            parties: withChannels(parties, linked), members: everyone, body: null,
          });
          const keys = recipientsOf(plan).map((r) => r.key);
          assert.equal(new Set(keys).size, keys.length);
          for (const r of recipientsOf(plan)) assert.ok(r.partyId !== null && chosen.includes(r.partyId));
        },
      ),
    );
  });
});
