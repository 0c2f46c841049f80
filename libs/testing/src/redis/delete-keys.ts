import { Redis } from 'ioredis';

/** Deletes the keys under `prefix` (a test's or benchmark's own), never anyone else's: SCAN, not FLUSHALL. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  if (!prefix) throw new Error('deleteRedisKeys needs a prefix');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
