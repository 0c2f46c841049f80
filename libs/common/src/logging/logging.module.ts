import { type DynamicModule, Module } from '@nestjs/common';
import { type IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { type Params } from 'nestjs-pino';
import { type Options } from 'pino-http';
import { RequestContext } from '../context/request-context';
import { newId } from '../ids/ids';
import { REDACTED_PATHS } from './redaction';

export interface LoggingOptions {
  service: string;
  level: string;
  /** Paths whose requests are not logged (health probes every few seconds would drown the rest). */
  quietPaths?: readonly string[];
  /** Where lines go; stdout unless given (tests capture them). */
  destination?: NodeJS.WritableStream;
}

export const CORRELATION_HEADER = 'x-correlation-id';

/** Accepts a caller's correlation id only when it is short and printable, else starts a new one. */
export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : newId();
}

function pathOf(req: IncomingMessage & { originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '';
}

export function pinoParams(options: LoggingOptions): Params {
  const quiet = new Set(options.quietPaths ?? ['/health/live', '/health/ready', '/metrics']);
  const pinoOptions: Options = {
    level: options.level,
    base: { service: options.service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Every line written inside a request, a NATS call or an event handler carries its ids.
    mixin: () => {
      const ctx = RequestContext.current();
      return ctx ? { correlationId: ctx.correlationId, userId: ctx.userId } : {};
    },
    genReqId: (req: IncomingMessage) => correlationIdFrom(req.headers[CORRELATION_HEADER]),
    // Under Fastify the middleware sees req.url relative to its mount point; originalUrl is the path.
    autoLogging: { ignore: (req: IncomingMessage & { originalUrl?: string }) => quiet.has(pathOf(req)) },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
    },
  };
  return { pinoHttp: options.destination ? [pinoOptions, options.destination] : pinoOptions };
}

/** Structured JSON logs through pino, for Nest's own Logger as well as injected PinoLogger. */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot(pinoParams(options))],
      exports: [LoggerModule],
    };
  }
}
