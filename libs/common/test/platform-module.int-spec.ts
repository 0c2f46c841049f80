import { Controller, Get, Logger, Module, Post, Body } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { PlatformModule, ReadinessRegistry, RequestContext, createHttpAdapter } from '@platform/common';
import { DatabaseModule } from '@platform/database';
import { type TestDatabase, createTestDatabase } from '@platform/testing';

@Controller('probe')
class ProbeController {
  private readonly logger = new Logger('Probe');

  @Post('echo')
  echo(@Body() body: { password: string; note: string }): { ok: true } {
    RequestContext.run({ correlationId: 'corr-inside', userId: 'user-1', roles: [] }, () =>
      this.logger.log({ msg: 'handling', body }),
    );
    return { ok: true };
  }

  @Get('slow')
  async slow(): Promise<{ done: true }> {
    await sleep(400);
    return { done: true };
  }
}

let database: TestDatabase;
const logLines: string[] = [];

async function start(): Promise<NestFastifyApplication> {
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => logLines.push(...chunk.toString().split('\n').filter(Boolean)));
  @Module({
    imports: [
      PlatformModule.forRoot({ service: 'probe', logLevel: 'info', logDestination: destination }),
      DatabaseModule.forRoot({ service: 'probe', url: database.url, entities: [], runMigrations: true }),
    ],
    controllers: [ProbeController],
  })
  class ProbeModule {}
  const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter());
  app.useLogger(app.get(PinoLogger));
  await app.listen(0, '127.0.0.1');
  return app;
}

const base = (app: NestFastifyApplication): string => {
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
};

beforeAll(async () => {
  database = await createTestDatabase('platform_module');
});
afterAll(() => database.drop());

describe('PlatformModule', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await start();
  });
  afterAll(() => app.close());

  it('answers liveness and readiness with each dependency', async () => {
    expect((await fetch(`${base(app)}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base(app)}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', details: { postgres: { status: 'up' } } });
  });

  it('is not ready while a dependency fails, and says which', async () => {
    app.get(ReadinessRegistry).register({
      name: 'flaky',
      check: () => Promise.reject(new Error('connection refused')),
    });
    const ready = await fetch(`${base(app)}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'error',
      error: { flaky: { status: 'down', message: 'connection refused' } },
    });
    app.get(ReadinessRegistry).register({ name: 'flaky', check: () => Promise.resolve() });
  });

  it('stays ready while a non-critical dependency fails, and reports it as degraded', async () => {
    app.get(ReadinessRegistry).register({
      name: 'optional-cache',
      critical: false,
      check: () => Promise.reject(new Error('connection refused')),
    });
    const ready = await fetch(`${base(app)}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      details: { 'optional-cache': { status: 'up', degraded: true, message: 'connection refused' } },
    });
    app
      .get(ReadinessRegistry)
      .register({ name: 'optional-cache', critical: false, check: () => Promise.resolve() });
  });

  it('exposes Prometheus metrics labelled with the service', async () => {
    const response = await fetch(`${base(app)}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toMatch(/process_cpu_user_seconds_total\{service="probe"\}/);
  });

  it('writes JSON logs with the correlation id and without secrets', async () => {
    await fetch(`${base(app)}/probe/echo`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-correlation-id': 'corr-123',
        authorization: 'Bearer abc.def',
      },
      body: JSON.stringify({ password: 'hunter2', note: 'visible' }),
    });
    await sleep(50);
    const parsed = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const handling = parsed.find((l) => l.msg === 'handling');
    expect(handling).toMatchObject({ service: 'probe', correlationId: 'corr-inside', userId: 'user-1' });
    expect(JSON.stringify(handling)).toContain('visible');
    const requestLine = parsed.find((l) => (l.req as { id?: string } | undefined)?.id === 'corr-123');
    expect(requestLine).toBeDefined();
    expect(logLines.join('\n')).not.toContain('hunter2');
    expect(logLines.join('\n')).not.toContain('abc.def');
    // Probes every few seconds would drown the useful lines.
    expect(parsed.some((l) => (l.req as { url?: string } | undefined)?.url?.startsWith('/health'))).toBe(
      false,
    );
  });
});

describe('graceful shutdown', () => {
  it('finishes a request in flight, then closes the database pool', async () => {
    const app = await start();
    const dataSource = app.get(DataSource);
    await (await fetch(`${base(app)}/health/live`)).text(); // leaves an idle keep-alive connection
    const inFlight = fetch(`${base(app)}/probe/slow`);
    await sleep(100);
    const closing = app.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    expect(response.headers.get('connection')).toBe('close');
    await closing;
    expect(dataSource.isInitialized).toBe(false);
  });
});
