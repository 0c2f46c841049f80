import 'reflect-metadata';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { runMain } from '@platform/common';
import { PASSWORD_MAX } from '@platform/contracts';
import { parseArgs } from 'node:util';
import { AdminBootstrap } from '../admin/admin-bootstrap';
import { loadIdentityConfig } from '../config';
import { identityFeatureImports } from '../identity.module';
import { SigningKeysService } from '../signing-keys/signing-keys.service';

const USAGE = `Identity operator commands (run after npm run build; same environment as the service):

  node dist/apps/identity/src/cli/identity-cli.js create-admin --email <email> [--name <name>] [--promote]
      Creates an admin account (email verified). The password comes from IDENTITY_ADMIN_PASSWORD
      or standard input (never a command-line argument, which other users can see in ps).
      --promote grants admin to an existing account with that email instead.

  node dist/apps/identity/src/cli/identity-cli.js rotate-signing-key [--immediate] [--withdraw-previous]
      Creates the next access-token signing key. By default it is published now and signs after
      SIGNING_KEY_PUBLISH_AHEAD_SECONDS; --immediate signs with it at once. --withdraw-previous
      also drops the previous keys from the JWKS at once (a compromised key): their tokens stop
      verifying and users refresh.`;

async function readPassword(): Promise<string> {
  if (process.env.IDENTITY_ADMIN_PASSWORD) return process.env.IDENTITY_ADMIN_PASSWORD;
  if (process.stdin.isTTY)
    throw new Error('Set IDENTITY_ADMIN_PASSWORD or pipe the password on standard input');
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return input.replace(/\r?\n$/, '');
}

async function withContext<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadIdentityConfig();
  @Module({ imports: identityFeatureImports(config) })
  class IdentityCliModule {}
  const app = await NestFactory.createApplicationContext(IdentityCliModule, { logger: ['error', 'warn'] });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function createAdmin(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, promote: { type: 'boolean' } },
  });
  if (!values.email) throw new Error(`--email is required\n\n${USAGE}`);
  const password = await readPassword();
  if (password.length < 12 || password.length > PASSWORD_MAX) {
    throw new Error(`The admin password must be 12 to ${PASSWORD_MAX} characters`);
  }
  const email = values.email;
  const outcome = await withContext((app) =>
    app
      .get(AdminBootstrap)
      .ensureAdmin({ email, password, name: values.name ?? 'Administrator' }, { promote: values.promote }),
  );
  const messages = {
    created: `Created admin ${email}`,
    already_admin: `${email} is already an admin; nothing changed`,
    promoted: `${email} is now an admin`,
    exists_not_admin: `${email} belongs to an existing account; add --promote to make it admin`,
  };
  process.stdout.write(`${messages[outcome]}\n`);
  if (outcome === 'exists_not_admin') process.exitCode = 3;
}

async function rotateSigningKey(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { immediate: { type: 'boolean' }, 'withdraw-previous': { type: 'boolean' } },
  });
  const kid = await withContext((app) =>
    app
      .get(SigningKeysService)
      .rotate({ immediate: values.immediate, withdrawPrevious: values['withdraw-previous'] }),
  );
  process.stdout.write(`Created signing key ${kid}\n`);
}

runMain(async () => {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'create-admin') return createAdmin(args);
  if (command === 'rotate-signing-key') return rotateSigningKey(args);
  process.stdout.write(`${USAGE}\n`);
  if (command !== undefined && command !== 'help' && command !== '--help') process.exitCode = 2;
});
