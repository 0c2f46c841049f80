import { RequestContext } from '@platform/common';
import {
  CheckViolationError,
  Transactional,
  afterCommit,
  registerDefaultDataSource,
  runInTransaction,
  unregisterDefaultDataSource,
} from '@platform/database';
import { type GadgetDatabase, openGadgetDatabase } from './fixtures/gadget-database';
import {
  Gadget,
  GadgetNotesRepository,
  GadgetsRepository,
  TalliesRepository,
} from './fixtures/gadget.entities';

let db: GadgetDatabase;
let gadgets: GadgetsRepository;
let notes: GadgetNotesRepository;

beforeAll(async () => {
  db = await openGadgetDatabase('transactions');
  registerDefaultDataSource(db.dataSource);
  gadgets = new GadgetsRepository(db.dataSource);
  notes = new GadgetNotesRepository(db.dataSource);
});

afterAll(async () => {
  unregisterDefaultDataSource(db.dataSource);
  await db.close();
});

beforeEach(() => db.dataSource.query('TRUNCATE gadgets, gadget_notes, tallies CASCADE'));

const sku = (): string => `SKU-${Math.random().toString(36).slice(2, 10)}`;

class Workshop {
  innerRuns = 0;

  @Transactional()
  async buildWithNote(fail: boolean): Promise<string> {
    const gadget = await gadgets.create({ name: 'Lamp', sku: sku(), priceCents: 10 });
    await this.addNote(gadget.id);
    if (fail) throw new Error('outer failed after the inner call returned');
    return gadget.id;
  }

  @Transactional()
  async addNote(gadgetId: string): Promise<void> {
    this.innerRuns += 1;
    await notes.create({ gadgetId, body: 'note' });
  }

  @Transactional({ savepoint: true })
  async addNoteOrFail(gadgetId: string): Promise<void> {
    afterCommit(() => {
      throw new Error('a rolled-back savepoint must drop its hooks');
    });
    await notes.create({ gadgetId, body: 'doomed' });
    throw new Error('inner failed');
  }
}

