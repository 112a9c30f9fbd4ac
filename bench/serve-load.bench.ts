/**
 * Serve-mode load benchmark (not a test): the real `cockpit serve --demo` process, driven over real sockets.
 *   1. 50 clients × 200 calls of a read (journal.list), each client one call at a time: p50/p99/max latency,
 *      against one client alone measured first in the same run. Target: p99 ≤ 50 ms.
 *   2. 1,000 concurrent deploys.overview calls (50 clients × 20): all answered, how fast, against one overview
 *      alone. Target: all within 5 s.
 *   3. A client that sends 20,000 requests and never reads: what the server's memory does meanwhile.
 * The server's RSS is read from /proc (VmRSS now, VmHWM the peak). Target: under 200 MB in 1 and 2.
 * Run: npm run bench (Linux: reads /proc). The server is the built `bin/cockpit.js serve`, as a user runs it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { rawClient, textFrame } from '../electron/serve/testing/raw-ws';

const root = resolve(import.meta.dirname, '..');
const CLIENTS = 50;
const CALLS = 200;
const OVERVIEWS = 1000;
const READ = 'journal.list';

interface Reply {
  id: number;
  ok: boolean;
  error?: { code: string };
}

/** A client that matches replies to calls by id, as the UI's bridge does. */
class Client {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Partial<Reply>;
      if (typeof message.id !== 'number') return;
      this.pending.get(message.id)?.(message as Reply);
      this.pending.delete(message.id);
    });
  }

  static open(port: number, token: string): Promise<Client> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`, { origin: `http://127.0.0.1:${port}` });
    return new Promise((done, fail) => {
      ws.once('open', () => done(new Client(ws)));
      ws.once('error', fail);
    });
  }

  call(method: string, input: unknown = {}): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((done) => {
      this.pending.set(id, done);
      this.ws.send(JSON.stringify({ id, method, input }));
    });
  }

  close() {
    this.ws.close();
  }
}

