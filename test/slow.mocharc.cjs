'use strict';
// `npm run test:slow`: only the tests tagged @slow (see test/quick.mocharc.cjs).
module.exports = {
  ...require('./quick.mocharc.cjs'),
  invert: false,
  // One file at a time: these start processes, kill them and measure rate limits over real time.
  parallel: false,
  // A start of the bot takes seconds, and a restart test starts it twice: room for a busy machine.
  timeout: 120000,
};
