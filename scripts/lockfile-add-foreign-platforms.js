#!/usr/bin/env node
// @ts-check
/**
 * The npm registry reachable from our machines holds only the Linux builds of packages
 * that ship one native binary per platform (@swc/core-darwin-arm64, …). `npm install`
 * then leaves those optional packages out of package-lock.json, and `npm ci` refuses the
 * lock ("Missing: @swc/core-darwin-arm64@ from lock file"). This adds each missing one
 * as an optional entry restricted to its own os/cpu, exactly as npm records them where
 * the registry has them; npm skips them on Linux and never downloads them.
 * Run after `npm install` changes the lock: `node scripts/lockfile-add-foreign-platforms.js`.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const lockPath = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = [
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'android',
  'openharmony',
  'sunos',
  'netbsd',
  'openbsd',
  'aix',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'mips64el'];

/** @param {string} name */
function platformOf(name) {
  const parts = name.split('/').pop()?.split('-') ?? [];
  const os = OS.find((candidate) => parts.includes(candidate));
  const cpu =
    CPU.find((candidate) => parts.includes(candidate)) ?? (parts.includes('eabi') ? 'arm' : undefined);
  return os && cpu ? { os, cpu } : undefined;
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  const optional = entry.optionalDependencies ?? {};
  for (const [name, range] of Object.entries(optional)) {
    const installedAt = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[installedAt] || packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    const version = String(range).replace(/^[\^~=]/, '');
    packages[`node_modules/${name}`] = {
      version,
      dev: entry.dev,
      optional: true,
      os: [platform.os],
      cpu: [platform.cpu],
    };
    added += 1;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} foreign-platform optional entries`);
