import { envVar, loadConfig, runMain } from '@platform/common';
import { z } from 'zod';
import { TestPaymentProcessor } from './test-payment-processor';

/**
 * The test processor as its own process, for several commerce replicas that must share one
 * processor (each in-process one knows only its own payments): start this, and point every
 * replica's PAYMENT_PROVIDER_URL at it.
 *   node dist/apps/commerce/src/payments/test-processor/standalone.js
 */
const schema = z.object({
  NODE_ENV: envVar.oneOf(['development', 'test', 'production'] as const, 'development'),
  TEST_PAYMENT_PROCESSOR_PORT: envVar.port(3013),
  /** 0.0.0.0 in a container of its own (docker compose); loopback elsewhere. */
  TEST_PAYMENT_PROCESSOR_HOST: envVar.string('127.0.0.1'),
  PAYMENT_PROVIDER_API_KEY: envVar.string('sk_test_platform'),
  PAYMENT_WEBHOOK_SECRET: envVar.string('whsec_test_platform'),
  TEST_PAYMENT_PROCESSOR_WEBHOOK_URL: envVar.url(undefined, ['http', 'https']).optional(),
});

runMain(async () => {
  const config = loadConfig(schema);
  if (config.NODE_ENV === 'production')
    throw new Error('The test payment processor never runs in production');
  const processor = new TestPaymentProcessor({
    apiKey: config.PAYMENT_PROVIDER_API_KEY,
    webhookSecret: config.PAYMENT_WEBHOOK_SECRET,
    webhookUrl: config.TEST_PAYMENT_PROCESSOR_WEBHOOK_URL,
  });
  const url = await processor.start(config.TEST_PAYMENT_PROCESSOR_PORT, config.TEST_PAYMENT_PROCESSOR_HOST);
  process.stdout.write(`Test payment processor listening at ${url}\n`);
  const stop = (): void => void processor.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
