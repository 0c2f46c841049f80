export default async function globalTeardown(): Promise<void> {
  const containers = globalThis.__TEST_CONTAINERS__ ?? [];
  await Promise.all(containers.map((container) => container.stop()));
}
