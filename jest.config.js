/**
 * One jest run for the whole monorepo.
 * - unit: `*.spec.ts` beside the code, no servers needed.
 * - integration: `*.int-spec.ts` under libs/<lib>/test and apps/<svc>/test, real servers.
 * - e2e: `*.e2e-spec.ts` under apps/<svc>/test and test/, through the HTTP gateway.
 * swc compiles with decorator metadata (esbuild/tsx would silently drop it, breaking Nest DI).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      // Rewrites @platform/* imports at compile time, so jest's global setup (which does not
      // use moduleNameMapper) resolves them too.
      baseUrl: __dirname,
      paths: { '@platform/*': ['libs/*/src/index.ts'] },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@platform/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  testEnvironment: 'node',
  rootDir: __dirname,
};

module.exports = {
  transform: shared.transform,
  moduleNameMapper: shared.moduleNameMapper,
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  reporters: ['default', '<rootDir>/libs/testing/src/jest/skip-reasons-reporter.js'],
  maxWorkers: process.env.JEST_MAX_WORKERS ?? '50%',
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      setupFiles: ['<rootDir>/libs/testing/src/jest/setup-file.ts'],
      testMatch: ['<rootDir>/{apps,libs}/**/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{apps,libs}/*/test/**/*.int-spec.ts',
        '<rootDir>/{apps,libs}/*/test/**/*.e2e-spec.ts',
        '<rootDir>/test/**/*.e2e-spec.ts',
      ],
      setupFiles: ['<rootDir>/libs/testing/src/jest/setup-file.ts'],
    },
  ],
};
