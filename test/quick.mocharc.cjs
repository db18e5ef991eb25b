'use strict';
// `npm test`: the unit and integration tests except those tagged @slow, which `npm run test:slow`
// runs (test/slow.mocharc.cjs); CI runs both. A test or describe block is slow when its title
// carries @slow: processes killed and restarted, soak and load runs, large generated-input runs,
// anything that takes seconds. The tag is in the title, so it moves with the test to any file.
//
// Both build on .mocharc.json, which names no files: `npx mocha test/some/file.test.ts` runs that
// file alone, slow tests included.
module.exports = {
  ...require('../.mocharc.json'),
  spec: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
  grep: '@slow',
  invert: true,
  // Two workers, one file each at a time: much of a file's time is waiting (HTTP round trips, the
  // embedded store's fsync), so the two cores stay busy. Each worker is its own process.
  parallel: true,
  jobs: 2,
};
