import { existsSync } from 'node:fs';
import { Socket } from 'node:net';

/** Whether something accepts TCP connections at host:port within `timeoutMs`. */
export function isPortOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(port, host);
  });
}

export async function isUrlReachable(url: string): Promise<boolean> {
  const parsed = new URL(url);
  const defaultPorts: Record<string, number> = {
    'postgres:': 5432,
    'postgresql:': 5432,
    'redis:': 6379,
    'nats:': 4222,
    'mongodb:': 27017,
  };
  const port = parsed.port ? Number(parsed.port) : (defaultPorts[parsed.protocol] ?? 0);
  return isPortOpen(parsed.hostname, port);
}

/** A Docker engine (not just the client) is what testcontainers needs. */
export function hasDockerEngine(): boolean {
  if (process.env.DOCKER_HOST) return true;
  return existsSync('/var/run/docker.sock');
}
