import { appendFileSync } from 'node:fs';
import { testServers } from '../infrastructure/servers';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared with the CommonJS reporter
const { skipLogPath } = require('../jest/skip-log-path') as { skipLogPath: () => string };

/**
 * `describe` for suites that need MongoDB. Where none is reachable the suite is skipped
 * (jest counts its tests as skipped) and the reason is printed once after the summary.
 */
export function describeWithMongo(title: string, body: (mongoUrl: string) => void): void {
  const url = testServers.mongoUrl();
  if (url) {
    describe(title, () => body(url));
    return;
  }
  appendFileSync(skipLogPath(), `MongoDB: ${testServers.mongoMissingReason()}\n`);
  // Skipped on purpose: no MongoDB server here; the reason is printed after the summary.
  describe.skip(`${title} [skipped: no MongoDB]`, () => body(''));
}
