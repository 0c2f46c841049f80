import { randomUUID } from 'node:crypto';
import { type Agent } from 'node:http';
import { type Operation, sendRequest } from '../lib/http-load';

export interface Buyer {
  accessToken: string;
}

/** POSTs JSON through the gateway; resolves with the status and the parsed body. */
export async function postJson(
  agent: Agent,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await sendRequest(agent, new URL(url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: response.text ? (JSON.parse(response.text) as never) : {} };
}

/**
 * One purchase as a shop's frontend makes it: place an order for one unit (its own
 * Idempotency-Key), then pay it with a card the processor approves (another key). Worker i
 * buys as `buyers[i]` the product `productOf(i)`.
 */
export function purchase(
  baseUrl: string,
  buyers: readonly Buyer[],
  productOf: (worker: number) => string,
): Operation {
  return async (agent, worker) => {
    const authorization = `Bearer ${buyers[worker].accessToken}`;
    const placed = await postJson(
      agent,
      `${baseUrl}/api/v1/orders`,
      { items: [{ productId: productOf(worker), quantity: 1 }] },
      { authorization, 'idempotency-key': randomUUID() },
    );
    if (placed.status !== 201) return false;
    const paid = await postJson(
      agent,
      `${baseUrl}/api/v1/orders/${String(placed.body.id)}/pay`,
      { paymentMethod: { type: 'card', token: 'tok_visa' } },
      { authorization, 'idempotency-key': randomUUID() },
    );
    return paid.status === 200 && paid.body.status === 'paid';
  };
}
