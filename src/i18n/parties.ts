import { defineStrings } from './catalog';

/** The eleven parties counted, anyone beside them named apart (src/common/partyCounts.ts). */
export const parties = defineStrings(
  {
    eleven: '{n, plural, one {# part} other {# parter}}',
    ofEleven: '{done, number} av {n, plural, one {# part} other {# parter}}',
    apart: '{name}: {state}',
    and: 'och',
  },
  {
    eleven: '{n, plural, one {# party} other {# parties}}',
    ofEleven: '{done, number} of {n, plural, one {# party} other {# parties}}',
    apart: '{name}: {state}',
    and: 'and',
  },
);
