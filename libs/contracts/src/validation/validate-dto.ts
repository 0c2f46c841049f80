import { type FieldProblem, ValidationError } from '@platform/common';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { type ValidationError as ClassValidatorError, validate } from 'class-validator';

/** Flattens class-validator's tree into one `{ field, message }` per broken rule, with dotted paths. */
export function fieldProblems(errors: readonly ClassValidatorError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

const NUL = '\u0000';

/**
 * Strings holding U+0000 anywhere in the input, by field. PostgreSQL text cannot store that
 * character: left to the database, a name or search term with a NUL in it was a 500
 * ("invalid byte sequence for encoding UTF8: 0x00"). Walked without recursion, so a deeply
 * nested body cannot exhaust the stack.
 */
export function nulCharacterProblems(input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: Array<{ value: unknown; path: string }> = [{ value: input, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (value.includes(NUL))
        problems.push({ field: path || '(body)', message: 'must not contain the NUL character' });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: `${path}[${index}]` }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value))
        pending.push({ value: item, path: path ? `${path}.${key}` : key });
    }
  }
  return problems.reverse();
}

/**
 * Turns untrusted input into an instance of `dto`, or throws VALIDATION_FAILED listing
 * every bad field. Unknown fields are errors, not silently dropped: a client that sends
 * `isAdmin: true` should hear that it does not exist.
 */
export async function validateDto<T extends object>(dto: ClassConstructor<T>, input: unknown): Promise<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError('The request must be a JSON object', {
      details: [{ field: '(body)', message: 'must be a JSON object' }],
    });
  }
  const instance = plainToInstance(dto, input, { enableImplicitConversion: false });
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  const problems = [...nulCharacterProblems(input), ...fieldProblems(errors)];
  if (problems.length > 0) {
    throw new ValidationError('Request validation failed', { details: problems });
  }
  return instance;
}
