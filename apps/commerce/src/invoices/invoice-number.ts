export const INVOICE_SERIES = { invoice: 'INV', credit_note: 'CN' } as const;
export type InvoiceSeries = (typeof INVOICE_SERIES)[keyof typeof INVOICE_SERIES];

/** `INV-2026-000042`: series, year of issue (UTC), six digits at least. */
export function formatInvoiceNumber(series: InvoiceSeries, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new Error(`Invoice sequence must be positive, got ${sequence}`);
  return `${series}-${year}-${String(sequence).padStart(6, '0')}`;
}
