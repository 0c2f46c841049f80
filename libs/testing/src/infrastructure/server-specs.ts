import { type ServerSpec } from './discover';

/** Loaded only where a container is started: importing testcontainers costs every test file ~0.5 s. */
const testcontainers = () => import('testcontainers');

export const postgresSpec: ServerSpec = {
  name: 'PostgreSQL',
  envVars: ['TEST_POSTGRES_URL', 'POSTGRES_URL'],
  localUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  startContainer: async () => {
    const { GenericContainer, Wait } = await testcontainers();
    const container = await new GenericContainer('postgres:16-alpine')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    const url = `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`;
    return { url, container };
  },
};

export const redisSpec: ServerSpec = {
  name: 'Redis',
  envVars: ['TEST_REDIS_URL', 'REDIS_URL'],
  localUrl: 'redis://127.0.0.1:6379',
  startContainer: async () => {
    const { GenericContainer } = await testcontainers();
    const container = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
    return { url: `redis://${container.getHost()}:${container.getMappedPort(6379)}`, container };
  },
};

export const natsSpec: ServerSpec = {
  name: 'NATS',
  envVars: ['TEST_NATS_URL', 'NATS_URL'],
  localUrl: 'nats://127.0.0.1:4222',
  startContainer: async () => {
    const { GenericContainer, Wait } = await testcontainers();
    const container = await new GenericContainer('nats:2.10-alpine')
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start();
    return { url: `nats://${container.getHost()}:${container.getMappedPort(4222)}`, container };
  },
};

export const mongoSpec: ServerSpec = {
  name: 'MongoDB',
  envVars: ['TEST_MONGO_URL', 'MONGO_URL'],
  localUrl: 'mongodb://127.0.0.1:27017/?replicaSet=rs0&directConnection=true',
  startContainer: async () => {
    const { GenericContainer, Wait } = await testcontainers();
    // Transactions (outbox in the same transaction as the change) need a replica set.
    const container = await new GenericContainer('mongo:7')
      .withCommand(['--replSet', 'rs0', '--bind_ip_all'])
      .withExposedPorts(27017)
      .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
      .start();
    await container.exec([
      'mongosh',
      '--quiet',
      '--eval',
      "rs.initiate({_id:'rs0',members:[{_id:0,host:'localhost:27017'}]})",
    ]);
    const url = `mongodb://${container.getHost()}:${container.getMappedPort(27017)}/?replicaSet=rs0&directConnection=true`;
    return { url, container };
  },
};
