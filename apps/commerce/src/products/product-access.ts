import { ForbiddenError } from '@platform/common';
import { type Actor, currentActor } from '@platform/auth';
import { type Product } from './product.entity';

/** Admins manage every product; an instructor manages the products they own (their course products too). */
export function requireProductManager(product: Product): Actor {
  const actor = currentActor();
  if (actor.isAdmin || (product.ownerId !== null && product.ownerId === actor.userId)) return actor;
  throw new ForbiddenError('Only the owner of this product or an admin may manage it', {
    details: { productId: product.id },
  });
}
