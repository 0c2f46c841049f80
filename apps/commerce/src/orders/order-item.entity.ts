import { UuidBase } from '@platform/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Product } from '../products/product.entity';
import { Order } from './order.entity';

/** One line of an order. Name, SKU and unit price are snapshots: later price changes do not reach it. */
@Entity('order_items')
@Index('idx_order_items_order_id', ['orderId'])
@Index('idx_order_items_product_id', ['productId'])
@Check(`"quantity" > 0`)
@Check(`"unit_price_cents" >= 0`)
@Check(`"line_total_cents" = "unit_price_cents" * "quantity"`)
export class OrderItem extends UuidBase {
  @Column('uuid')
  orderId!: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;

  @Column('uuid')
  productId!: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  @Column('uuid', { nullable: true })
  courseId!: string | null;

  @Column('varchar', { length: 64 })
  sku!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('integer')
  unitPriceCents!: number;

  @Column('integer')
  quantity!: number;

  @Column('integer')
  lineTotalCents!: number;

  /** Whether placing the order reserved stock for this line (only counted products do), so release and consume touch exactly that. */
  @Column('boolean', { default: false })
  isStockReserved!: boolean;

  /** The refund that ended this item (its course access is revoked); set once. */
  @Column('uuid', { nullable: true })
  refundId!: string | null;

  @Column('timestamptz', { nullable: true })
  refundedAt!: Date | null;
}
