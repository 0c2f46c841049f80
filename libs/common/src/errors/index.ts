export * from './app-error';
export * from './application-errors';
export * from './error-codes';
export * from './error-from-json';
export * from './repository-errors';
