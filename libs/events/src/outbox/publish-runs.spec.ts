import { type OutboxRecord } from './outbox-store';
import { batchResult, groupByAggregate, publishRuns } from './publish-runs';

const record = (id: string, aggregateId: string): OutboxRecord => ({
  id,
  aggregateId,
  trace: null,
  envelope: {
    id,
    type: 'course.course.archived',
    version: 1,
    occurredAt: new Date(0).toISOString(),
    source: 'course',
    aggregateId,
    correlationId: 'c',
    data: {},
  },
});

describe('publishRuns', () => {
  const records = [
    record('a1', 'A'),
    record('b1', 'B'),
    record('a2', 'A'),
    record('a3', 'A'),
    record('b2', 'B'),
  ];

  it('groups by aggregate in outbox order', () => {
    expect(groupByAggregate(records).map((run) => run.map((r) => r.id))).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2'],
    ]);
  });

  it('sends one aggregate strictly in order, awaiting each ack', async () => {
    const order: string[] = [];
    let inFlightForA = 0;
    const outcome = await publishRuns(groupByAggregate(records), async (r) => {
      if (r.aggregateId === 'A') {
        inFlightForA += 1;
        expect(inFlightForA).toBe(1);
      }
      await new Promise((resolve) => setTimeout(resolve, r.aggregateId === 'A' ? 5 : 1));
      order.push(r.id);
      if (r.aggregateId === 'A') inFlightForA -= 1;
      return { duplicate: r.id === 'b2' };
    });
    expect(order.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(outcome).toEqual({
      sent: expect.arrayContaining(['a1', 'a2', 'a3', 'b1', 'b2']),
      duplicates: 1,
      failures: [],
    });
    expect(batchResult(5, outcome)).toEqual({ claimed: 5, published: 4, duplicates: 1, failed: 0 });
  });

  it('stops a run at its first failure and lets other runs finish', async () => {
    const attempted: string[] = [];
    const outcome = await publishRuns(groupByAggregate(records), async (r) => {
      attempted.push(r.id);
      if (r.id === 'a2') throw new Error('nats down');
      return { duplicate: false };
    });
    expect(attempted).not.toContain('a3');
    expect(outcome.sent.sort()).toEqual(['a1', 'b1', 'b2']);
    expect(outcome.failures).toEqual([{ id: 'a2', error: 'nats down' }]);
    expect(batchResult(5, outcome)).toMatchObject({ published: 3, failed: 1, lastError: 'nats down' });
  });
});
