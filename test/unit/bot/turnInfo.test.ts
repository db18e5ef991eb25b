import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { turnInfoOf } from '../../../src/bot/turnInfo';
import { ManualClock } from '../../../src/clock';
import type { DirectoryRepo } from '../../../src/directory/directoryRepo';
import { actorPseudonym, createLogger } from '../../../src/log';
import { cardAction, type TestUser } from '../../support/activities';

const ANNA: TestUser = { aadObjectId: 'aad-anna-0001', name: 'Anna Andersson' };

describe('the turn logger', () => {
  it('names the verb, the acting person by pseudonym and the reference on every line a handler writes', async () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    const activity = cardAction(ANNA, { serviceUrl: 'http://127.0.0.1:1/' }, 'meeting.rsvp', { meetingId: 'm-1' }) as Partial<Activity>;
    const sources = { directory: {} as DirectoryRepo, clock: new ManualClock('2026-10-01T08:00:00Z'), defaultLocale: 'sv' as const, log };
    const turn = await turnInfoOf(activity, sources, { verb: 'meeting.rsvp' }, null);
    assert.ok(turn);
    turn.log.info({ meetingId: 'm-1' }, 'meeting answer recorded');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.deepEqual(
      { verb: line.verb, actor: line.actor, reference: line.reference, meetingId: line.meetingId },
      { verb: 'meeting.rsvp', actor: actorPseudonym(ANNA.aadObjectId), reference: turn.reference, meetingId: 'm-1' },
    );
    assert.match(turn.reference, /^[0-9a-f]{8}$/);
    assert.ok(!lines[0]!.includes(ANNA.aadObjectId), 'the AAD object id itself is not on the line');
  });
});
