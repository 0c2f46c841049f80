import { Injectable, Logger } from '@nestjs/common';
import { DuplicateKeyError } from '@platform/common';
import { runInTransaction } from '@platform/database';
import {
  type CourseArchived,
  type CoursePublished,
  type CourseUpdated,
  type EventData,
} from '@platform/events';
import { type Product } from '../products/product.entity';
import { ProductsRepository } from '../products/products.repository';
import { explainProductDuplicate } from '../products/products.service';

/** What the course events tell about a course's product. */
interface CourseListing {
  courseId: string;
  instructorId: string;
  title: string;
  priceCents: number;
  currency: string;
  /** Published and not free: for sale. */
  forSale: boolean;
}

export const courseSku = (courseId: string): string => `COURSE-${courseId}`;

/**
 * Keeps each course's product in step with the course: a published paid course is for sale
 * at the course's price; unpublished, free or archived, it is not (archiving is final).
 * Course events may arrive late or twice: updates carry the course version and an older one
 * than applied changes nothing; applying the same event twice gives the same product.
 */
@Injectable()
export class CourseProductsService {
  private readonly logger = new Logger(CourseProductsService.name);

  constructor(private readonly products: ProductsRepository) {}

  /**
   * Creates the product of a course seen for sale for the first time, and does nothing more.
   * This event carries no course version and has its own consumer, so it may be handled after
   * course.course.updated events that are newer than it (course writes one of those with every
   * publish): letting it update an existing product would put back an old price, or put an
   * unpublished course on sale again. The versioned updates keep an existing product in step.
   */
  onPublished(data: EventData<typeof CoursePublished>): Promise<Product | null> {
    return runInTransaction(async () => {
      const existing = await this.products.findByCourseId(data.courseId);
      if (existing || data.priceCents === 0) return existing;
      return (await this.create({ ...data, forSale: true })) ?? this.products.findByCourseId(data.courseId);
    });
  }

  onUpdated(data: EventData<typeof CourseUpdated>): Promise<Product | null> {
    return this.apply({ ...data, forSale: data.status === 'published' && data.priceCents > 0 }, data.version);
  }

  onArchived(data: EventData<typeof CourseArchived>): Promise<Product | null> {
    return runInTransaction(async () => {
      const product = await this.products.findByCourseId(data.courseId);
      if (!product) return null;
      return this.products.update(product.id, {
        isActive: false,
        courseArchivedAt: product.courseArchivedAt ?? new Date(),
      });
    });
  }

  private apply(listing: CourseListing, courseVersion?: number): Promise<Product | null> {
    return runInTransaction(async () => {
      let product = await this.products.findByCourseId(listing.courseId);
      if (!product) {
        // A free or unpublished course needs no product until it is for sale.
        if (!listing.forSale) return null;
        const created = await this.create(listing, courseVersion);
        if (created) return created;
        product = await this.products.findByCourseId(listing.courseId);
        if (!product) throw new Error(`The product of course ${listing.courseId} vanished while created`);
      }
      if (
        courseVersion !== undefined &&
        product.courseVersion !== null &&
        courseVersion <= product.courseVersion
      ) {
        this.logger.debug(
          `Ignoring course ${listing.courseId} v${courseVersion}: v${product.courseVersion} applied`,
        );
        return product;
      }
      return this.products.update(product.id, {
        name: listing.title.slice(0, 200),
        priceCents: listing.priceCents,
        currency: listing.currency,
        ownerId: listing.instructorId,
        isActive: listing.forSale && product.courseArchivedAt === null,
        courseVersion: courseVersion ?? product.courseVersion,
      });
    });
  }

  /**
   * The course's product, new; null when the handler of the other event of the same publish
   * (course.course.published and .updated come together, to two consumers) created it at the
   * same moment. In a savepoint, so that losing the race leaves this transaction usable
   * instead of failing the delivery into a retry (and a warning) on every publish.
   */
  private async create(listing: CourseListing, courseVersion?: number): Promise<Product | null> {
    try {
      return await runInTransaction(
        () =>
          this.products.create({
            sku: courseSku(listing.courseId),
            name: listing.title.slice(0, 200),
            priceCents: listing.priceCents,
            currency: listing.currency,
            courseId: listing.courseId,
            isActive: true,
            ownerId: listing.instructorId,
            courseVersion: courseVersion ?? null,
          }),
        { savepoint: true },
      );
    } catch (error) {
      if (isDuplicateOn(error, 'uq_products_course_id')) return null;
      throw explainProductDuplicate(error, courseSku(listing.courseId), listing.courseId);
    }
  }
}

function isDuplicateOn(error: unknown, constraint: string): boolean {
  return (
    error instanceof DuplicateKeyError &&
    (error.details as { constraint?: string } | undefined)?.constraint === constraint
  );
}
