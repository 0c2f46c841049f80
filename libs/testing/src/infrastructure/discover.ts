import { type StartedTestContainer } from 'testcontainers';
import { hasDockerEngine, isUrlReachable } from './probe';

export interface ServerSpec {
  name: string;
  /** Environment variables a developer or CI may set, first match wins. */
  envVars: readonly string[];
  localUrl: string;
  /** Starts a throwaway server where a Docker engine exists. */
  startContainer: () => Promise<{ url: string; container: StartedTestContainer }>;
}

export interface Discovered {
  url?: string;
  source: 'env' | 'localhost' | 'container' | 'missing';
  tried: string[];
  container?: StartedTestContainer;
}

/**
 * Finds a server: an URL from the environment, then the default port on localhost, then
 * a container when a Docker engine is present. Returns what it tried, so a missing server
 * can be reported in one line.
 */
export async function discover(spec: ServerSpec): Promise<Discovered> {
  const tried: string[] = [];
  for (const variable of spec.envVars) {
    const url = process.env[variable];
    if (!url) continue;
    if (await isUrlReachable(url)) return { url, source: 'env', tried };
    tried.push(`${variable} (${redactUrl(url)}) unreachable`);
  }
  if (await isUrlReachable(spec.localUrl)) return { url: spec.localUrl, source: 'localhost', tried };
  tried.push(`${redactUrl(spec.localUrl)} closed`);
  if (!hasDockerEngine()) {
    tried.push('no Docker engine for testcontainers');
    return { source: 'missing', tried };
  }
  try {
    const { url, container } = await spec.startContainer();
    return { url, source: 'container', tried, container };
  } catch (error) {
    tried.push(`testcontainers failed: ${error instanceof Error ? error.message : String(error)}`);
    return { source: 'missing', tried };
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
