export * from './access-token';
export * from './authorization';
export * from './password-hasher';
