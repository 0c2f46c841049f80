import { connect } from 'nats';
import { type EventsModuleOptions } from '@platform/events';
import { testServers, uniqueTestToken } from '../infrastructure/servers';

export interface TestEventStreams {
  /** Stream names and subject prefixes of this test file; spread into EventsModule.forService. */
  options: Required<
    Pick<
      EventsModuleOptions,
      'streamName' | 'subjectPrefix' | 'deadLetterStreamName' | 'deadLetterSubjectPrefix'
    >
  >;
  /** Deletes both streams (and with them their consumers). Call in afterAll. */
  remove(): Promise<void>;
}

/**
 * Streams and subjects of one test file on the shared NATS server, so files (and other
 * engineers' runs) never see each other's events. The streams are created by the
 * EventsModule under test; `remove()` deletes them.
 */
export function testEventStreams(label = 'events'): TestEventStreams {
  const token = uniqueTestToken(label);
  const options = {
    streamName: `EV_${token}`,
    subjectPrefix: `ev_${token}`,
    deadLetterStreamName: `DLQ_${token}`,
    deadLetterSubjectPrefix: `dlq_${token}`,
  };
  return {
    options,
    remove: async () => {
      const connection = await connect({ servers: testServers.natsUrl(), name: 'test-cleanup' });
      try {
        const jsm = await connection.jetstreamManager();
        for (const stream of [options.streamName, options.deadLetterStreamName]) {
          await jsm.streams.delete(stream).catch(() => false);
        }
      } finally {
        await connection.close();
      }
    },
  };
}
