'use strict';
// `npm run test:slow`: only the tests tagged @slow (see test/quick.mocharc.cjs).
module.exports = {
  ...require('./quick.mocharc.cjs'),
  invert: false,
};
