// @ts-check
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** Where suites of this jest run append their skip reasons (TEST_RUN_ID is set by global setup). */
function skipLogPath() {
  return join(tmpdir(), `jest-skips-${process.env.TEST_RUN_ID ?? 'local'}.log`);
}

module.exports = { skipLogPath };
