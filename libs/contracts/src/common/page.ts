import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?limit=&offset=` of every list (API.md): limit capped at 100, default 20. */
export class PageQuery {
  @ApiProperty({ required: false, minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** Bounded so it stays exact in JSON and fits PostgreSQL's OFFSET (a bigint): beyond, it was a 400 naming no field. */
  @ApiProperty({ required: false, minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;
}

/** `{ items, total, limit, offset }`. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Feeds and messages page by cursor: `{ items, nextCursor }`. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}
