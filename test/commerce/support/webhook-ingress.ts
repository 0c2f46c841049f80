import { type IncomingHttpHeaders, type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';

/**
 * The payment processor's view of our public address: it must know where to POST webhooks
 * when commerce starts, before the gateway (port 0) exists. This forwards each request
 * (method, path, content type, signature header and the body bytes untouched) to the
 * gateway once it is known, as the ingress in front of the gateway does in production;
 * 503 until then, so the processor retries.
 */
export class WebhookIngress {
  private target: string | undefined;
  readonly forwarded: { path: string; status: number }[] = [];

  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void this.forward(request.method ?? 'POST', request.url ?? '/', request.headers, chunks, response);
    });
  });

  static async start(): Promise<WebhookIngress> {
    const ingress = new WebhookIngress();
    await new Promise<void>((resolve) => ingress.server.listen(0, '127.0.0.1', resolve));
    return ingress;
  }

  /** Where the processor posts the webhooks of `provider`. */
  webhookUrl(provider = 'test'): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/v1/webhooks/payments/${provider}`;
  }

  forwardTo(baseUrl: string): void {
    this.target = baseUrl;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async forward(
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    chunks: Buffer[],
    response: ServerResponse,
  ): Promise<void> {
    if (!this.target) {
      response.writeHead(503).end();
      return;
    }
    try {
      const upstream = await fetch(`${this.target}${path}`, {
        method,
        headers: {
          'content-type': String(headers['content-type'] ?? 'application/json'),
          'processor-signature': String(headers['processor-signature'] ?? ''),
        },
        body: Buffer.concat(chunks),
      });
      const text = await upstream.text();
      this.forwarded.push({ path, status: upstream.status });
      response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(text);
    } catch {
      response.writeHead(502).end();
    }
  }
}
