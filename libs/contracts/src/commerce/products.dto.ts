import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../common/page';
import { Trim } from '../common/validators';
import { IsAmountCents, IsCurrency } from './money';

/** Stock counts above this are a typo, not a warehouse. */
export const MAX_STOCK = 1_000_000;

/** What anyone sees of a product. `available` is on hand minus reserved; null means unlimited. */
export interface ProductView {
  id: string;
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  courseId: string | null;
  isActive: boolean;
  available: number | null;
  ownerId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Stock of one product, for its managers (admins and its owner). */
export interface InventoryView {
  productId: string;
  /** null = unlimited (not tracked). */
  onHand: number | null;
  reserved: number;
  available: number | null;
}

/** `GET /products?courseId=&includeInactive=&limit=&offset=`. */
export class ListProductsQuery extends PageQuery {
  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiProperty({ required: false, description: 'Admins only: also list products not for sale' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive?: boolean;
}

export class ProductIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class ProductIdRequest {
  @IsUUID()
  productId!: string;
}

/** `POST /products`. */
export class CreateProductRequest {
  @ApiProperty({ example: 'Workbook: TypeScript in depth', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'WB-TS-001', description: 'Unique among live products; A-Z, 0-9, - _ .' })
  @Trim()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: 'sku must be 1 to 64 letters, digits, dots, dashes or underscores',
  })
  sku!: string;

  @IsAmountCents()
  priceCents!: number;

  @IsCurrency()
  currency!: string;

  @ApiProperty({ required: false, nullable: true, description: 'Units on hand; null or absent = unlimited' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  stock?: number | null;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'Admins only: buying it enrolls in the course',
  })
  @IsOptional()
  @IsUUID()
  courseId?: string;
}

/** `PATCH /products/:id` body; `version` is the one last read (stale → 409 VERSION_CONFLICT). */
export class UpdateProductBody {
  @ApiProperty({ required: false, maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsAmountCents({ required: false })
  priceCents?: number;

  @IsOptional()
  @IsCurrency({ required: false })
  currency?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version!: number;
}

export class UpdateProductRequest extends UpdateProductBody {
  @IsUUID()
  productId!: string;
}

/** `PATCH /products/:id/inventory` body: the absolute count on hand; null makes stock unlimited. */
export class SetInventoryBody {
  @ApiProperty({ nullable: true, minimum: 0, maximum: MAX_STOCK })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  onHand!: number | null;
}

export class SetInventoryRequest extends SetInventoryBody {
  @IsUUID()
  productId!: string;
}
