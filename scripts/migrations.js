#!/usr/bin/env node
// @ts-check
/**
 * Migrations of one service, through the TypeORM CLI and the service's data source
 * (so the CLI names constraints exactly as the running service does):
 *
 *   npm run migration -- <service> generate <Name>   diff entities against the database
 *   npm run migration -- <service> run | revert | show
 *
 * `generate` builds, creates the database if missing, applies pending migrations, writes
 * apps/<service>/src/migrations/<timestamp>-<Name>.ts and registers it in database.ts.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Client } = require('pg');

const root = join(__dirname, '..');
const [service, command, name] = process.argv.slice(2);

function fail(message) {
  console.error(message);
  process.exit(2);
}

if (!service || !command) fail('usage: npm run migration -- <service> generate <Name> | run | revert | show');
const appDir = join(root, 'apps', service, 'src');
if (!existsSync(join(appDir, 'data-source.ts'))) fail(`apps/${service}/src/data-source.ts not found`);

function databaseUrl() {
  const own = process.env[`${service.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  const url = new URL(process.env.POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432');
  url.pathname = `/${service}_db`;
  return url.toString();
}

async function ensureDatabase() {
  const url = new URL(databaseUrl());
  const database = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

function typeorm(...args) {
  const dataSource = join(root, 'dist', 'apps', service, 'src', 'data-source.js');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typeorm', 'cli.js'), ...args, '-d', dataSource],
    {
      stdio: 'inherit',
      cwd: root,
    },
  );
}

function register(fileBase) {
  const className = readFileSync(join(appDir, 'migrations', `${fileBase}.ts`), 'utf8').match(
    /export class (\w+)/,
  )?.[1];
  if (!className) fail(`Could not read the class name of ${fileBase}.ts`);
  const databaseFile = join(appDir, 'database.ts');
  let source = readFileSync(databaseFile, 'utf8');
  source = source.replace(/(_MIGRATIONS = \[)([\s\S]*?)(\];)/, (_all, open, body, close) => {
    const items = body.trim().replace(/,$/, '');
    return `${open}${items ? `${items}, ` : ''}${className}${close}`;
  });
  const lastImport = [...source.matchAll(/^import .*;$/gm)].pop();
  const importLine = `import { ${className} } from './migrations/${fileBase}';`;
  const at = lastImport ? (lastImport.index ?? 0) + lastImport[0].length : 0;
  source = `${source.slice(0, at)}\n${importLine}${source.slice(at)}`;
  writeFileSync(databaseFile, source);
  execFileSync(join(root, 'node_modules', '.bin', 'prettier'), ['--write', databaseFile], {
    stdio: 'ignore',
  });
  console.log(`Registered ${className} in apps/${service}/src/database.ts`);
}

async function main() {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', cwd: root });
  await ensureDatabase();
  switch (command) {
    case 'run':
      return typeorm('migration:run');
    case 'revert':
      return typeorm('migration:revert');
    case 'show':
      return typeorm('migration:show');
    case 'generate': {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) fail('generate needs a PascalCase name, e.g. AddUsers');
      typeorm('migration:run');
      const before = new Set(readdirSync(join(appDir, 'migrations')));
      typeorm('migration:generate', join('apps', service, 'src', 'migrations', name), '--pretty');
      const created = readdirSync(join(appDir, 'migrations')).find((file) => !before.has(file));
      if (!created) return;
      execFileSync(
        join(root, 'node_modules', '.bin', 'prettier'),
        ['--write', join(appDir, 'migrations', created)],
        {
          stdio: 'ignore',
        },
      );
      return register(created.replace(/\.ts$/, ''));
    }
    default:
      fail(`unknown command "${command}"`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
