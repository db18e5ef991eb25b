import assert from 'node:assert/strict';
import type { ComposeInput } from '../../../../src/features/dissemination/broadcastRules';
import { REMINDER_INTERVAL_MS, decideAck, decideCompose, decideConfirm, decideRemind } from '../../../../src/features/dissemination/broadcastRules';
import type { AckDoc, BroadcastDoc } from '../../../../src/features/dissemination/model';
import type { Member, Role } from '../../../../src/directory/model';

const NOW = new Date('2026-11-23T09:00:00Z');
const known = { partyIds: new Set(['gavle', 'hofors', 'ockelbo']), bodyIds: new Set(['lansledning', 'skolchefsnatverk']) };

function actor(partyId: string, roles: Role[], id = `${partyId}-1`): Member {
  return {
    id, pk: 'member', type: 'member', aadObjectId: id, name: id, email: `${id}@example.se`, partyId, bodies: ['lansledning'],
    roles, personalConversation: null, locale: null, source: 'file', updatedAt: '',
  };
}
const secretary = actor('hofors', ['secretariat'], 'sec');
const gavleMember = actor('gavle', ['member']);

function input(overrides: Partial<ComposeInput> = {}): ComposeInput {
  return {
    broadcastId: undefined, kind: 'decision', title: 'T', text: 'X', links: [], audience: 'all', audienceBody: null,
    partyId: null, targets: 'both', requiresAck: true, sendAt: null, ...overrides,
  };
}

function broadcast(overrides: Partial<BroadcastDoc> = {}): BroadcastDoc {
  return {
    id: 'b-1', pk: 'b-1', type: 'broadcast', kind: 'decision', title: 'T', text: 'X', links: [], audience: { parties: 'all', bodyId: null },
    targets: 'both', requiresAck: true, sendAt: null, fromPartyId: null, status: 'sent', revision: 1,
    createdBy: { aadObjectId: 'sec', name: 'Sara' }, createdAt: '', updatedAt: '', statusConversation: 'c',
    plan: {
      parties: [
        { partyId: 'gavle', name: 'Gävle kommun', channel: null, members: [], fallback: false },
        { partyId: 'hofors', name: 'Hofors kommun', channel: null, members: [], fallback: false },
      ],
      sharedChannel: null,
    },
    sentAt: NOW.toISOString(), cancelledAt: null, reminders: 0, lastReminderAt: null, statusUpdates: 0, lastStatusBatch: null,
    ...overrides,
  };
}

const ack = (partyId: string): AckDoc => ({ id: `ack-${partyId}`, pk: 'b-1', type: 'broadcast-ack', partyId, by: { aadObjectId: 'x', name: 'X' }, at: '' });

