import { type InventoryView, type ProductView } from '@platform/contracts';
import { type InventoryItem } from '../inventory/inventory-item.entity';
import { type Product } from './product.entity';

/** On hand minus reserved; null = not counted (unlimited). */
export function availableOf(inventory: InventoryItem | null | undefined): number | null {
  return inventory ? inventory.onHand - inventory.reserved : null;
}

export function toProductView(product: Product, inventory: InventoryItem | null | undefined): ProductView {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    priceCents: product.priceCents,
    currency: product.currency,
    courseId: product.courseId,
    isActive: product.isActive,
    available: availableOf(inventory),
    ownerId: product.ownerId,
    version: product.version,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export function toInventoryView(productId: string, inventory: InventoryItem | null): InventoryView {
  return {
    productId,
    onHand: inventory?.onHand ?? null,
    reserved: inventory?.reserved ?? 0,
    available: availableOf(inventory),
  };
}
