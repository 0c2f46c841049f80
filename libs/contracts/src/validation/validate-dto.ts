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
  if (errors.length > 0) {
    throw new ValidationError('Request validation failed', { details: fieldProblems(errors) });
  }
  return instance;
}
