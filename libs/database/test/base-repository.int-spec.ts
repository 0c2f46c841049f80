import {
  CheckViolationError,
  DuplicateKeyError,
  InvalidFilterError,
  NotFoundError,
  OptimisticLockError,
} from '@platform/database';
import { ValidationError } from '@platform/common';
import { type GadgetDatabase, openGadgetDatabase } from './fixtures/gadget-database';
import {
  type Gadget,
  GadgetStockRepository,
  GadgetsRepository,
  TalliesRepository,
} from './fixtures/gadget.entities';

let db: GadgetDatabase;
let gadgets: GadgetsRepository;

beforeAll(async () => {
  db = await openGadgetDatabase('base_repository');
  gadgets = new GadgetsRepository(db.dataSource);
});

afterAll(() => db.close());

beforeEach(() => db.dataSource.query('TRUNCATE gadgets, gadget_notes, tallies CASCADE'));

function gadget(overrides: Partial<Gadget> = {}): Partial<Gadget> {
  const n = Math.random().toString(36).slice(2, 8);
  return { name: `Gadget ${n}`, sku: `SKU-${n}`, priceCents: 1000, category: 'tools', ...overrides };
}

describe('BaseRepository: the methods', () => {
  it('create assigns a UUIDv7 id, timestamps, version 1 and column defaults', async () => {
    const created = await gadgets.create(gadget({ name: 'Drill' }));
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(created.version).toBe(1);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.deletedAt ?? null).toBeNull();
    const read = await gadgets.getById(created.id);
    expect(read).toMatchObject({ name: 'Drill', priceCents: 1000, isActive: true, version: 1 });
  });

  it('bulkCreate inserts every row in one statement', async () => {
    const rows = await gadgets.bulkCreate([gadget(), gadget(), gadget()]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    expect((await gadgets.list()).total).toBe(3);
  });

  it('findById returns null and getById throws NotFoundError for a missing or malformed id', async () => {
    await expect(gadgets.findById('01890000-0000-7000-8000-000000000000')).resolves.toBeNull();
    await expect(gadgets.findById('not-a-uuid')).resolves.toBeNull();
    await expect(gadgets.getById('01890000-0000-7000-8000-000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('findOne and exists apply the filter', async () => {
    await gadgets.create(gadget({ sku: 'FIND-ME' }));
    expect((await gadgets.findOne({ sku: { eq: 'FIND-ME' } }))?.sku).toBe('FIND-ME');
    expect(await gadgets.findOne({ sku: { eq: 'NOPE' } })).toBeNull();
    expect(await gadgets.exists({ sku: { eq: 'FIND-ME' } })).toBe(true);
    expect(await gadgets.exists({ sku: { eq: 'NOPE' } })).toBe(false);
  });

  it('update changes the row, bumps the version and refuses managed or unknown fields', async () => {
    const created = await gadgets.create(gadget());
    const updated = await gadgets.update(created.id, { priceCents: 1500 }, { expectedVersion: 1 });
    expect(updated).toMatchObject({ priceCents: 1500, version: 2 });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    await expect(gadgets.update(created.id, { version: 9 })).rejects.toBeInstanceOf(ValidationError);
    await expect(gadgets.update(created.id, { nope: 1 } as unknown as Partial<Gadget>)).rejects.toMatchObject(
      { details: [{ field: 'nope', message: 'is not a field' }] },
    );
  });

  it('update with a stale version is an OptimisticLockError and changes nothing', async () => {
    const created = await gadgets.create(gadget({ priceCents: 100 }));
    await gadgets.update(created.id, { priceCents: 200 }, { expectedVersion: 1 });
    await expect(
      gadgets.update(created.id, { priceCents: 300 }, { expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { expectedVersion: 1, currentVersion: 2 },
    });
    expect((await gadgets.getById(created.id)).priceCents).toBe(200);
  });

  it('softDelete hides the row; restore brings it back; hardDelete removes it', async () => {
    const created = await gadgets.create(gadget());
    await gadgets.softDelete(created.id);
    expect(await gadgets.findById(created.id)).toBeNull();
    expect((await gadgets.findById(created.id, { withDeleted: true }))?.deletedAt).toBeInstanceOf(Date);
    await expect(gadgets.softDelete(created.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(gadgets.update(created.id, { priceCents: 1 })).rejects.toBeInstanceOf(NotFoundError);

    const restored = await gadgets.restore(created.id);
    expect(restored.deletedAt).toBeNull();
    await expect(gadgets.restore(created.id)).rejects.toBeInstanceOf(NotFoundError);

    await gadgets.hardDelete(created.id);
    expect(await gadgets.findById(created.id, { withDeleted: true })).toBeNull();
    await expect(gadgets.hardDelete(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('works with integer primary keys', async () => {
    const tallies = new TalliesRepository(db.dataSource);
    const tally = await tallies.create({ name: 'visits' });
    expect(typeof tally.id).toBe('number');
    expect((await tallies.getById(tally.id)).value).toBe(0);
    await expect(tallies.softDelete(tally.id)).rejects.toThrow(/no deleted_at column/);
  });
});

describe('BaseRepository: filters, sorting and paging', () => {
  beforeEach(async () => {
    await gadgets.bulkCreate([
      gadget({ name: 'Alpha', sku: 'A-1', priceCents: 100, category: 'tools' }),
      gadget({ name: 'Beta', sku: 'B-1', priceCents: 200, category: 'toys' }),
      gadget({ name: 'Gamma 100%', sku: 'C-1', priceCents: 300, category: null }),
      gadget({ name: 'Delta', sku: 'D-1', priceCents: 300, category: 'tools', isActive: false }),
    ]);
  });

  const names = (page: { items: Gadget[] }): string[] => page.items.map((g) => g.name);

  it.each([
    [{ priceCents: { eq: 300 } }, ['Delta', 'Gamma 100%']],
    [{ priceCents: { ne: 300 } }, ['Alpha', 'Beta']],
    [{ priceCents: { lt: 200 } }, ['Alpha']],
    [{ priceCents: { lte: 200 } }, ['Alpha', 'Beta']],
    [{ priceCents: { gt: 200 } }, ['Delta', 'Gamma 100%']],
    [{ priceCents: { gte: 200, lt: 300 } }, ['Beta']],
    [{ sku: { in: ['A-1', 'D-1'] } }, ['Alpha', 'Delta']],
    [{ name: { contains: 'ALP' } }, ['Alpha']],
    [{ name: { contains: '100%' } }, ['Gamma 100%']],
    [{ name: { contains: '%' } }, ['Gamma 100%']],
    [{ category: { isNull: true } }, ['Gamma 100%']],
    [{ category: { isNull: false }, isActive: { eq: true } }, ['Alpha', 'Beta']],
  ])('filter %j', async (filter, expected) => {
    const page = await gadgets.list({ filter: filter, sort: { name: 'ASC' } });
    expect(names(page)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it('an unknown field is an InvalidFilterError listing the allowed fields', async () => {
    const error = await gadgets
      .list({ filter: { passwordHash: { eq: 'x' } } as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFilterError);
    expect((error as InvalidFilterError).details).toEqual({
      field: 'passwordHash',
      allowedFields: ['name', 'sku', 'priceCents', 'category', 'isActive', 'releasedAt', 'createdAt'],
    });
  });

  it('an unknown operator or a malformed value is an InvalidFilterError listing the operators', async () => {
    await expect(gadgets.list({ filter: { name: { like: 'A%' } } as never })).rejects.toMatchObject({
      code: 'INVALID_FILTER',
      details: {
        field: 'name',
        allowedOperators: ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'isNull'],
      },
    });
    await expect(gadgets.list({ filter: { sku: { in: [] } } })).rejects.toBeInstanceOf(InvalidFilterError);
    await expect(gadgets.list({ filter: { sku: { eq: { $ne: 1 } } } as never })).rejects.toBeInstanceOf(
      InvalidFilterError,
    );
    await expect(gadgets.list({ filter: { category: { isNull: 'yes' } } as never })).rejects.toBeInstanceOf(
      InvalidFilterError,
    );
  });

  it('sorting on an unlisted field or with a bad direction is refused', async () => {
    await expect(gadgets.list({ sort: { sku: 'ASC' } as never })).rejects.toMatchObject({
      details: { field: 'sku', allowedFields: ['name', 'priceCents', 'createdAt', 'id'] },
    });
    await expect(gadgets.list({ sort: { name: 'SIDEWAYS' } as never })).rejects.toBeInstanceOf(
      InvalidFilterError,
    );
  });

  it('values are bound, never spliced into SQL', async () => {
    const page = await gadgets.list({ filter: { name: { eq: "Alpha' OR '1'='1" } } });
    expect(page.total).toBe(0);
    expect((await gadgets.list()).total).toBe(4);
  });

  it('caps the limit, validates offset and ties sorts on the id so pages never overlap', async () => {
    const capped = await gadgets.list({ limit: 10_000 });
    expect(capped.limit).toBe(50);
    await expect(gadgets.list({ offset: -1 })).rejects.toBeInstanceOf(ValidationError);
    // Two rows share priceCents 300: without the id tie-break their order could change between pages.
    const seen: string[] = [];
    for (let offset = 0; offset < 4; offset += 1) {
      const page = await gadgets.list({ sort: { priceCents: 'DESC' }, limit: 1, offset });
      seen.push(...page.items.map((g) => g.id));
      expect(page.total).toBe(4);
    }
    expect(new Set(seen).size).toBe(4);
  });

  it('totals and items exclude soft-deleted rows unless asked for', async () => {
    const beta = await gadgets.findOne({ name: { eq: 'Beta' } });
    await gadgets.softDelete(beta!.id);
    const page = await gadgets.list({ limit: 2 });
    expect(page.total).toBe(3);
    expect(names(await gadgets.list({ sort: { name: 'ASC' } }))).not.toContain('Beta');
    expect((await gadgets.list({ withDeleted: true })).total).toBe(4);
    expect(await gadgets.exists({ name: { eq: 'Beta' } })).toBe(false);
  });
});

describe('BaseRepository: constraints', () => {
  it('a soft-deleted unique value can be used again (partial unique index)', async () => {
    const first = await gadgets.create(gadget({ sku: 'REUSED' }));
    await expect(gadgets.create(gadget({ sku: 'REUSED' }))).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      details: { constraint: 'uq_gadgets_sku', columns: ['sku'] },
    });
    await gadgets.softDelete(first.id);
    const second = await gadgets.create(gadget({ sku: 'REUSED' }));
    expect(second.id).not.toBe(first.id);
  });

  it('restoring a row whose unique value was taken meanwhile is a DuplicateKeyError', async () => {
    const first = await gadgets.create(gadget({ sku: 'TAKEN' }));
    await gadgets.softDelete(first.id);
    await gadgets.create(gadget({ sku: 'TAKEN' }));
    const error = await gadgets.restore(first.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect((error as DuplicateKeyError).details).toMatchObject({ constraint: 'uq_gadgets_sku' });
    expect((await gadgets.findById(first.id, { withDeleted: true }))?.deletedAt).toBeInstanceOf(Date);
  });

  it('a CHECK violation is a CheckViolationError naming the constraint', async () => {
    const error = await gadgets.create(gadget({ priceCents: -1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckViolationError);
    expect((error as CheckViolationError).details).toMatchObject({ constraint: 'chk_gadgets_price_cents' });
  });

  it('of concurrent updates with the same expected version exactly one wins', async () => {
    const created = await gadgets.create(gadget({ priceCents: 0 }));
    const attempts = Array.from({ length: 12 }, (_, i) =>
      gadgets.update(created.id, { priceCents: i + 1 }, { expectedVersion: 1 }),
    );
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const r of lost) expect(r.reason).toBeInstanceOf(OptimisticLockError);
    const final = await gadgets.getById(created.id);
    expect(final.version).toBe(2);
    expect(final.priceCents).toBe(won[0].value.priceCents);
  });
});

describe('BaseRepository: raw conditional writes', () => {
  it('queryRows returns the RETURNING rows of an UPDATE, and none when the condition fails', async () => {
    const stock = new GadgetStockRepository(db.dataSource);
    const created = await gadgets.create(gadget({ priceCents: 10 }));
    await expect(stock.discount(created.id, 4)).resolves.toEqual([{ price_cents: 6 }]);
    await expect(stock.discount(created.id, 7)).resolves.toEqual([]);
    await expect(stock.priceOf(created.id)).resolves.toEqual([{ price_cents: 6 }]);
  });

  it('of concurrent conditional decrements only those that fit succeed', async () => {
    const stock = new GadgetStockRepository(db.dataSource);
    const created = await gadgets.create(gadget({ priceCents: 5 }));
    const results = await Promise.all(Array.from({ length: 8 }, () => stock.discount(created.id, 1)));
    expect(results.filter((rows) => rows.length === 1)).toHaveLength(5);
    await expect(stock.priceOf(created.id)).resolves.toEqual([{ price_cents: 0 }]);
  });
});
