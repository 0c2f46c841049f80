import { z } from 'zod';
import { incompatibilities } from './schema-compatibility';

const schemaOf = (schema: z.ZodType): Parameters<typeof incompatibilities>[0] =>
  z.toJSONSchema(schema) as Parameters<typeof incompatibilities>[0];

describe('schema compatibility', () => {
  const v1 = z.object({
    orderId: z.uuid(),
    totalCents: z.number().int(),
    items: z.array(z.object({ sku: z.string() })),
  });

  it('accepts an added optional field, also nested', () => {
    const next = z.object({
      orderId: z.uuid(),
      totalCents: z.number().int(),
      note: z.string().optional(),
      items: z.array(z.object({ sku: z.string(), gift: z.boolean().optional() })),
    });
    expect(incompatibilities(schemaOf(v1), schemaOf(next))).toEqual([]);
  });

  it.each([
    [
      'a removed field',
      z.object({ orderId: z.uuid(), items: z.array(z.object({ sku: z.string() })) }),
      'data.totalCents was removed',
    ],
    [
      'a retyped field',
      z.object({ orderId: z.uuid(), totalCents: z.string(), items: z.array(z.object({ sku: z.string() })) }),
      'data.totalCents changed its type or constraints',
    ],
    ['a new required field', v1.extend({ currency: z.string() }), 'data.currency was added as required'],
    [
      'a field made optional',
      z.object({
        orderId: z.uuid(),
        totalCents: z.number().int().optional(),
        items: z.array(z.object({ sku: z.string() })),
      }),
      'data.totalCents became optional',
    ],
    [
      'a nested change',
      z.object({
        orderId: z.uuid(),
        totalCents: z.number().int(),
        items: z.array(z.object({ sku: z.number() })),
      }),
      'data.items[].sku changed its type or constraints',
    ],
  ])('refuses %s', (_name, next, problem) => {
    expect(incompatibilities(schemaOf(v1), schemaOf(next))).toContain(problem);
  });
});
