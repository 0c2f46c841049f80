// @ts-check
/**
 * `node -r ./libs/testing/src/process/register-typescript.js some-file.ts` runs TypeScript
 * the way jest does: compiled by swc with the transform options of jest.config.js
 * (decorators, decorator metadata, `@platform/*` paths). tsx/esbuild would drop decorator
 * metadata and silently break Nest injection, hence this hook.
 */
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..', '..', '../..');
const jestConfig = require(join(root, 'jest.config.js'));
const transform = jestConfig.transform['^.+\\.ts$'];
const swcOptions = transform[1];

process.setSourceMapsEnabled(true);
require('reflect-metadata');

// swc rewrites `import … from '@platform/x'`; this maps what it cannot see (require(),
// dynamic import() of a variable), like jest's moduleNameMapper.
/** @type {{ _resolveFilename(request: string, ...rest: unknown[]): string }} */
const resolver = /** @type {never} */ (Module);
const resolveFilename = resolver._resolveFilename;
resolver._resolveFilename = function resolvePlatformPaths(request, ...rest) {
  const platform = /^@platform\/([a-z-]+)$/.exec(request);
  return resolveFilename.call(
    this,
    platform ? join(root, 'libs', platform[1], 'src', 'index.ts') : request,
    ...rest,
  );
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    ...swcOptions,
    filename,
    sourceMaps: 'inline',
    swcrc: false,
    configFile: false,
  });
  /** @type {{ _compile(code: string, filename: string): void }} */ (
    /** @type {unknown} */ (module)
  )._compile(code, filename);
};