describe('transactions', () => {
  it('a rollback undoes writes made through two different repositories', async () => {
    await expect(
      runInTransaction(async () => {
        const gadget = await gadgets.create({ name: 'Kettle', sku: sku(), priceCents: 10 });
        await notes.create({ gadgetId: gadget.id, body: 'will vanish' });
        expect((await notes.list()).total).toBe(1); // visible inside the transaction
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await gadgets.list()).total).toBe(0);
    expect((await notes.list()).total).toBe(0);
  });

  it('a nested @Transactional() joins the outer transaction: one connection, one fate', async () => {
    const workshop = new Workshop();
    await expect(workshop.buildWithNote(true)).rejects.toThrow('outer failed');
    expect((await gadgets.list()).total).toBe(0);
    expect((await notes.list()).total).toBe(0);

    const id = await workshop.buildWithNote(false);
    expect((await notes.list({ filter: { gadgetId: { eq: id } } })).total).toBe(1);

    const backends = await runInTransaction(async (outer) => {
      const first = await outer.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      const second = await runInTransaction(
        async (inner) => await inner.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid'),
      );
      return [first[0].pid, second[0].pid];
    });
    expect(backends[0]).toBe(backends[1]);
  });

  it('a savepoint rolls back alone and the outer transaction commits', async () => {
    const workshop = new Workshop();
    const hooks: string[] = [];
    const gadgetId = await runInTransaction(async () => {
      const gadget = await gadgets.create({ name: 'Fan', sku: sku(), priceCents: 10 });
      afterCommit(() => void hooks.push('outer'));
      await expect(workshop.addNoteOrFail(gadget.id)).rejects.toThrow('inner failed');
      await notes.create({ gadgetId: gadget.id, body: 'kept' });
      return gadget.id;
    });
    expect(await gadgets.findById(gadgetId)).not.toBeNull();
    const kept = await notes.list({ filter: { gadgetId: { eq: gadgetId } } });
    expect(kept.items.map((n) => n.body)).toEqual(['kept']);
    expect(hooks).toEqual(['outer']);
  });

  it('after-commit hooks run after the commit and never after a rollback', async () => {
    const seen: string[] = [];
    await runInTransaction(async () => {
      await gadgets.create({ name: 'Bulb', sku: sku(), priceCents: 10 });
      afterCommit(async () => {
        seen.push(`committed rows: ${(await db.dataSource.query('SELECT count(*) FROM gadgets'))[0].count}`);
      });
      seen.push('inside');
    });
    await runInTransaction(async () => {
      afterCommit(() => void seen.push('never'));
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect(seen).toEqual(['inside', 'committed rows: 1']);
  });

  it('audit columns carry the user id of the request context', async () => {
    const creator = '01890000-0000-7000-8000-00000000000a';
    const editor = '01890000-0000-7000-8000-00000000000b';
    const created = await RequestContext.run({ correlationId: 'c1', userId: creator, roles: [] }, () =>
      gadgets.create({ name: 'Audited', sku: sku(), priceCents: 10 }),
    );
    expect(created).toMatchObject({ createdBy: creator, updatedBy: creator });
    const updated = await RequestContext.run({ correlationId: 'c2', userId: editor, roles: [] }, () =>
      gadgets.update(created.id, { priceCents: 20 }),
    );
    expect(updated).toMatchObject({ createdBy: creator, updatedBy: editor });

    // manager.save() goes through the audit subscriber instead of the repository.
    const saved = await RequestContext.run({ correlationId: 'c3', userId: editor, roles: [] }, () =>
      db.dataSource.manager.save(
        db.dataSource.manager.create(Gadget, { name: 'Saved', sku: sku(), priceCents: 1 }),
      ),
    );
    expect(saved.createdBy).toBe(editor);
  });

  it('errors inside a transaction come out typed', async () => {
    await expect(
      runInTransaction(() => gadgets.create({ name: 'Bad', sku: sku(), priceCents: -5 })),
    ).rejects.toBeInstanceOf(CheckViolationError);
  });

  it('serialization failures are retried at the outermost scope only, and the result is exact', async () => {
    const tallies = new TalliesRepository(db.dataSource);
    const tally = await tallies.create({ name: 'serializable' });
    let outerRuns = 0;
    let innerRuns = 0;
    const increment = (): Promise<void> =>
      runInTransaction(
        async (manager) => {
          outerRuns += 1;
          const [row] = await manager.query<
            {
              value: number;
            }[]
          >('SELECT value FROM tallies WHERE id = $1', [tally.id]);
          // Let the other transactions read the same value before anyone writes.
          await new Promise((resolve) => setTimeout(resolve, 20));
          await runInTransaction(async (inner) => {
            innerRuns += 1;
            await inner.query('UPDATE tallies SET value = $1 WHERE id = $2', [row.value + 1, tally.id]);
          });
        },
        { isolation: 'SERIALIZABLE', maxAttempts: 10 },
      );
    await Promise.all([increment(), increment(), increment()]);
    expect((await tallies.getById(tally.id)).value).toBe(3);
    expect(outerRuns).toBeGreaterThan(3); // at least one conflict happened and was retried
    expect(innerRuns).toBe(outerRuns); // the joined inner scope never retried on its own
  });

  it('gives up after maxAttempts with a TransactionConflictError', async () => {
    const tallies = new TalliesRepository(db.dataSource);
    const tally = await tallies.create({ name: 'hopeless' });
    const increment = (): Promise<void> =>
      runInTransaction(
        async (manager) => {
          const [row] = await manager.query<
            {
              value: number;
            }[]
          >('SELECT value FROM tallies WHERE id = $1', [tally.id]);
          await new Promise((resolve) => setTimeout(resolve, 30));
          await manager.query('UPDATE tallies SET value = $1 WHERE id = $2', [row.value + 1, tally.id]);
        },
        { isolation: 'SERIALIZABLE', maxAttempts: 1 },
      );
    const results = await Promise.allSettled([increment(), increment()]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toMatchObject({ code: 'TRANSACTION_CONFLICT' });
  });
});
