import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Product } from '../products/product.entity';

/**
 * Stock of a product whose stock is counted; a product without a row is unlimited.
 * `reserved` is held by unpaid orders. Both counters change only through one conditional
 * UPDATE each (see InventoryRepository), and the CHECKs make overselling impossible even
 * for a query that forgot its condition.
 */
@Entity('inventory_items')
@Check(`"on_hand" >= 0`)
@Check(`"reserved" >= 0`)
@Check(`"reserved" <= "on_hand"`)
export class InventoryItem {
  @PrimaryColumn('uuid')
  productId!: string;

  @OneToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  @Column('integer')
  onHand!: number;

  @Column('integer', { default: 0 })
  reserved!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
