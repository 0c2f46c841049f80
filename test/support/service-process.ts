import { join } from 'node:path';
import { TypeScriptChild } from '@platform/testing';
import { connect } from 'nats';
import { waitUntil } from '@platform/testing';

export type ServiceName = 'identity' | 'course' | 'commerce';

const ROOT = join(__dirname, '..', '..');

/**
 * One service running as its own process from its real entry point (apps/<svc>/src/main.ts),
 * as in production: separate process, own database, own data source. Several services in one
 * jest process would share the process-wide default data source of @Transactional().
 */
export class ServiceProcess {
  private child: TypeScriptChild | undefined;

  constructor(
    readonly name: ServiceName,
    private readonly env: Record<string, string>,
    private readonly natsUrl: string,
    private readonly subjectPrefix: string,
  ) {}

  /** Starts the process and waits until it answers its system ping over NATS. */
  async start(): Promise<void> {
    this.child = TypeScriptChild.spawn(join(ROOT, 'apps', this.name, 'src', 'main.ts'), {
      env: this.env,
      cwd: ROOT,
    });
    const child = this.child;
    const nats = await connect({ servers: this.natsUrl, name: `e2e-ping-${this.name}` });
    try {
      await waitUntil(
        async () => {
          if (!child.isRunning)
            throw new Error(`${this.name} exited during start:\n${child.output.slice(-4_000)}`);
          return nats
            .request(`${this.subjectPrefix}${this.name}.system.ping`, new Uint8Array(), { timeout: 500 })
            .then(() => true)
            .catch(() => false);
        },
        (answered) => answered,
        { timeoutMs: 60_000, intervalMs: 200, what: `${this.name} to answer its ping` },
      );
    } finally {
      await nats.close();
    }
  }

  /** Stops like a crash (SIGKILL: no shutdown hooks) or like a deploy (SIGTERM). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.child?.kill(signal);
  }

  get output(): string {
    return this.child?.output ?? '';
  }
}
