import { ValidationError } from '@platform/common';
import { Type } from 'class-transformer';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import { PageQuery } from '../common/page';
import { validateDto } from './validate-dto';

class Item {
  @IsString()
  name!: string;
}

class ListThings extends PageQuery {
  @IsOptional()
  @IsString()
  q?: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Item)
  items?: Item[];
}

async function details(dto: new () => object, input: unknown): Promise<{ field: string; message: string }[]> {
  const error = await validateDto(dto, input).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).details as { field: string; message: string }[];
}

describe('validateDto', () => {
  it('answers an unknown field with the fields the request does accept, inherited ones included', async () => {
    expect(await details(ListThings, { q: 'x', sort: 'price' })).toEqual([
      { field: 'sort', message: 'sort is not a known field; allowed: q, items, limit, offset' },
    ]);
  });

  it('names the allowed fields of the nested object an unknown field sits in', async () => {
    expect(await details(ListThings, { items: [{ name: 'a', colour: 'red' }] })).toEqual([
      { field: 'items[0].colour', message: 'colour is not a known field; allowed: name' },
    ]);
  });

  it('keeps the other rules and their messages, and never echoes a value', async () => {
    const problems = await details(ListThings, { limit: 1000, q: 7, secret: 'hunter2' });
    expect(problems.map((problem) => problem.field).sort()).toEqual(['limit', 'q', 'secret']);
    expect(problems.find((problem) => problem.field === 'q')?.message).toBe('q must be a string');
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });
});
