import { formatInvoiceNumber } from './invoice-number';

describe('invoice numbers', () => {
  it('are series, year and a zero-padded sequence', () => {
    expect(formatInvoiceNumber('INV', 2026, 1)).toBe('INV-2026-000001');
    expect(formatInvoiceNumber('CN', 2027, 123_456)).toBe('CN-2027-123456');
  });

  it('grow past six digits instead of wrapping, and refuse non-positive sequences', () => {
    expect(formatInvoiceNumber('INV', 2026, 1_000_000)).toBe('INV-2026-1000000');
    expect(() => formatInvoiceNumber('INV', 2026, 0)).toThrow(/positive/);
  });
});
