/**
 * Starts the demo's sandbox service (resources/demo/sandbox/server.mjs) as a real child process on a free
 * loopback port, for integration tests and benchmarks; `stop()` always ends it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { appRoot } from '../../paths';

export interface SandboxProcess {
  url: string;
  port: number;
  release: string;
  break(mode?: 'down' | 'slow', delayMs?: number): Promise<void>;
  heal(): Promise<void>;
  stop(): Promise<void>;
}

export const sandboxScript = () => join(appRoot(), 'resources', 'demo', 'sandbox', 'server.mjs');

export async function startSandbox(env: Record<string, string> = {}): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [sandboxScript()], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => String(line)),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the sandbox exited with ${String(code)} before listening`);
    }),
  ]);
  const match = /listening on (http:\/\/127\.0\.0\.1:(\d+)) \(release (.*)\)$/.exec(first);
  if (!match?.[1] || !match[2] || match[3] === undefined) {
    child.kill();
    throw new Error(`unexpected sandbox output: ${first}`);
  }
  const url = match[1];
  const post = async (path: string) => {
    const res = await fetch(`${url}${path}`, { method: 'POST' });
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  };
  return {
    url,
    port: Number(match[2]),
    release: match[3],
    break: (mode = 'down', delayMs) =>
      post(`/__sandbox/break?mode=${mode}${delayMs === undefined ? '' : `&delay=${delayMs}`}`),
    heal: () => post('/__sandbox/heal'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
