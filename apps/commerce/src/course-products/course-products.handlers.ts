import { Injectable } from '@nestjs/common';
import {
  CourseArchived,
  CoursePublished,
  CourseUpdated,
  type EventData,
  type EventEnvelope,
  EventHandler,
} from '@platform/events';
import { CourseProductsService } from './course-products.service';

/** Course events that create and maintain the product of each paid course. */
@Injectable()
export class CourseProductsHandlers {
  constructor(private readonly courseProducts: CourseProductsService) {}

  @EventHandler(CoursePublished, { consumer: 'course-products-published' })
  async onPublished(event: EventEnvelope<EventData<typeof CoursePublished>>): Promise<void> {
    await this.courseProducts.onPublished(event.data);
  }

  @EventHandler(CourseUpdated, { consumer: 'course-products-updated' })
  async onUpdated(event: EventEnvelope<EventData<typeof CourseUpdated>>): Promise<void> {
    await this.courseProducts.onUpdated(event.data);
  }

  @EventHandler(CourseArchived, { consumer: 'course-products-archived' })
  async onArchived(event: EventEnvelope<EventData<typeof CourseArchived>>): Promise<void> {
    await this.courseProducts.onArchived(event.data);
  }
}