describe('broadcast rules', () => {
  describe('composing', () => {
    it('lets only the secretariat send decisions and information', () => {
      assert.deepEqual(decideCompose(input(), secretary, known, NOW), { kind: 'ok', fromPartyId: null, sendAt: null });
      assert.deepEqual(decideCompose(input({ kind: 'information' }), gavleMember, known, NOW), { kind: 'forbidden', reason: 'notSecretariat' });
    });

    it('lets anyone post an organisational change for their own party only, to all other parties', () => {
      assert.deepEqual(decideCompose(input({ kind: 'orgChange' }), gavleMember, known, NOW), { kind: 'ok', fromPartyId: 'gavle', sendAt: null });
      assert.deepEqual(decideCompose(input({ kind: 'orgChange', partyId: 'hofors' }), gavleMember, known, NOW), { kind: 'forbidden', reason: 'notOwnParty' });
      assert.deepEqual(decideCompose(input({ kind: 'orgChange', audience: ['hofors'] }), gavleMember, known, NOW), { kind: 'bad', reason: 'orgChangeAudience' });
      assert.deepEqual(decideCompose(input({ kind: 'orgChange', partyId: 'gavle' }), secretary, known, NOW), { kind: 'forbidden', reason: 'notOwnParty' });
    });

    it('refuses unknown parties and bodies', () => {
      assert.deepEqual(decideCompose(input({ audience: ['gavle', 'atlantis'] }), secretary, known, NOW), { kind: 'bad', reason: 'unknownParty' });
      assert.deepEqual(decideCompose(input({ audienceBody: 'nope' }), secretary, known, NOW), { kind: 'bad', reason: 'unknownBody' });
    });

    it('takes a send time a few minutes past as "now", and refuses one long past', () => {
      const justPast = new Date(NOW.getTime() - 60_000);
      assert.deepEqual(decideCompose(input({ sendAt: justPast }), secretary, known, NOW), { kind: 'ok', fromPartyId: null, sendAt: null });
      assert.deepEqual(decideCompose(input({ sendAt: new Date('2026-11-22T09:00:00Z') }), secretary, known, NOW), { kind: 'bad', reason: 'sendAtPast' });
      const later = new Date('2026-11-27T07:30:00Z');
      assert.deepEqual(decideCompose(input({ sendAt: later }), secretary, known, NOW), { kind: 'ok', fromPartyId: null, sendAt: later });
    });
  });

  describe('confirming', () => {
    const draft = broadcast({ status: 'draft', sentAt: null, plan: null, revision: 2, sendAt: '2026-11-27T07:30:00.000Z' });
    it('schedules at the chosen time, or sends now', () => {
      assert.deepEqual(decideConfirm(draft, secretary, { revision: 2, when: 'scheduled' }, NOW), { kind: 'schedule', at: new Date('2026-11-27T07:30:00.000Z') });
      assert.deepEqual(decideConfirm(draft, secretary, { revision: 2, when: 'now' }, NOW), { kind: 'send-now' });
    });
    it('refuses a preview of an older revision as stale, and anyone but the author or the secretariat', () => {
      assert.deepEqual(decideConfirm(draft, secretary, { revision: 1, when: 'now' }, NOW), { kind: 'stale' });
      assert.deepEqual(decideConfirm(draft, gavleMember, { revision: 2, when: 'now' }, NOW), { kind: 'forbidden', reason: 'notYours' });
    });
    it('does not send a broadcast twice', () => {
      assert.deepEqual(decideConfirm(broadcast(), secretary, { revision: 1, when: 'now' }, NOW), { kind: 'already-sent' });
    });
  });

  describe('acknowledging', () => {
    it('records the first acknowledgement of an addressed party, and keeps it', () => {
      assert.deepEqual(decideAck(broadcast(), gavleMember, undefined), { kind: 'record', partyId: 'gavle' });
      assert.deepEqual(decideAck(broadcast(), gavleMember, ack('gavle')), { kind: 'already', ack: ack('gavle') });
    });
    it('refuses parties not addressed, broadcasts without acknowledgement and drafts', () => {
      assert.deepEqual(decideAck(broadcast(), actor('ockelbo', ['member']), undefined), { kind: 'forbidden', reason: 'notAddressed' });
      assert.deepEqual(decideAck(broadcast({ requiresAck: false }), gavleMember, undefined), { kind: 'bad', reason: 'noAckNeeded' });
      assert.deepEqual(decideAck(broadcast({ status: 'draft' }), gavleMember, undefined), { kind: 'bad', reason: 'notSent' });
    });
  });

  describe('reminding', () => {
    it('reminds only the parties without an acknowledgement, and not again within ten minutes', () => {
      assert.deepEqual(decideRemind(broadcast(), secretary, [ack('gavle')], NOW), { kind: 'remind', partyIds: ['hofors'], number: 1 });
      assert.deepEqual(decideRemind(broadcast(), secretary, [ack('gavle'), ack('hofors')], NOW), { kind: 'nobody' });
      const last = new Date(NOW.getTime() - REMINDER_INTERVAL_MS + 1);
      assert.deepEqual(decideRemind(broadcast({ lastReminderAt: last.toISOString(), reminders: 1 }), secretary, [], NOW), { kind: 'too-soon', last });
    });
  });
});
