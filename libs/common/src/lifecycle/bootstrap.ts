import { type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ConfigError } from '../config/load-config';
import { createHttpAdapter } from './fastify-adapter';

export interface ListenOptions {
  port: number;
  host?: string;
}

/**
 * Creates a service's Nest application on Fastify with pino as its logger and shutdown
 * hooks on SIGTERM/SIGINT, and starts listening. The HTTP side of a service only serves
 * health and metrics; its real work arrives over NATS.
 */
export async function startHttpApplication(
  module: Type | DynamicModule,
  options: ListenOptions,
  configure?: (app: NestFastifyApplication) => void | Promise<void>,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, createHttpAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await configure?.(app);
  await app.listen(options.port, options.host ?? '0.0.0.0');
  return app;
}

/**
 * Runs a process's entry point: a bad environment prints every problem and exits 1
 * (no stack trace to dig through); any other start failure is logged and exits 1.
 */
export function runMain(main: () => Promise<INestApplication | void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}
