import { type FieldProblem, ValidationError } from '@platform/common';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import {
  type ValidationError as ClassValidatorError,
  ValidationTypes,
  getMetadataStorage,
  validate,
} from 'class-validator';

/** The fields a DTO class declares (its own and inherited), in declaration order. */
function declaredFields(dto: ClassConstructor<object>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}

/**
 * class-validator says only "property x should not exist"; API.md asks that a field (or a
 * filter, or a sort) the route does not know be answered with the ones it does know.
 */
function constraintMessage(error: ClassValidatorError, type: string, message: string): string {
  const { target } = error;
  if (type !== ValidationTypes.WHITELIST || !target) return message;
  const allowed = declaredFields(target.constructor as ClassConstructor<object>);
  return `${error.property} is not a known field; allowed: ${allowed.join(', ')}`;
}

/** Flattens class-validator's tree into one `{ field, message }` per broken rule, with dotted paths. */
export function fieldProblems(errors: readonly ClassValidatorError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([type, message]) => ({
      field,
      message: constraintMessage(error, type, message),
    }));
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
 * `isAdmin: true` should hear that it does not exist, and which fields do.
 */
export async function validateDto<T extends object>(dto: ClassConstructor<T>, input: unknown): Promise<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError('The request must be a JSON object', {
      details: [{ field: '(body)', message: 'must be a JSON object' }],
    });
  }
  const instance = plainToInstance(dto, input, { enableImplicitConversion: false });
  // `target` lets an unknown field's message list the known ones; values stay out of errors.
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: true, value: false },
  });
  const problems = [...nulCharacterProblems(input), ...fieldProblems(errors)];
  if (problems.length > 0) {
    throw new ValidationError('Request validation failed', { details: problems });
  }
  return instance;
}
