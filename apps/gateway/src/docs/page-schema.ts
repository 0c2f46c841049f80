import { type Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { type Page } from '@platform/contracts';

/**
 * The OpenAPI shape of `{ items, total, limit, offset }` for one item schema, named
 * `<Item>PageSchema` in the document (Swagger names a schema after its class).
 */
export function pageSchemaOf<T>(item: Type<T>, name: string): Type<Page<T>> {
  class PageSchema implements Page<T> {
    @ApiProperty({ type: item, isArray: true }) items!: T[];
    @ApiProperty() total!: number;
    @ApiProperty({ description: 'At most 100; 20 unless asked' }) limit!: number;
    @ApiProperty() offset!: number;
  }
  Object.defineProperty(PageSchema, 'name', { value: name });
  return PageSchema;
}
