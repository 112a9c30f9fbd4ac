import { mkdtempSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMetricsText, sumOf } from './metrics/text-format';
import { type SandboxProcess, sandboxScript, startSandbox } from './testing/sandbox-process';

describe('the demo sandbox service', () => {
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    sandbox = await startSandbox({ SANDBOX_RELEASE: '8b71ff7' });
  });
  afterAll(() => sandbox?.stop());

  const get = async (path: string) => {
    const res = await fetch(`${sandbox.url}${path}`);
    return { status: res.status, text: await res.text() };
  };

  it('serves its page, liveness and readiness on 127.0.0.1, naming its release', async () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.release).toBe('8b71ff7');
    expect((await get('/')).text).toContain('<h1>Demo Shop</h1><p>sandbox · release 8b71ff7</p>');
    expect((await get('/login')).status).toBe(200);
    expect((await get('/health/live')).status).toBe(200);
    expect(JSON.parse((await get('/health')).text)).toMatchObject({ status: 'ok', release: '8b71ff7' });
    expect(await get('/health/ready')).toMatchObject({ status: 200 });
  });

  it('breaks on demand (readiness 503, pages 500) and heals', async () => {
    await sandbox.break();
    expect(await get('/health/ready')).toMatchObject({ status: 503 });
    expect((await get('/')).status).toBe(500);
    expect((await get('/health')).status).toBe(200); // the process still runs …
    expect((await get('/health/live')).status).toBe(503); // … but does not do its work (what a worker's check sees)
    await sandbox.heal();
    expect((await get('/health/ready')).status).toBe(200);
  });

  it('exposes request counters by code and a latency histogram in the Prometheus text format', async () => {
    const page = parseMetricsText((await get('/metrics')).text);
    expect(page.types.get('http_requests_total')).toBe('counter');
    expect(page.types.get('http_request_duration_seconds')).toBe('histogram');
    expect(sumOf(page, 'http_requests_total', (l) => l.code === '500')).toBeGreaterThanOrEqual(1);
    const inf = page.samples.find((s) => s.name === 'http_request_duration_seconds_bucket' && s.labels.le === '+Inf');
    expect(inf?.value).toBe(sumOf(page, 'http_request_duration_seconds_count'));
    expect(page.samples.find((s) => s.name === 'sandbox_build_info')?.labels.release).toBe('8b71ff7');
  });
});

describe('the sandbox release id', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('comes from a VERSION file next to the script when no variable names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-sandbox-'));
    dirs.push(dir);
    copyFileSync(sandboxScript(), join(dir, 'server.mjs'));
    writeFileSync(join(dir, 'VERSION'), 'release-42\n');
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    delete env.SANDBOX_RELEASE;
    const child = spawn(process.execPath, [join(dir, 'server.mjs')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = await once(createInterface({ input: child.stdout }), 'line');
      expect(String(line)).toMatch(/\(release release-42\)$/);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
