import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { validateDto } from '@platform/contracts';

const UNVALIDATED = new Set<unknown>([String, Number, Boolean, Array, Object]);

/**
 * Validates every @Body(), @Query() and @Param() typed with a DTO class of libs/contracts,
 * with the same rules the services apply (unknown fields rejected, each bad field named in
 * `details`), so bad input is answered at the edge and never costs a service call.
 */
@Injectable()
export class DtoValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { type, metatype } = metadata;
    if (type === 'custom' || !metatype || UNVALIDATED.has(metatype)) return value;
    // A route without a query string still validates its query DTO (required fields, defaults).
    const input = value === undefined && type !== 'body' ? {} : value;
    return validateDto(metatype as new () => object, input);
  }
}
