import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '../common/validators';

/** `POST /categories` (admin). Names are unique among siblings, case-insensitively. */
export class CreateCategoryBody {
  @ApiProperty({ example: 'Web development', maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'Parent category; omit for a top-level one' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class CreateCategoryRequest extends CreateCategoryBody {}

/** A node of `GET /categories`: the whole tree, children sorted by name. */
export interface CategoryView {
  id: string;
  name: string;
  /** Path of slugs from the root, e.g. `programming/web-development`. */
  slug: string;
  parentId: string | null;
  children: CategoryView[];
}
