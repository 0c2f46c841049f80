// @ts-check
/**
 * Prints, after jest's own summary, one line per reason suites were skipped (for example
 * "no MongoDB reachable"), with how many suites it skipped. The suites record their skip
 * in a file named by the run id (test workers are separate processes).
 */
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { skipLogPath } = require('./skip-log-path');

class SkipReasonsReporter {
  onRunComplete() {
    const path = skipLogPath();
    if (!existsSync(path)) return;
    /** @type {Map<string, number>} */
    const counts = new Map();
    for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean)) {
      counts.set(line, (counts.get(line) ?? 0) + 1);
    }
    rmSync(path, { force: true });
    for (const [reason, count] of counts) {
      process.stdout.write(`Skipped suites: ${count} — ${reason}\n`);
    }
  }
}

module.exports = SkipReasonsReporter;
