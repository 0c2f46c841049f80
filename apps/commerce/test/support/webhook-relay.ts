import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { httpStatusForCode } from '@platform/common';
import { CommercePatterns, type PaymentWebhookAck } from '@platform/contracts';
import { type CommerceHarness } from './commerce-harness';

export interface WebhookRelay {
  url: string;
  acks: PaymentWebhookAck[];
  refusals: { status: number; code: string }[];
  close(): Promise<void>;
}

/**
 * What the gateway's webhook route will do (phase 2): take the processor's POST, hand the
 * raw body and signature to commerce over request/reply, answer 2xx only when commerce
 * accepted it (so the processor retries otherwise).
 */
export async function startWebhookRelay(harness: CommerceHarness): Promise<WebhookRelay> {
  const acks: PaymentWebhookAck[] = [];
  const refusals: { status: number; code: string }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const payload = Buffer.concat(chunks).toString('utf8');
      const signature = String(request.headers['processor-signature'] ?? '');
      harness
        .send(undefined, CommercePatterns.receivePaymentWebhook, { provider: 'test', payload, signature })
        .then((ack) => {
          acks.push(ack);
          response.writeHead(200).end(JSON.stringify(ack));
        })
        .catch((error: { code?: string }) => {
          const code = error.code ?? 'INTERNAL';
          refusals.push({ status: httpStatusForCode(code), code });
          response.writeHead(httpStatusForCode(code)).end(JSON.stringify({ error: { code } }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/payments/test`,
    acks,
    refusals,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
