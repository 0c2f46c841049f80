import { type TransactionOptions, runInTransaction } from './run-in-transaction';

/**
 * Runs the decorated async method in `runInTransaction`: it joins a transaction already
 * open in the caller's flow, or opens one (retried on serialization failures) and commits
 * when the method resolves. Metadata set by other decorators on the method is kept.
 */
export function Transactional(options: TransactionOptions = {}): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (...args: unknown[]) => Promise<unknown>;
    if (typeof original !== 'function') throw new Error('@Transactional() decorates methods only');
    const wrapped = function (this: unknown, ...args: unknown[]): Promise<unknown> {
      return runInTransaction(() => original.apply(this, args), options);
    };
    for (const key of Reflect.getOwnMetadataKeys(original)) {
      Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, original), wrapped);
    }
    Object.defineProperty(wrapped, 'name', { value: original.name });
    descriptor.value = wrapped;
    return descriptor;
  };
}
