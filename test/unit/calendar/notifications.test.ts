import assert from 'node:assert/strict';
import { parseNotifications } from '../../../src/calendar/notifications';

describe("Graph's notification bodies", () => {
  it('reads change notifications (the event id from resourceData or the resource) and lifecycle notifications', () => {
    const parsed = parseNotifications({
      value: [
        { subscriptionId: 's1', clientState: 'c', changeType: 'updated', resource: 'Users/u/Events/AAMk1=', resourceData: { id: 'AAMk1=', '@odata.type': '#Microsoft.Graph.Event' } },
        { subscriptionId: 's1', clientState: 'c', changeType: 'deleted', resource: 'Users/u/Events/AAMk2=' },
        { subscriptionId: 's1', clientState: 'c', lifecycleEvent: 'missed', resource: 'users/u/events' },
        { subscriptionId: 's1', changeType: 'renamed', resource: 'x' },
      ],
    });
    assert.deepEqual(parsed, [
      { kind: 'change', subscriptionId: 's1', clientState: 'c', changeType: 'updated', eventId: 'AAMk1=' },
      { kind: 'change', subscriptionId: 's1', clientState: 'c', changeType: 'deleted', eventId: 'AAMk2=' },
      { kind: 'lifecycle', subscriptionId: 's1', clientState: 'c', lifecycleEvent: 'missed' },
    ]);
  });

  it('refuses what is not a notification collection', () => {
    for (const body of [undefined, null, 'text', {}, { value: [] }, { value: 'x' }, { value: Array.from({ length: 1_001 }, () => ({})) }]) {
      assert.equal(parseNotifications(body), undefined, JSON.stringify(body)?.slice(0, 40));
    }
  });
});
