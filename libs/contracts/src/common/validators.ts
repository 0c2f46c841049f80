import { Transform } from 'class-transformer';
import { type ValidationOptions, registerDecorator } from 'class-validator';

const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC']));

/** An IANA time zone name known to the runtime (`Europe/Berlin`). */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be an IANA time zone such as Europe/Berlin`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && TIME_ZONES.has(value) },
    });
}

/** Trims surrounding white space of a string before validation (names, titles). */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Lower-cases and trims an email before validation; uniqueness is case-insensitive. */
export const NormalizeEmail = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );
