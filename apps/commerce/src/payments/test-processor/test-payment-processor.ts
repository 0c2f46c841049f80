import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { signWebhook } from '../webhook-signature';
import { type ProcessorEvent, ProcessorLedger, type ProcessorReply } from './processor-ledger';

export interface TestProcessorOptions {
  apiKey: string;
  webhookSecret: string;
  /** Where signed webhooks are POSTed (the gateway's webhook route); none = events are only listed. */
  webhookUrl?: string;
}

export type ProcessorOperation = 'authorize' | 'capture' | 'refund';
/** `before`: an outage, nothing happens (503). `after`: it happens but the answer is lost (500). */
export type FaultMode = 'before' | 'after';

const MAX_BODY = 64 * 1024;
const WEBHOOK_ATTEMPTS = 4;

/**
 * A payment processor for development and tests, spoken to over real HTTP like the real
 * thing: bearer API key, Idempotency-Key on creating requests (same key and body → the
 * stored answer), authorize then capture, refunds, a lookup by our reference, and signed
 * webhooks delivered (with retries, so possibly more than once) to `webhookUrl`. Faults can
 * be injected to test what commerce does with outages and lost answers.
 */
export class TestPaymentProcessor {
  readonly ledger = new ProcessorLedger((event) => this.deliver(event));
  webhookUrl?: string;
  webhookDeliveries = 0;
  private server?: Server;
  private stopped = false;
  private readonly stored = new Map<string, { fingerprint: string; reply: ProcessorReply }>();
  private readonly faults: { operation: ProcessorOperation; mode: FaultMode }[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: TestProcessorOptions) {
    this.webhookUrl = options.webhookUrl;
  }

  /** Loopback unless told otherwise: only a container of its own listens on every interface. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(port, host, resolve));
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('The test payment processor is not running');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.inFlight]);
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets of idle clients would hold close() for their whole timeout.
      server.closeIdleConnections();
    });
  }

  injectFault(operation: ProcessorOperation, mode: FaultMode, times = 1): void {
    for (let i = 0; i < times; i += 1) this.faults.push({ operation, mode });
  }

  /** Sends an event again, as processors do when they did not see a 2xx in time. */
  redeliver(eventId: string): Promise<void> {
    const event = this.ledger.events.find((candidate) => candidate.id === eventId);
    if (!event) throw new Error(`No event ${eventId}`);
    return this.track(this.post(event));
  }

  /** Waits until every webhook delivery started so far has ended. */
  async settleWebhooks(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let reply: ProcessorReply;
    try {
      reply = await this.route(request);
    } catch {
      reply = { status: 400, body: { error: { type: 'invalid_request_error', code: 'body_invalid' } } };
    }
    response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
  }

  private async route(request: IncomingMessage): Promise<ProcessorReply> {
    if (request.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return { status: 401, body: { error: { type: 'authentication_error', message: 'Invalid API key' } } };
    }
    const url = new URL(request.url ?? '/', 'http://processor');
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : undefined;
    if (request.method === 'GET' && url.pathname === '/v1/authorizations') {
      return this.ledger.findByReference(url.searchParams.get('reference') ?? '');
    }
    if (request.method === 'GET' && url.pathname === '/v1/events') {
      return { status: 200, body: { data: this.ledger.events } };
    }
    if (request.method !== 'POST') return { status: 404, body: { error: { type: 'invalid_request_error' } } };
    const body = await readJson(request);
    if (url.pathname === '/v1/authorizations') {
      return this.execute('authorize', idempotencyKey, body, () => this.ledger.authorize(body));
    }
    const capture = url.pathname.match(/^\/v1\/authorizations\/([\w-]+)\/capture$/);
    if (capture) return this.execute('capture', undefined, body, () => this.ledger.capture(capture[1], body));
    if (url.pathname === '/v1/refunds') {
      return this.execute('refund', idempotencyKey, body, () => this.ledger.refund(body));
    }
    return { status: 404, body: { error: { type: 'invalid_request_error', code: 'no_route' } } };
  }

  private execute(
    operation: ProcessorOperation,
    key: string | undefined,
    body: Record<string, unknown>,
    run: () => ProcessorReply,
  ): ProcessorReply {
    const scope = key === undefined ? undefined : `${operation}:${key}`;
    const fingerprint = JSON.stringify(body);
    const earlier = scope === undefined ? undefined : this.stored.get(scope);
    if (earlier) {
      return earlier.fingerprint === fingerprint
        ? earlier.reply
        : {
            status: 400,
            body: { error: { type: 'idempotency_error', message: 'Key reused with other parameters' } },
          };
    }
    const index = this.faults.findIndex((fault) => fault.operation === operation);
    const fault = index >= 0 ? this.faults.splice(index, 1)[0].mode : undefined;
    if (fault === 'before')
      return { status: 503, body: { error: { type: 'api_error', message: 'Service unavailable' } } };
    const reply = run();
    if (scope !== undefined && reply.status < 500) this.stored.set(scope, { fingerprint, reply });
    return fault === 'after'
      ? { status: 500, body: { error: { type: 'api_error', message: 'Internal error' } } }
      : reply;
  }

  private deliver(event: ProcessorEvent): void {
    if (this.webhookUrl && !this.stopped) void this.track(this.post(event));
  }

  private track(task: Promise<void>): Promise<void> {
    const tracked = task.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  private async post(event: ProcessorEvent): Promise<void> {
    const url = this.webhookUrl;
    if (!url) return;
    const payload = JSON.stringify(event);
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt += 1) {
      try {
        const signature = signWebhook(this.options.webhookSecret, payload, Math.floor(Date.now() / 1000));
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'processor-signature': signature },
          body: payload,
          signal: AbortSignal.timeout(5_000),
        });
        this.webhookDeliveries += 1;
        if (response.ok) return;
      } catch {
        // Unreachable endpoint: retried below, like any processor would.
      }
      if (this.stopped) return;
      await sleep(100 * 4 ** (attempt - 1));
    }
  }
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const parsed: unknown = text ? JSON.parse(text) : {};
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('not an object');
  return parsed as Record<string, unknown>;
}