function memory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Samples the server's RSS while `work` runs; the highest seen. */
async function watchRss<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  let highest = memory(pid).rssMb;
  const timer = setInterval(() => (highest = Math.max(highest, memory(pid).rssMb)), 20);
  try {
    const result = await work();
    return [result, Math.max(highest, memory(pid).rssMb)];
  } finally {
    clearInterval(timer);
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
const mb = (n: number) => `${n.toFixed(0).padStart(4)} MB`;
const verdict = (ok: boolean) => (ok ? '✓' : '✗');

async function startServe(dataDir: string): Promise<{ child: ChildProcess; port: number; token: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'cockpit.js'), 'serve', '--json', '--demo'], {
    cwd: root,
    env: { ...process.env, COCKPIT_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (!stdout) throw new Error('no stdout pipe');
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: stdout }).once('line', done);
    child.once('exit', (code) => fail(new Error(`cockpit serve exited with ${code}`)));
  });
  const info = JSON.parse(line) as { port: number; token: string };
  return { child, ...info };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-serve-'));
  const { child, port, token } = await startServe(dataDir);
  const pid = child.pid ?? 0;
  let failed = false;
  try {
    // Warm up: the demo seeds its hosts on first open; the first reads compile and cache.
    const warm = await Client.open(port, token);
    await warm.call('deploys.overview');
    for (let i = 0; i < 50; i++) await warm.call(READ);
    // …and the background work a fresh start puts off until its first screen is answered (the demo's sandboxes, the
    // first checks) is done: the figures are of a cockpit that is running, not one still starting.
    for (let waited = 0; waited < 20_000; waited += 100) {
      const reply = (await warm.call('health.overview')) as Reply & {
        value?: { watching: boolean; counts: { unknown: number } };
      };
      if (reply.value?.watching && reply.value.counts.unknown === 0) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    const idle = memory(pid);
    console.log(`server idle after warm-up: RSS ${mb(idle.rssMb)}`);

    // Baseline: one client alone, one call at a time.
    const alone: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      await warm.call(READ);
      alone.push(performance.now() - t);
    }
    alone.sort((a, b) => a - b);

    // 1. 50 clients × 200 calls.
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => Client.open(port, token)));
    const latencies: number[] = [];
    let errors = 0;
    const [, readRss] = await watchRss(pid, () =>
      Promise.all(
        clients.map(async (c) => {
          for (let i = 0; i < CALLS; i++) {
            const t = performance.now();
            const reply = await c.call(READ);
            latencies.push(performance.now() - t);
            if (!reply.ok) errors++;
          }
        }),
      ),
    );
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 0.99);
    console.log(`\n1. ${CLIENTS} clients × ${CALLS} calls of ${READ} (${latencies.length} calls, ${errors} errors)`);
    console.log(`   one client alone      p50 ${ms(percentile(alone, 0.5))}   p99 ${ms(percentile(alone, 0.99))}`);
    console.log(
      `   ${CLIENTS} clients at once     p50 ${ms(percentile(latencies, 0.5))}   p99 ${ms(p99)}   max ${ms(latencies.at(-1) ?? NaN)}   (p99 ${(p99 / percentile(alone, 0.99)).toFixed(1)}× alone)`,
    );
    console.log(`   server RSS peak ${mb(readRss)}`);
    console.log(`   ${verdict(p99 <= 50 && errors === 0)} p99 ≤ 50 ms   ${verdict(readRss < 200)} RSS < 200 MB`);
    failed ||= !(p99 <= 50 && errors === 0 && readRss < 200);

    // 2. 1,000 concurrent overviews, against one alone.
    const t0 = performance.now();
    await warm.call('deploys.overview');
    const oneOverview = performance.now() - t0;
    const perClient = OVERVIEWS / CLIENTS;
    const started = performance.now();
    const [replies, overviewRss] = await watchRss(pid, () =>
      Promise.all(clients.flatMap((c) => Array.from({ length: perClient }, () => c.call('deploys.overview')))),
    );
    const allMs = performance.now() - started;
    const ok = replies.filter((r) => r.ok).length;
    const codes = [...new Set(replies.filter((r) => !r.ok).map((r) => r.error?.code))].join(', ');
    console.log(`\n2. ${OVERVIEWS} concurrent deploys.overview (${CLIENTS} clients × ${perClient})`);
    console.log(`   one overview alone    ${ms(oneOverview)}`);
    console.log(
      `   all ${OVERVIEWS} answered in   ${ms(allMs)}   (${ok} ok${codes ? `, others: ${codes}` : ''}; ${(allMs / oneOverview).toFixed(1)}× one alone)`,
    );
    console.log(`   server RSS peak ${mb(overviewRss)}`);
    console.log(
      `   ${verdict(allMs <= 5000 && ok === OVERVIEWS)} all answered ≤ 5 s   ${verdict(overviewRss < 200)} RSS < 200 MB`,
    );
    failed ||= !(allMs <= 5000 && ok === OVERVIEWS && overviewRss < 200);
    for (const c of clients) c.close();

    // 3. A client that never reads its replies.
    const before = memory(pid).rssMb;
    const stuck = await rawClient({ port, token, noRead: true });
    const request = textFrame(JSON.stringify({ id: 1, method: READ, input: {} }));
    const [, stuckRss] = await watchRss(pid, async () => {
      stuck.send(Buffer.concat(Array.from({ length: 20_000 }, () => request)));
      await new Promise((r) => setTimeout(r, 3000));
    });
    const probe = performance.now();
    await warm.call(READ);
    console.log(`\n3. one client sends 20,000 requests and never reads`);
    console.log(
      `   server RSS ${mb(before)} before, peak ${mb(stuckRss)} during (+${(stuckRss - before).toFixed(0)} MB); another client answered in ${ms(performance.now() - probe)}`,
    );
    stuck.socket.destroy();
    warm.close();
    console.log(`\nserver peak RSS over the whole run (VmHWM): ${mb(memory(pid).peakMb)}`);
  } finally {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

await main();
