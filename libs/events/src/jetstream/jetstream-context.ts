import { type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';

/** The JetStream client (publish, consume) and manager (streams, consumers) of one connection. */
export interface JetStreamContext {
  js: JetStreamClient;
  jsm: JetStreamManager;
}

export async function jetStreamContext(nats: NatsConnection): Promise<JetStreamContext> {
  return { js: nats.jetstream(), jsm: await nats.jetstreamManager() };
}
