export * from './password-hasher';
export * from './access-token';
export * from './authorization';
