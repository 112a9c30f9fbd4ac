/**
 * The sandbox's control endpoints, as the demo runtime calls them: its state (mode, releases), break and heal.
 * Each call has a short timeout: a sandbox that does not answer within a second is reported, never waited for.
 */
import { z } from 'zod';

const stateSchema = z.object({
  service: z.string(),
  mode: z.enum(['ok', 'down', 'slow']),
  ready: z.boolean(),
  releases: z.array(z.object({ host: z.string(), release: z.string().nullable(), broken: z.boolean() })),
});
export type SandboxState = z.infer<typeof stateSchema>;

const TIMEOUT_MS = 1_000;

/** The sandbox's own account of itself, or null when nothing that speaks the sandbox's language answers. */
export async function sandboxState(url: string, timeoutMs = TIMEOUT_MS): Promise<SandboxState | null> {
  try {
    const res = await fetch(`${url}/__sandbox/state`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    const parsed = stateSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function post(url: string, path: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${url}${path}`, { method: 'POST', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new Error(`the sandbox at ${url} did not answer`);
  }
  if (!res.ok) throw new Error(`the sandbox at ${url} answered ${res.status} to ${path}`);
}

export function breakSandbox(url: string, mode: 'down' | 'slow'): Promise<void> {
  return post(url, `/__sandbox/break?mode=${mode}`);
}

export function healSandbox(url: string): Promise<void> {
  return post(url, '/__sandbox/heal');
}
