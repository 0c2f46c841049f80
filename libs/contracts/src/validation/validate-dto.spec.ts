import { ValidationError } from '@platform/common';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../common/page';
import { nulCharacterProblems, validateDto } from './validate-dto';

class ProfileDto {
  @IsString()
  @MaxLength(10)
  name!: string;

  @IsOptional()
  @IsString()
  bio?: string;
}

async function problemsOf(input: unknown): Promise<unknown> {
  const error = await validateDto(ProfileDto, input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).details;
}

describe('validateDto', () => {
  it('refuses a NUL character in any string, naming the field, beside the other problems', async () => {
    expect(await problemsOf({ name: 'Ada\u0000', bio: 'x\u0000', extra: 1 })).toEqual([
      { field: 'name', message: 'must not contain the NUL character' },
      { field: 'bio', message: 'must not contain the NUL character' },
      { field: 'extra', message: 'extra is not a known field; allowed: name, bio' },
    ]);
  });

  it('accepts every other character', async () => {
    await expect(
      validateDto(ProfileDto, { name: "O'B\u00e9\u200b\t", bio: '\u{1F600}' }),
    ).resolves.toBeInstanceOf(ProfileDto);
  });
});

describe('nulCharacterProblems', () => {
  it('names nested fields the way validation details do', () => {
    expect(
      nulCharacterProblems({ items: [{ title: 'ok' }, { title: '\u0000' }], tags: ['a', 'b\u0000'] }),
    ).toEqual([
      { field: 'items[1].title', message: 'must not contain the NUL character' },
      { field: 'tags[1]', message: 'must not contain the NUL character' },
    ]);
  });

  it('walks a very deeply nested body without exhausting the stack', () => {
    let deep: unknown = '\u0000';
    for (let depth = 0; depth < 200_000; depth += 1) deep = [deep];
    expect(nulCharacterProblems(deep)).toHaveLength(1);
  });
});

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

async function unknownFieldDetails(
  dto: new () => object,
  input: unknown,
): Promise<{ field: string; message: string }[]> {
  const error = await validateDto(dto, input).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).details as { field: string; message: string }[];
}

describe('validateDto on unknown fields', () => {
  it('answers an unknown field with the fields the request does accept, inherited ones included', async () => {
    expect(await unknownFieldDetails(ListThings, { q: 'x', sort: 'price' })).toEqual([
      { field: 'sort', message: 'sort is not a known field; allowed: q, items, limit, offset' },
    ]);
  });

  it('names the allowed fields of the nested object an unknown field sits in', async () => {
    expect(await unknownFieldDetails(ListThings, { items: [{ name: 'a', colour: 'red' }] })).toEqual([
      { field: 'items[0].colour', message: 'colour is not a known field; allowed: name' },
    ]);
  });

  it('keeps the other rules and their messages, and never echoes a value', async () => {
    const problems = await unknownFieldDetails(ListThings, { limit: 1000, q: 7, secret: 'hunter2' });
    expect(problems.map((problem) => problem.field).sort()).toEqual(['limit', 'q', 'secret']);
    expect(problems.find((problem) => problem.field === 'q')?.message).toBe('q must be a string');
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });
});
