import { CommercePatterns } from '@platform/contracts';
import { CommerceHarness, newUser } from './support/commerce-harness';
import { admin, createProduct, placeOrder, uniqueSku } from './support/fixtures';

let harness: CommerceHarness;

beforeAll(async () => {
  harness = await CommerceHarness.start('products');
});

afterAll(async () => {
  await harness?.close();
});

describe('products', () => {
  const instructor = newUser('instructor');
  const otherInstructor = newUser('instructor');
  const student = newUser('student');

  it('are created by admins and instructors with price in minor units, stock and availability', async () => {
    const product = await createProduct(harness, { priceCents: 1_999, currency: 'USD', stock: 12 });
    expect(product).toMatchObject({
      priceCents: 1_999,
      currency: 'USD',
      available: 12,
      isActive: true,
      courseId: null,
    });
    const own = await createProduct(harness, {}, instructor);
    expect(own.ownerId).toBe(instructor.userId);
    expect(own.available).toBeNull(); // no stock given: unlimited
    const fetched = await harness.send(undefined, CommercePatterns.getProduct, { productId: product.id });
    expect(fetched).toEqual(product);
  });

  it('refuses students, and course links from anyone but an admin', async () => {
    expect(await harness.failure(student, CommercePatterns.createProduct, base())).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await harness.failure(undefined, CommercePatterns.createProduct, base())).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const linked = { ...base(), courseId: '01890000-0000-7000-8000-000000000001' };
    expect(await harness.failure(instructor, CommercePatterns.createProduct, linked)).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('keeps SKUs unique among live products', async () => {
    const sku = uniqueSku('DUP');
    await createProduct(harness, { sku });
    const duplicate = await harness.failure(admin, CommercePatterns.createProduct, { ...base(), sku });
    expect(duplicate).toMatchObject({ code: 'ALREADY_EXISTS', details: { field: 'sku' } });
    // A soft-deleted product frees its SKU (partial unique index WHERE deleted_at IS NULL).
    await harness.query(`UPDATE products SET deleted_at = now() WHERE sku = $1`, [sku]);
    await expect(createProduct(harness, { sku })).resolves.toMatchObject({ sku });
  });

  it('names every bad field of a malformed request', async () => {
    const error = await harness.failure(admin, CommercePatterns.createProduct, {
      name: '',
      sku: 'has spaces',
      priceCents: 12.5,
      currency: 'euro',
      stock: -1,
      extra: true,
    } as never);
    expect(error.code).toBe('VALIDATION_FAILED');
    const fields = (error.details as { field: string }[]).map((problem) => problem.field);
    expect(new Set(fields)).toEqual(new Set(['name', 'sku', 'priceCents', 'currency', 'stock', 'extra']));
  });

  it('lists products for sale, filtered by course, and inactive ones only for admins', async () => {
    const courseId = '01890000-0000-7000-8000-0000000000c1';
    const linked = await createProduct(harness, { courseId });
    const page = await harness.send(undefined, CommercePatterns.listProducts, { courseId });
    expect(page.items.map((item) => item.id)).toEqual([linked.id]);
    await harness.send(admin, CommercePatterns.updateProduct, {
      productId: linked.id,
      isActive: false,
      version: linked.version,
    });
    expect((await harness.send(undefined, CommercePatterns.listProducts, { courseId })).total).toBe(0);
    expect(
      (await harness.send(admin, CommercePatterns.listProducts, { courseId, includeInactive: true })).total,
    ).toBe(1);
    expect(
      await harness.failure(student, CommercePatterns.listProducts, { courseId, includeInactive: true }),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('updates with optimistic locking: a stale version is VERSION_CONFLICT', async () => {
    const product = await createProduct(harness, {}, instructor);
    const renamed = await harness.send(instructor, CommercePatterns.updateProduct, {
      productId: product.id,
      name: 'Renamed',
      version: product.version,
    });
    expect(renamed).toMatchObject({ name: 'Renamed', version: product.version + 1 });
    const stale = await harness.failure(instructor, CommercePatterns.updateProduct, {
      productId: product.id,
      priceCents: 1,
      version: product.version,
    });
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect(
      await harness.failure(otherInstructor, CommercePatterns.updateProduct, {
        productId: product.id,
        name: 'Mine now',
        version: renamed.version,
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  describe('inventory', () => {
    it('is managed by admins and the owning instructor only', async () => {
      const product = await createProduct(harness, { stock: 5 }, instructor);
      const set = await harness.send(instructor, CommercePatterns.setInventory, {
        productId: product.id,
        onHand: 9,
      });
      expect(set).toEqual({ productId: product.id, onHand: 9, reserved: 0, available: 9 });
      await expect(
        harness.send(admin, CommercePatterns.setInventory, { productId: product.id, onHand: 3 }),
      ).resolves.toMatchObject({ onHand: 3 });
      for (const outsider of [otherInstructor, student]) {
        expect(
          await harness.failure(outsider, CommercePatterns.setInventory, {
            productId: product.id,
            onHand: 100,
          }),
        ).toMatchObject({ code: 'FORBIDDEN' });
        expect(
          await harness.failure(outsider, CommercePatterns.getInventory, { productId: product.id }),
        ).toMatchObject({
          code: 'FORBIDDEN',
        });
      }
    });

    it('never goes below what unpaid orders reserved, nor becomes unlimited under them', async () => {
      const product = await createProduct(harness, { stock: 5 });
      await placeOrder(harness, student, [{ productId: product.id, quantity: 3 }]);
      const below = await harness.failure(admin, CommercePatterns.setInventory, {
        productId: product.id,
        onHand: 2,
      });
      expect(below).toMatchObject({ code: 'CONFLICT', details: { reserved: 3 } });
      const unlimited = await harness.failure(admin, CommercePatterns.setInventory, {
        productId: product.id,
        onHand: null,
      });
      expect(unlimited.code).toBe('CONFLICT');
      await expect(
        harness.send(admin, CommercePatterns.setInventory, { productId: product.id, onHand: 3 }),
      ).resolves.toEqual({ productId: product.id, onHand: 3, reserved: 3, available: 0 });
      // The database refuses a broken invariant even from a query that forgot its condition.
      await expect(
        harness.query(`UPDATE inventory_items SET reserved = on_hand + 1 WHERE product_id = $1`, [
          product.id,
        ]),
      ).rejects.toThrow(/chk_inventory_items_reserved_on_hand/);
    });

    it('turns a product unlimited and back', async () => {
      const product = await createProduct(harness, { stock: 1 });
      await harness.send(admin, CommercePatterns.setInventory, { productId: product.id, onHand: null });
      expect(
        (await harness.send(undefined, CommercePatterns.getProduct, { productId: product.id })).available,
      ).toBeNull();
      await harness.send(admin, CommercePatterns.setInventory, { productId: product.id, onHand: 4 });
      expect(
        (await harness.send(undefined, CommercePatterns.getProduct, { productId: product.id })).available,
      ).toBe(4);
    });
  });
});

function base(): { name: string; sku: string; priceCents: number; currency: string } {
  return { name: 'Workbook', sku: uniqueSku(), priceCents: 1_000, currency: 'EUR' };
}
