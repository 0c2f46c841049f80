import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { COMMERCE_CONFIG, type CommerceConfig } from '../../config';
import { TestPaymentProcessor } from './test-payment-processor';

/**
 * Runs the built-in test processor inside the commerce process when no PAYMENT_PROVIDER_URL
 * is configured (development and tests; the config refuses that in production).
 */
@Injectable()
export class TestProcessorHost implements OnApplicationShutdown {
  private readonly logger = new Logger(TestProcessorHost.name);
  private running?: TestPaymentProcessor;

  constructor(@Inject(COMMERCE_CONFIG) private readonly config: CommerceConfig) {}

  /** The in-process processor; tests reach it to inject faults and count captures. */
  get processor(): TestPaymentProcessor {
    if (!this.running) throw new Error('The built-in test payment processor is not running');
    return this.running;
  }

  async start(): Promise<string> {
    if (!this.running) {
      this.running = new TestPaymentProcessor({
        apiKey: this.config.PAYMENT_PROVIDER_API_KEY,
        webhookSecret: this.config.PAYMENT_WEBHOOK_SECRET,
        webhookUrl: this.config.TEST_PAYMENT_PROCESSOR_WEBHOOK_URL,
      });
      await this.running.start(this.config.TEST_PAYMENT_PROCESSOR_PORT);
      this.logger.log(`Built-in test payment processor listening at ${this.running.url}`);
    }
    return this.running.url;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running?.stop();
  }
}
