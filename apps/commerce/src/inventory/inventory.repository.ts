import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { currentEntityManager } from '@platform/database';
import { DataSource, type EntityManager, In } from 'typeorm';
import { InventoryItem } from './inventory-item.entity';

interface StockRow {
  product_id: string;
  on_hand: number;
  reserved: number;
}

const toItem = (row: StockRow): InventoryItem =>
  Object.assign(new InventoryItem(), {
    productId: row.product_id,
    onHand: row.on_hand,
    reserved: row.reserved,
  });

/**
 * Stock counters. Every change is ONE conditional UPDATE whose WHERE clause is the rule
 * (never read-then-write: two buyers reading "1 left" would both take it); the table's
 * CHECKs back it up.
 */
@Injectable()
export class InventoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get manager(): EntityManager {
    return currentEntityManager(this.dataSource);
  }

  async findByProductIds(productIds: readonly string[]): Promise<Map<string, InventoryItem>> {
    if (productIds.length === 0) return new Map();
    const items = await this.manager.find(InventoryItem, { where: { productId: In([...productIds]) } });
    return new Map(items.map((item) => [item.productId, item]));
  }

  async findByProductId(productId: string): Promise<InventoryItem | null> {
    return (await this.findByProductIds([productId])).get(productId) ?? null;
  }

  /** Reserves `quantity` if that many are available; false when not (or when the product is not counted). */
  async reserve(productId: string, quantity: number): Promise<boolean> {
    const rows = await queryRows<StockRow>(
      this.manager,
      `UPDATE inventory_items SET reserved = reserved + $2, updated_at = now()
       WHERE product_id = $1 AND on_hand - reserved >= $2
       RETURNING product_id, on_hand, reserved`,
      [productId, quantity],
    );
    return rows.length === 1;
  }

  /** Gives back a reservation of an order that will not be paid. */
  async release(productId: string, quantity: number): Promise<void> {
    await this.mustUpdate(
      `UPDATE inventory_items SET reserved = reserved - $2, updated_at = now()
       WHERE product_id = $1 AND reserved >= $2
       RETURNING product_id, on_hand, reserved`,
      productId,
      quantity,
    );
  }

  /** Turns a reservation into a sale: the units leave the shelf. */
  async consume(productId: string, quantity: number): Promise<void> {
    await this.mustUpdate(
      `UPDATE inventory_items SET reserved = reserved - $2, on_hand = on_hand - $2, updated_at = now()
       WHERE product_id = $1 AND reserved >= $2
       RETURNING product_id, on_hand, reserved`,
      productId,
      quantity,
    );
  }

  /** Sets the count on hand, unless it would fall below what unpaid orders reserved (null then). */
  async setOnHand(productId: string, onHand: number): Promise<InventoryItem | null> {
    const rows = await queryRows<StockRow>(
      this.manager,
      `INSERT INTO inventory_items (product_id, on_hand, reserved) VALUES ($1, $2, 0)
       ON CONFLICT (product_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, updated_at = now()
       WHERE inventory_items.reserved <= EXCLUDED.on_hand
       RETURNING product_id, on_hand, reserved`,
      [productId, onHand],
    );
    return rows[0] ? toItem(rows[0]) : null;
  }

  /** Stops counting the product's stock, unless units are reserved; true when it is (now) unlimited. */
  async makeUnlimited(productId: string): Promise<boolean> {
    await queryRows(this.manager, `DELETE FROM inventory_items WHERE product_id = $1 AND reserved = 0`, [
      productId,
    ]);
    return (await this.findByProductId(productId)) === null;
  }

  private async mustUpdate(sql: string, productId: string, quantity: number): Promise<void> {
    const rows = await queryRows<StockRow>(this.manager, sql, [productId, quantity]);
    // The order says it holds these units; if the counter disagrees, stop rather than drift.
    if (rows.length !== 1) {
      throw new Error(`Inventory of product ${productId} holds fewer than ${quantity} reserved units`);
    }
  }
}
