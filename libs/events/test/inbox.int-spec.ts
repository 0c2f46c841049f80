import { newId } from '@platform/common';
import { type EventEnvelope, PostgresInbox, UserDeleted } from '@platform/events';
import { type TestDatabase, createTestDatabase, sampleEnvelope, waitUntil } from '@platform/testing';
import { type DataSource } from 'typeorm';
import { recordSideEffect } from './fixtures/event-test-app';
import { openEventDataSource } from './fixtures/relay-harness';

let database: TestDatabase;
let dataSource: DataSource;
let inbox: PostgresInbox;

beforeAll(async () => {
  database = await createTestDatabase('inbox');
  dataSource = await openEventDataSource(database.url);
  await dataSource.runMigrations();
  inbox = new PostgresInbox(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

const envelope = (): EventEnvelope => sampleEnvelope(UserDeleted, { userId: newId() });

const effectsOf = async (event: EventEnvelope): Promise<number> =>
  (
    await dataSource.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM side_effects WHERE event_id = $1',
      [event.id],
    )
  )[0].n;

/** Resolves once another session waits on a lock in this database: the other delivery is blocked on our inbox row. */
const otherDeliveryBlocked = (): Promise<unknown> =>
  waitUntil(
    () =>
      dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      ),
    ([row]) => row.n > 0,
    { timeoutMs: 5_000, what: 'the second delivery to wait on the inbox row' },
  );

describe('PostgresInbox', () => {
  it('runs the handler once when the same event is delivered twice at the same moment', async () => {
    const event = envelope();
    let runs = 0;
    const handler = async (): Promise<void> => {
      runs += 1;
      await otherDeliveryBlocked(); // both deliveries are in flight now
      await recordSideEffect('c', event, {});
    };
    const outcomes = await Promise.all([
      inbox.runOnce('c', event, handler),
      inbox.runOnce('c', event, handler),
    ]);

    expect(outcomes.sort()).toEqual(['duplicate', 'handled']);
    expect(runs).toBe(1);
    expect(await effectsOf(event)).toBe(1);
  });

  it('lets the concurrent copy run when the first handler fails and rolls back', async () => {
    const event = envelope();
    let runs = 0;
    const handler = async (): Promise<void> => {
      runs += 1;
      if (runs === 1) {
        await otherDeliveryBlocked();
        throw new Error('first attempt failed');
      }
      await recordSideEffect('c', event, {});
    };
    const outcomes = await Promise.allSettled([
      inbox.runOnce('c', event, handler),
      inbox.runOnce('c', event, handler),
    ]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'fulfilled')).toEqual({ status: 'fulfilled', value: 'handled' });
    expect(await effectsOf(event)).toBe(1);
  });

  it('handles a redelivery after commit as a no-op, and another consumer independently', async () => {
    const event = envelope();
    const handler = () => recordSideEffect('c', event, {});
    expect(await inbox.runOnce('c', event, handler)).toBe('handled');
    expect(await inbox.runOnce('c', event, handler)).toBe('duplicate');
    expect(await inbox.runOnce('other', event, handler)).toBe('handled');
    expect(await effectsOf(event)).toBe(2);
  });

  it('keeps no inbox row when the handler throws, so the retry runs it', async () => {
    const event = envelope();
    await expect(
      inbox.runOnce('c', event, async () => {
        await recordSideEffect('c', event, {});
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await effectsOf(event)).toBe(0);
    expect(await inbox.runOnce('c', event, () => recordSideEffect('c', event, {}))).toBe('handled');
    expect(await effectsOf(event)).toBe(1);
  });

  it('prunes rows past retention only', async () => {
    await dataSource.query('TRUNCATE inbox');
    const [old, recent] = [envelope(), envelope()];
    await inbox.runOnce('c', old, async () => undefined);
    await inbox.runOnce('c', recent, async () => undefined);
    await dataSource.query(`UPDATE inbox SET processed_at = now() - interval '40 days' WHERE event_id = $1`, [
      old.id,
    ]);
    expect(await inbox.prune(35 * 24 * 3_600_000)).toBe(1);
    expect(await dataSource.query('SELECT event_id FROM inbox')).toEqual([{ event_id: recent.id }]);
  });
});
