import { Injectable } from '@nestjs/common';
import {
  CommercePatterns,
  type InventoryView,
  type ProductIdRequest,
  RequestHandler,
  type SetInventoryRequest,
} from '@platform/contracts';
import { InventoryService } from './inventory.service';

@Injectable()
export class InventoryHandlers {
  constructor(private readonly inventory: InventoryService) {}

  @RequestHandler(CommercePatterns.getInventory)
  get(request: ProductIdRequest): Promise<InventoryView> {
    return this.inventory.get(request.productId);
  }

  @RequestHandler(CommercePatterns.setInventory)
  set(request: SetInventoryRequest): Promise<InventoryView> {
    return this.inventory.set(request);
  }
}
