export * from './infrastructure/discover';
export * from './infrastructure/probe';
export * from './infrastructure/servers';
export * from './mongo/describe-with-mongo';
export * from './postgres/migration-checks';
export * from './postgres/schema-snapshot';
export * from './postgres/test-database';
