#!/usr/bin/env node
// @ts-check
/**
 * `node scripts/platform.js check` — is the infrastructure reachable?
 * `node scripts/platform.js start` — check, then run every built service and the gateway
 * as child processes with prefixed output; Ctrl-C stops them all gracefully.
 * Plain JavaScript on purpose: it must run before anything is built.
 */
const { spawn } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const { Socket } = require('node:net');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** The HTTP port of each service (ARCHITECTURE.md); unknown apps get 3100+. */
const PORTS = {
  gateway: 3000,
  identity: 3001,
  course: 3002,
  commerce: 3003,
  social: 3004,
  chat: 3005,
  analytics: 3006,
};

const SERVERS = [
  { name: 'PostgreSQL', env: 'POSTGRES_URL', url: 'postgres://postgres@127.0.0.1:5432', required: true },
  { name: 'Redis', env: 'REDIS_URL', url: 'redis://127.0.0.1:6379', required: true },
  { name: 'NATS (JetStream)', env: 'NATS_URL', url: 'nats://127.0.0.1:4222', required: true },
  { name: 'MongoDB', env: 'MONGO_URL', url: 'mongodb://127.0.0.1:27017', required: false },
];

const DEFAULT_PORTS = {
  'postgres:': 5432,
  'postgresql:': 5432,
  'redis:': 6379,
  'nats:': 4222,
  'mongodb:': 27017,
};

/** @param {string} url */
function reachable(url) {
  const parsed = new URL(url);
  const port = Number(
    parsed.port || DEFAULT_PORTS[/** @type {keyof typeof DEFAULT_PORTS} */ (parsed.protocol)],
  );
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(800);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, parsed.hostname);
  });
}

async function check() {
  let missingRequired = false;
  console.log('Infrastructure:');
  for (const server of SERVERS) {
    const url = process.env[server.env] || server.url;
    const ok = await reachable(url);
    if (!ok && server.required) missingRequired = true;
    const state = ok ? 'ok     ' : server.required ? 'MISSING' : 'absent ';
    const note = ok ? '' : server.required ? ' (required)' : ' (optional: the social service needs it)';
    console.log(`  ${state} ${server.name.padEnd(17)} ${new URL(url).host}${note}`);
  }
  if (missingRequired) {
    console.log('\nStart the missing servers (`docker compose up -d` does all of them), or point');
    console.log('POSTGRES_URL / REDIS_URL / NATS_URL at yours. See README.md.');
  }
  return !missingRequired;
}

function builtApps() {
  const appsDir = join(root, 'dist', 'apps');
  if (!existsSync(appsDir)) return [];
  return (
    readdirSync(appsDir)
      .filter((name) => existsSync(join(appsDir, name, 'src', 'main.js')))
      // Services first, the gateway last: it reports their reachability at readiness.
      .sort((a, b) => Number(a === 'gateway') - Number(b === 'gateway') || a.localeCompare(b))
  );
}

/**
 * What one service needs to know about the others on this machine, unless the environment
 * says otherwise: commerce's built-in test payment processor posts its webhooks to the local
 * gateway, as a real processor posts to the public API.
 * @param {string} app
 * @param {string} gatewayUrl
 * @returns {Record<string, string>}
 */
function localWiring(app, gatewayUrl) {
  if (app !== 'commerce' || process.env.TEST_PAYMENT_PROCESSOR_WEBHOOK_URL) return {};
  return { TEST_PAYMENT_PROCESSOR_WEBHOOK_URL: `${gatewayUrl}/api/v1/webhooks/payments/test` };
}

async function start() {
  if (!(await check())) process.exit(1);
  const apps = builtApps();
  if (apps.length === 0) {
    console.log('\nNo services are built yet (dist/apps/*/src/main.js). Run `npm run build` first.');
    return;
  }
  console.log(`\nStarting: ${apps.join(', ')}\n`);
  let nextPort = 3100;
  // Shifts every port, so a second copy of the platform can run beside the first.
  const offset = Number(process.env.PLATFORM_PORT_OFFSET ?? 0);
  const gatewayUrl = `http://127.0.0.1:${PORTS.gateway + offset}`;
  const children = apps.map((app) => {
    const port = (PORTS[/** @type {keyof typeof PORTS} */ (app)] ?? nextPort++) + offset;
    const child = spawn(process.execPath, [join(root, 'dist', 'apps', app, 'src', 'main.js')], {
      env: { ...process.env, ...localWiring(app, gatewayUrl), PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `${app.padEnd(9)}|`;
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream.on('data', (chunk) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) process.stdout.write(`${prefix} ${line}\n`);
      });
    }
    child.on('exit', (code, signal) => {
      process.stdout.write(`${prefix} exited (${signal ?? code})\n`);
      if (!stopping && code !== 0) stopAll(1);
    });
    return child;
  });

  let stopping = false;
  /** @param {number} code */
  function stopAll(code) {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    let remaining = children.filter((c) => c.exitCode === null).length;
    if (remaining === 0) process.exit(code);
    for (const child of children) {
      child.once('exit', () => {
        remaining -= 1;
        if (remaining === 0) process.exit(code);
      });
    }
  }
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
}

const command = process.argv[2] ?? 'start';
if (command === 'check') {
  check().then((ok) => process.exit(ok ? 0 : 1));
} else if (command === 'start') {
  void start();
} else {
  console.error('usage: node scripts/platform.js check|start');
  process.exit(2);
}
