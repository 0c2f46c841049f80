import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { currentEntityManager } from '@platform/database';
import { DataSource } from 'typeorm';

@Injectable()
export class WebhookEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records an event as handled; false when it already was (a redelivery). Run in the transaction of its effect. */
  async record(provider: string, eventId: string, type: string): Promise<boolean> {
    const rows = await queryRows(
      currentEntityManager(this.dataSource),
      `INSERT INTO payment_webhook_events (provider, event_id, type, outcome) VALUES ($1, $2, $3, 'received')
       ON CONFLICT (provider, event_id) DO NOTHING RETURNING 1`,
      [provider, eventId, type],
    );
    return rows.length === 1;
  }

  async setOutcome(provider: string, eventId: string, outcome: string): Promise<void> {
    await queryRows(
      currentEntityManager(this.dataSource),
      `UPDATE payment_webhook_events SET outcome = $3 WHERE provider = $1 AND event_id = $2`,
      [provider, eventId, outcome],
    );
  }
}
