import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { decideTenant } from '../../../src/bot/tenants';

const OURS = '72f988bf-0000-4000-8000-00000000beef';
const FOREIGN = '0badc0de-0000-4000-8000-000000000bad';

function activity(fields: { channelData?: unknown; conversation?: unknown; from?: unknown; recipient?: unknown }): Partial<Activity> {
  return {
    channelData: fields.channelData,
    conversation: (fields.conversation ?? { id: 'a:1' }) as Activity['conversation'],
    from: (fields.from ?? { id: '29:x' }) as Activity['from'],
    recipient: (fields.recipient ?? { id: '28:bot' }) as Activity['recipient'],
  };
}

describe('tenant fields of an activity', () => {
  it('accepts an activity whose every tenant field names the allowed tenant', () => {
    const a = activity({ channelData: { tenant: { id: OURS } }, conversation: { id: 'a:1', tenantId: OURS }, from: { id: '29:x', tenantId: OURS } });
    assert.deepEqual(decideTenant(a, [OURS]), { kind: 'accepted', tenant: OURS });
  });

  it('accepts one tenant field alone, and compares tenant ids without case', () => {
    assert.equal(decideTenant(activity({ conversation: { id: 'a:1', tenantId: OURS.toUpperCase() } }), [OURS]).kind, 'accepted');
    assert.equal(decideTenant(activity({ channelData: { tenant: { id: OURS } } }), [OURS.toUpperCase()]).kind, 'accepted');
  });

  it('refuses an allowed channelData tenant beside a foreign conversation tenant, and every other mix', () => {
    const mixes = [
      activity({ channelData: { tenant: { id: OURS } }, conversation: { id: 'a:1', tenantId: FOREIGN } }),
      activity({ channelData: { tenant: { id: FOREIGN } }, conversation: { id: 'a:1', tenantId: OURS } }),
      activity({ channelData: { tenant: { id: OURS } }, conversation: { id: 'a:1', tenantId: OURS }, from: { id: '29:x', tenantId: FOREIGN } }),
      activity({ channelData: { tenant: { id: OURS } }, recipient: { id: '28:bot', tenantId: FOREIGN } }),
    ];
    for (const a of mixes) {
      const decision = decideTenant(a, [OURS]);
      assert.equal(decision.kind === 'refused' && decision.reason, 'disagree', JSON.stringify(a));
    }
  });

  it('refuses the mix even when every tenant is allowed, and without an allow-list', () => {
    const a = activity({ channelData: { tenant: { id: OURS } }, conversation: { id: 'a:1', tenantId: FOREIGN } });
    assert.equal(decideTenant(a, [OURS, FOREIGN]).kind, 'refused');
    assert.equal(decideTenant(a, []).kind, 'refused');
  });

  it('refuses a tenant field that is not a tenant id: a number, an object, empty text', () => {
    for (const id of [42, { id: OURS }, '', '   ', 'x'.repeat(200)]) {
      const decision = decideTenant(activity({ channelData: { tenant: { id } }, conversation: { id: 'a:1', tenantId: OURS } }), [OURS]);
      assert.equal(decision.kind === 'refused' && decision.reason, 'malformed', JSON.stringify(id));
    }
  });

  it('refuses a foreign tenant and an activity naming none when there is an allow-list; accepts anything agreeing without one', () => {
    assert.equal(decideTenant(activity({ conversation: { id: 'a:1', tenantId: FOREIGN } }), [OURS]).kind, 'refused');
    assert.equal(decideTenant(activity({}), [OURS]).kind, 'refused');
    assert.deepEqual(decideTenant(activity({}), []), { kind: 'accepted', tenant: null });
    assert.equal(decideTenant(activity({ conversation: { id: 'a:1', tenantId: FOREIGN } }), []).kind, 'accepted');
  });
});
