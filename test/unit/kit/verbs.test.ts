import assert from 'node:assert/strict';
import { z } from 'zod';
import { defineVerbs, mergeVerbMaps, verb } from '../../../src/kit/verbs';

const reply = () => Promise.resolve({ text: 'ok' });

describe('verb maps', () => {
  it('merges the maps of several features into one', () => {
    const meetings = defineVerbs({ 'meeting.rsvp': verb(z.object({ meetingId: z.string() }), reply) });
    const cases = defineVerbs({ 'case.submit': verb(z.object({}), reply), 'case.view': verb(z.object({}), reply) });
    assert.deepEqual(Object.keys(mergeVerbMaps(meetings, cases)).sort(), ['case.submit', 'case.view', 'meeting.rsvp']);
  });

  it('refuses a verb that two maps declare, naming it', () => {
    const one = defineVerbs({ 'meeting.rsvp': verb(z.object({}), reply) });
    const other = defineVerbs({ 'meeting.rsvp': verb(z.object({}), reply) });
    assert.throws(() => mergeVerbMaps(one, other), /verb meeting\.rsvp is declared twice/);
  });
});
