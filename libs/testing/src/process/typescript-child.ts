import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The require hook that compiles TypeScript like jest does (see register-typescript.js). */
export const TYPESCRIPT_HOOK = join(__dirname, 'register-typescript.js');

export interface TypeScriptChildOptions {
  args?: string[];
  /** Added to the parent's environment (which carries TEST_POSTGRES_URL and friends). */
  env?: Record<string, string>;
  cwd?: string;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A TypeScript file running in its own Node process, for tests that must kill a process
 * mid-work (SIGKILL between commit and publish) and start another. Output is collected so
 * a test can wait for a line the child prints when it reached a point of interest.
 */
export class TypeScriptChild {
  readonly exited: Promise<ChildExit>;
  private text = '';
  private readonly listeners = new Set<() => void>();

  private constructor(readonly process: ChildProcess) {
    const collect = (chunk: Buffer): void => {
      this.text += chunk.toString();
      for (const listener of this.listeners) listener();
    };
    process.stdout?.on('data', collect);
    process.stderr?.on('data', collect);
    this.exited = new Promise((resolvePromise) => {
      process.once('exit', (code, signal) => {
        resolvePromise({ code, signal });
        for (const listener of this.listeners) listener();
      });
    });
  }

  static spawn(file: string, options: TypeScriptChildOptions = {}): TypeScriptChild {
    const child = spawn(process.execPath, ['-r', TYPESCRIPT_HOOK, resolve(file), ...(options.args ?? [])], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new TypeScriptChild(child);
  }

  /** Everything the child wrote to stdout and stderr so far. */
  get output(): string {
    return this.text;
  }

  get isRunning(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Resolves with the first match of `pattern` in the output; rejects if the child exits or time runs out. */
  waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => finish(new Error(`No ${pattern} within ${timeoutMs} ms`)), timeoutMs);
      const check = (): void => {
        const match = this.text.match(pattern);
        if (match) return finish(undefined, match);
        if (!this.isRunning) finish(new Error(`Child exited before printing ${pattern}`));
      };
      const finish = (error?: Error, match?: RegExpMatchArray): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (match) return resolvePromise(match);
        reject(new Error(`${error?.message ?? 'failed'}. Output:\n${this.text.slice(-4_000)}`));
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends `signal` (SIGKILL by default: no shutdown hooks, like a crash) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ChildExit> {
    if (this.isRunning) this.process.kill(signal);
    return this.exited;
  }
}
