import { type FactoryProvider } from '@nestjs/common';
import { COMMERCE_CONFIG, type CommerceConfig } from '../config';
import { HttpPaymentProvider } from './http-payment-provider';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider.port';
import { TestProcessorHost } from './test-processor/test-processor.host';

/** The configured processor, or the built-in test processor started in this process. */
export const paymentProviderFactory: FactoryProvider<PaymentProvider> = {
  provide: PAYMENT_PROVIDER,
  inject: [COMMERCE_CONFIG, TestProcessorHost],
  useFactory: async (config: CommerceConfig, host: TestProcessorHost) =>
    new HttpPaymentProvider({
      name: 'test',
      baseUrl: config.PAYMENT_PROVIDER_URL ?? (await host.start()),
      apiKey: config.PAYMENT_PROVIDER_API_KEY,
      webhookSecret: config.PAYMENT_WEBHOOK_SECRET,
      timeoutMs: config.PAYMENT_PROVIDER_TIMEOUT_MS,
    }),
};
