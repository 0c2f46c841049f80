import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { type InvoiceSeries } from './invoice-number';
import { Invoice } from './invoice.entity';

@Injectable()
export class InvoicesRepository extends BaseRepository<Invoice> {
  constructor(dataSource: DataSource) {
    super(dataSource, Invoice, { filterable: ['orderId', 'kind', 'year'], sortable: ['sequence'] });
  }

  /**
   * The next number of a series and year. The upsert locks the counter row until the
   * caller's transaction ends, so concurrent issuers take numbers one after another, and
   * a rollback returns the number: no gaps, no duplicates. Must run in that transaction.
   */
  async nextSequence(series: InvoiceSeries, year: number): Promise<number> {
    const [row] = await queryRows<{ last_number: number }>(
      this.manager,
      `INSERT INTO invoice_counters (series, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (series, year) DO UPDATE SET last_number = invoice_counters.last_number + 1
       RETURNING last_number`,
      [series, year],
    );
    return row.last_number;
  }
}
