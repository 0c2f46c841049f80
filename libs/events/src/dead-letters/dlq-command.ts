import { parseArgs } from 'node:util';
import { type NatsConnection, connect } from 'nats';
import { EVENT_DEFAULTS } from '../events.options';
import { JS_ERROR, jetStreamErrorCode } from '../jetstream/jetstream-errors';
import { type DeadLetterEntry, DeadLetterQueue } from './dead-letter-queue';

export const DLQ_USAGE = `Usage: npm run dlq -- <command> [options]

  list [--consumer <service-consumer>] [--from <seq>] [--limit <n>]   parked messages, oldest first
  show <seq>                                                          one message: headers and body
  replay <seq>... [--keep]                                            put messages back on their subject
  replay --all [--consumer <service-consumer>]                        put back all (of one consumer)
  delete <seq>...                                                     drop messages for good

Options:
  --nats <url>       NATS server (default $NATS_URL or nats://127.0.0.1:4222)
  --stream <name>    dead-letter stream (default $EVENTS_DLQ_STREAM or ${EVENT_DEFAULTS.deadLetterStreamName})
  --json             machine-readable output
`;

export interface DlqCommandIo {
  write(text: string): void;
  env: NodeJS.ProcessEnv;
  connect?: (url: string) => Promise<NatsConnection>;
}

/** Parses and runs one DLQ command; returns the process exit code (2 = usage error). */
export async function runDlqCommand(argv: string[], io: DlqCommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.write(`${(error as Error).message}\n\n${DLQ_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    io.write(DLQ_USAGE);
    return command || values.help ? 0 : 2;
  }
  const sequences = rest.map(Number);
  if (sequences.some((seq) => !Number.isInteger(seq) || seq < 1)) {
    io.write(`Sequences are positive integers, got: ${rest.join(' ')}\n`);
    return 2;
  }
  const url = values.nats ?? io.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const stream = values.stream ?? io.env.EVENTS_DLQ_STREAM ?? EVENT_DEFAULTS.deadLetterStreamName;
  const nats = await (io.connect ?? ((servers) => connect({ servers, name: 'dlq-cli', timeout: 5_000 })))(
    url,
  );
  try {
    await nats.jetstreamManager().then((jsm) => jsm.streams.info(stream));
  } catch (error) {
    await nats.close();
    if (jetStreamErrorCode(error) !== JS_ERROR.streamNotFound) throw error;
    io.write(`No stream ${stream} on ${url}: no service has created it yet, or --stream names another\n`);
    return 1;
  }
  try {
    const queue = new DeadLetterQueue(nats.jetstream(), await nats.jetstreamManager(), stream);
    const print = (value: unknown, text: string): void =>
      io.write(values.json ? `${JSON.stringify(value)}\n` : text);
    switch (command) {
      case 'list': {
        const entries = await queue.list({
          ...(values.consumer ? { consumer: values.consumer } : {}),
          ...(values.from ? { fromSeq: Number(values.from) } : {}),
          limit: values.limit ? Number(values.limit) : 50,
        });
        print(entries.map(summary), entries.length === 0 ? `${stream} is empty\n` : table(entries));
        return 0;
      }
      case 'show': {
        if (sequences.length !== 1) return usage(io, 'show takes one sequence');
        const entry = await queue.find(sequences[0]);
        if (!entry) return missing(io, stream, sequences[0]);
        print({ ...summary(entry), headers: entry.headers, body: bodyOf(entry) }, details(entry));
        return 0;
      }
      case 'replay': {
        if (values.all) {
          const results = await queue.replayAll(values.consumer ? { consumer: values.consumer } : {});
          print(results, `Replayed ${results.length} messages\n`);
          return 0;
        }
        if (sequences.length === 0) return usage(io, 'replay takes sequences, or --all');
        for (const seq of sequences) {
          if (!(await queue.find(seq))) return missing(io, stream, seq);
          const result = await queue.replay(seq, { keep: values.keep ?? false });
          print(result, `Replayed #${seq} to ${result.subject} (stream sequence ${result.streamSequence})\n`);
        }
        return 0;
      }
      case 'delete': {
        if (sequences.length === 0) return usage(io, 'delete takes sequences');
        for (const seq of sequences) {
          if (!(await queue.delete(seq).catch(() => false))) return missing(io, stream, seq);
          print({ deleted: seq }, `Deleted #${seq}\n`);
        }
        return 0;
      }
      default:
        return usage(io, `Unknown command "${command}"`);
    }
  } finally {
    await nats.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      nats: { type: 'string' },
      stream: { type: 'string' },
      consumer: { type: 'string' },
      from: { type: 'string' },
      limit: { type: 'string' },
      keep: { type: 'boolean' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function usage(io: DlqCommandIo, problem: string): number {
  io.write(`${problem}\n\n${DLQ_USAGE}`);
  return 2;
}

function missing(io: DlqCommandIo, stream: string, seq: number): number {
  io.write(`No dead letter #${seq} in ${stream}\n`);
  return 1;
}

function summary(entry: DeadLetterEntry) {
  const { data: _data, headers: _headers, ...rest } = entry;
  return rest;
}

function bodyOf(entry: DeadLetterEntry): unknown {
  const text = new TextDecoder().decode(entry.data);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function table(entries: DeadLetterEntry[]): string {
  const rows = entries.map((e) => [
    `#${e.seq}`,
    e.parkedAt.toISOString(),
    e.consumer ?? '?',
    e.eventType ?? '?',
    e.eventId ?? '?',
    `${e.reason ?? '?'} x${e.deliveries ?? '?'}`,
    (e.error ?? '').slice(0, 80),
  ]);
  const header = ['SEQ', 'PARKED', 'CONSUMER', 'TYPE', 'EVENT', 'REASON', 'ERROR'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return (
    [header, ...rows]
      .map((r) =>
        r
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

function details(entry: DeadLetterEntry): string {
  const headers = Object.entries(entry.headers).map(([name, value]) => `  ${name}: ${value}`);
  return `Dead letter #${entry.seq} (parked ${entry.parkedAt.toISOString()})\n${headers.join('\n')}\n\n${JSON.stringify(bodyOf(entry), null, 2)}\n`;
}
