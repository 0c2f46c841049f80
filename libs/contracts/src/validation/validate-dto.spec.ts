import { ValidationError } from '@platform/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
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
      { field: 'extra', message: 'property extra should not exist' },
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
