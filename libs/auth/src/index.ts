export * from './access-token';
export * from './authorization';
