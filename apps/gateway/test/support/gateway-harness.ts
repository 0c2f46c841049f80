import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { deleteRedisKeys, testServers, uniqueTestToken } from '@platform/testing';
import { PassThrough } from 'node:stream';
import { loadGatewayConfig } from '../../src/config';
import { createGatewayApp } from '../../src/gateway-app';
import { type IdentityDouble, startIdentityDouble } from './identity-double';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read response bodies freely
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (malformed JSON, other content types). */
  rawBody?: string;
  headers?: Record<string, string>;
  token?: string;
}

export interface GatewayUnderTest {
  app: NestFastifyApplication;
  baseUrl: string;
  /** Lines the gateway logged (JSON), when started with `captureLogs`. */
  logLines: string[];
  request(method: string, path: string, options?: RequestOptions): Promise<HttpResult>;
  close(): Promise<void>;
}

export interface StartGatewayOptions {
  subjectPrefix: string;
  env?: Record<string, string>;
  captureLogs?: boolean;
}

/** The real gateway (createGatewayApp, as main.ts runs it) on port 0, against the test servers. */
export async function startGateway(options: StartGatewayOptions): Promise<GatewayUnderTest> {
  const keyPrefix = `test:${uniqueTestToken('gw')}:`;
  const config = loadGatewayConfig({
    NATS_URL: testServers.natsUrl(),
    REDIS_URL: testServers.redisUrl(),
    LOG_LEVEL: options.captureLogs ? 'info' : 'silent',
    RATE_LIMIT_KEY_PREFIX: keyPrefix,
    SERVICE_TIMEOUT_MS: '2000',
    ...options.env,
  });
  const logLines: string[] = [];
  const logDestination = options.captureLogs ? new PassThrough() : undefined;
  logDestination?.on('data', (chunk: Buffer) =>
    logLines.push(...chunk.toString().split('\n').filter(Boolean)),
  );
  const app = await createGatewayApp(config, { subjectPrefix: options.subjectPrefix, logDestination });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('gateway is not listening');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const request = async (method: string, path: string, opts: RequestOptions = {}): Promise<HttpResult> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };

  return {
    app,
    baseUrl,
    logLines,
    request,
    close: async () => {
      await app.close();
      await deleteRedisKeys(testServers.redisUrl(), keyPrefix);
    },
  };
}

export interface GatewayWithIdentity {
  gateway: GatewayUnderTest;
  identity: IdentityDouble;
  close(): Promise<void>;
}

/** A gateway and the identity double on one fresh subject prefix. */
export async function startGatewayWithIdentity(
  label: string,
  options: Omit<StartGatewayOptions, 'subjectPrefix'> = {},
): Promise<GatewayWithIdentity> {
  const subjectPrefix = `${uniqueTestToken(label)}.`;
  const identity = await startIdentityDouble(testServers.natsUrl(), subjectPrefix);
  const gateway = await startGateway({ ...options, subjectPrefix });
  return {
    gateway,
    identity,
    close: async () => {
      await gateway.close();
      await identity.close();
    },
  };
}
