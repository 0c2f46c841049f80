import { Injectable } from '@nestjs/common';
import { ConflictError } from '@platform/common';
import { type InventoryView, type SetInventoryRequest } from '@platform/contracts';
import { runInTransaction } from '@platform/database';
import { requireProductManager } from '../products/product-access';
import { toInventoryView } from '../products/product.views';
import { ProductsRepository } from '../products/products.repository';
import { InventoryRepository } from './inventory.repository';

/** One order line as the stock sees it. */
export interface StockLine {
  productId: string;
  name: string;
  quantity: number;
}

const byProductId = <T extends { productId: string }>(a: T, b: T): number =>
  a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0;

@Injectable()
export class InventoryService {
  constructor(
    private readonly inventory: InventoryRepository,
    private readonly products: ProductsRepository,
  ) {}

  async get(productId: string): Promise<InventoryView> {
    requireProductManager(await this.products.getById(productId));
    return toInventoryView(productId, await this.inventory.findByProductId(productId));
  }

  async set(request: SetInventoryRequest): Promise<InventoryView> {
    requireProductManager(await this.products.getById(request.productId));
    return runInTransaction(async () => {
      if (request.onHand === null) {
        if (!(await this.inventory.makeUnlimited(request.productId)))
          throw await this.reservedConflict(request);
        return toInventoryView(request.productId, null);
      }
      const item = await this.inventory.setOnHand(request.productId, request.onHand);
      if (!item) throw await this.reservedConflict(request);
      return toInventoryView(request.productId, item);
    });
  }

  /**
   * Reserves every counted line, one conditional UPDATE each, in product-id order: two
   * orders locking the same rows in the same order cannot deadlock. Returns the ids whose
   * stock was reserved (products without a counter are unlimited). Must run in the
   * placing transaction: a later failure rolls the earlier reservations back.
   */
  async reserve(lines: readonly StockLine[]): Promise<Set<string>> {
    const counted = await this.inventory.findByProductIds(lines.map((line) => line.productId));
    const reserved = new Set<string>();
    for (const line of [...lines].sort(byProductId)) {
      if (!counted.has(line.productId)) continue;
      if (await this.inventory.reserve(line.productId, line.quantity)) {
        reserved.add(line.productId);
        continue;
      }
      const now = await this.inventory.findByProductId(line.productId);
      if (!now) continue; // stock became unlimited meanwhile: nothing to reserve
      const available = now.onHand - now.reserved;
      throw new ConflictError(`Only ${available} of "${line.name}" left`, {
        code: 'INSUFFICIENT_STOCK',
        details: { productId: line.productId, requested: line.quantity, available },
      });
    }
    return reserved;
  }

  /** Gives back what an unpaid order reserved. */
  async release(lines: readonly { productId: string; quantity: number }[]): Promise<void> {
    for (const line of [...lines].sort(byProductId))
      await this.inventory.release(line.productId, line.quantity);
  }

  /** A paid order's reservations leave the shelf. */
  async consume(lines: readonly { productId: string; quantity: number }[]): Promise<void> {
    for (const line of [...lines].sort(byProductId))
      await this.inventory.consume(line.productId, line.quantity);
  }

  private async reservedConflict(request: SetInventoryRequest): Promise<ConflictError> {
    const reserved = (await this.inventory.findByProductId(request.productId))?.reserved ?? 0;
    return new ConflictError(`${reserved} units are reserved by unpaid orders: stock cannot go below that`, {
      details: { productId: request.productId, reserved, requestedOnHand: request.onHand },
    });
  }
}
