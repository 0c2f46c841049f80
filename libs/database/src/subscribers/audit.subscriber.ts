import { RequestContext } from '@platform/common';
import { type EntitySubscriberInterface, EventSubscriber, type InsertEvent, type UpdateEvent } from 'typeorm';

/**
 * Fills created_by / updated_by from the request context when an entity is written with
 * `manager.save()`. BaseRepository stamps them itself for its query-builder writes,
 * which TypeORM does not pass through entity subscribers.
 */
@EventSubscriber()
export class AuditSubscriber implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<Record<string, unknown>>): void {
    const userId = RequestContext.userId();
    if (!userId || !event.metadata.findColumnWithPropertyName('createdBy')) return;
    event.entity.createdBy ??= userId;
    event.entity.updatedBy ??= userId;
  }

  beforeUpdate(event: UpdateEvent<Record<string, unknown>>): void {
    const userId = RequestContext.userId();
    if (!userId || !event.entity || !event.metadata.findColumnWithPropertyName('updatedBy')) return;
    event.entity.updatedBy = userId;
  }
}
