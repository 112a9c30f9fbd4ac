/**
 * Bytes on the wire in serve mode, as Chromium counts them (CDP Network events): the first load of the Overview,
 * the Health screen's extra bytes after it, a reload, and the same first load with compression refused
 * (Accept-Encoding: identity) as the baseline of this run. Also the initial JS of the built files, compressed.
 * Run alone: `node --import tsx bench/wire.bench.ts` (after `npm run build`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Browser, type CDPSession, type Page } from 'playwright-core';
import { launchQuietChromium } from './browser';
import { stats } from './measure';

const root = join(import.meta.dirname, '..');
const renderer = join(root, 'out', 'renderer');
const RUNS = 3;
/** How long the network must stay silent before a phase counts as done (lazy chunks load after the click). */
const QUIET_MS = 600;

type Kind = 'JS' | 'CSS' | 'HTML' | 'other';
type Phase = 'first' | 'afterFirst' | 'health' | 'charts' | 'reload' | 'reloadAgain';

interface Transfer {
  phase: Phase;
  kind: Kind;
  url: string;
  status: number;
  rawStatus?: number;
  encoding: string;
  fromCache: boolean;
  /** Bytes received, headers included, as they came over the socket. */
  wire: number;
  /** Body bytes after decoding. */
  decoded: number;
  done: boolean;
}

/** Collects every HTTP transfer of a page (the WebSocket's frames are not part of it). */
class Recorder {
  readonly transfers = new Map<string, Transfer>();
  phase: Phase = 'first';
  lastActivity = performance.now();

  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => {
      this.touch();
      const kind: Kind =
        e.type === 'Script' ? 'JS' : e.type === 'Stylesheet' ? 'CSS' : e.type === 'Document' ? 'HTML' : 'other';
      this.transfers.set(e.requestId, {
        phase: this.phase,
        kind,
        url: e.request.url,
        status: 0,
        encoding: 'identity',
        fromCache: false,
        wire: 0,
        decoded: 0,
        done: false,
      });
    });
    cdp.on('Network.responseReceived', (e) => {
      this.touch();
      const t = this.transfers.get(e.requestId);
      if (!t) return;
      t.status = e.response.status;
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      t.encoding = headers['content-encoding'] ?? 'identity';
      t.fromCache ||= Boolean(e.response.fromDiskCache);
    });
    // What came over the socket: a revalidated page is reported above as the cached 200, here as the 304 it was.
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      const t = this.transfers.get(e.requestId);
      if (t) t.rawStatus = e.statusCode;
    });
    cdp.on('Network.requestServedFromCache', (e) => {
      const t = this.transfers.get(e.requestId);
      if (t) t.fromCache = true;
    });
    cdp.on('Network.dataReceived', (e) => {
      this.touch();
      const t = this.transfers.get(e.requestId);
      if (t) t.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      this.touch();
      const t = this.transfers.get(e.requestId);
      if (!t) return;
      t.wire = t.fromCache ? 0 : e.encodedDataLength;
      t.done = true;
    });
    cdp.on('Network.loadingFailed', (e) => {
      this.touch();
      const t = this.transfers.get(e.requestId);
      if (t) t.done = true;
    });
  }

  private touch() {
    this.lastActivity = performance.now();
  }

  async quiet(): Promise<void> {
    const deadline = performance.now() + 20_000;
    while (performance.now() < deadline) {
      const pending = [...this.transfers.values()].some((t) => !t.done && t.url.startsWith('http'));
      if (!pending && performance.now() - this.lastActivity >= QUIET_MS) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the page kept loading for 20 s');
  }

  of(phase: Phase): Transfer[] {
    return [...this.transfers.values()].filter((t) => t.phase === phase && t.url.startsWith('http'));
  }
}

interface PhaseFigures {
  byKind: Record<Kind | 'total', { wire: number; decoded: number; files: number }>;
  encodings: string;
  statuses: string;
}

function summarize(transfers: Transfer[]): PhaseFigures {
  const empty = () => ({ wire: 0, decoded: 0, files: 0 });
  const byKind = { JS: empty(), CSS: empty(), HTML: empty(), other: empty(), total: empty() };
  const encodings = new Map<string, number>();
  const statuses = new Map<string, number>();
  for (const t of transfers) {
    for (const bucket of [byKind[t.kind], byKind.total]) {
      bucket.wire += t.wire;
      bucket.decoded += t.decoded;
      bucket.files += 1;
    }
    encodings.set(t.encoding, (encodings.get(t.encoding) ?? 0) + 1);
    const status = t.fromCache ? 'cache' : String(t.rawStatus ?? t.status);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  const list = (m: Map<string, number>) => [...m].map(([k, n]) => `${k}×${n}`).join(', ');
  return { byKind, encodings: list(encodings), statuses: list(statuses) };
}

async function visit(browser: Browser, url: string, refuseCompression: boolean) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (refuseCompression) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  const recorder = new Recorder(cdp);

  await page.goto(url);
  await overviewShown(page);
  // What starts once the Overview shows its data (chunks fetched ahead for later screens) is not what it waited for.
  recorder.phase = 'afterFirst';
  await recorder.quiet();
  const first = summarize(recorder.of('first'));
  const afterFirst = summarize(recorder.of('afterFirst'));
  if (refuseCompression) {
    await context.close();
    return { first, afterFirst };
  }

  recorder.phase = 'health';
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();
  await recorder.quiet();
  const health = summarize(recorder.of('health'));

  // A check's history (status and latency charts) opens when its row is clicked; the chart code comes with it.
  recorder.phase = 'charts';
  await page
    .getByRole('table', { name: /Health checks by service and environment/ })
    .getByRole('row', { name: /^checkout-ready in production/ })
    .click();
  await page
    .getByRole('figure', { name: /Latency of checkout-ready in production/ })
    .locator('.recharts-surface')
    .waitFor();
  await recorder.quiet();
  const charts = summarize(recorder.of('charts'));
  // Whether the chart code comes with the screen or with the row depends on what the screen opens by itself.
  const healthInAll = summarize([...recorder.of('health'), ...recorder.of('charts')]);

  // The first reload asks for another address than the first load (the page took the token out of it), so the
  // browser has nothing to revalidate yet; the second is the reload of every day.
  const reloads: PhaseFigures[] = [];
  for (const phase of ['reload', 'reloadAgain'] as const) {
    recorder.phase = phase;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();
    await recorder.quiet();
    reloads.push(summarize(recorder.of(phase)));
  }
  await context.close();
  return { first, afterFirst, health, charts, healthInAll, reload: reloads[0], reloadAgain: reloads[1] };
}

async function overviewShown(page: Page) {
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.getByText('Demo Shop').first().waitFor();
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Bytes are the same in every run unless something differs; then min / median / max says by how much. */
function spread(samples: number[], unit: (n: number) => string = kib): string {
  const s = stats(samples);
  return s.min === s.max ? unit(s.median) : `${unit(s.median)} (min ${unit(s.min)}, max ${unit(s.max)})`;
}

function printPhase(title: string, runs: PhaseFigures[]) {
  console.log(`${title}:`);
  for (const kind of ['JS', 'CSS', 'HTML', 'other', 'total'] as const) {
    const files = runs.map((r) => r.byKind[kind].files);
    if (kind !== 'total' && stats(files).max === 0) continue;
    const wire = spread(runs.map((r) => r.byKind[kind].wire));
    const decoded = spread(runs.map((r) => r.byKind[kind].decoded));
    console.log(
      `  ${kind.padEnd(5)} ${wire} on the wire (headers included), ${decoded} decoded, ${spread(files, String)} file(s)`,
    );
  }
  console.log(`  run 1: encodings ${runs[0]?.encodings ?? '-'}; statuses ${runs[0]?.statuses ?? '-'}`);
}

/** The JS and CSS index.html loads before anything else, compressed the way the build step does. */
function initialFromBuild() {
  const html = readFileSync(join(renderer, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let raw = 0;
  let gz = 0;
  let br = 0;
  let siblings = 0;
  for (const ref of refs) {
    const file = join(renderer, ref);
    const body = readFileSync(file);
    raw += body.length;
    if (existsSync(`${file}.br`) && existsSync(`${file}.gz`)) siblings++;
    gz += existsSync(`${file}.gz`) ? readFileSync(`${file}.gz`).length : gzipSync(body, { level: 9 }).length;
    br += existsSync(`${file}.br`)
      ? readFileSync(`${file}.br`).length
      : brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { files: refs.length, raw, gz, br, siblings };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-wire-'));
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'cockpit.js'), 'serve', '--json', '--demo', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const browser = await launchQuietChromium();
  try {
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const { url } = JSON.parse(line) as { url: string };
    const compressed = [];
    const identity = [];
    for (let run = 0; run < RUNS; run++) {
      compressed.push(await visit(browser, url, false));
      identity.push(await visit(browser, url, true));
    }

    console.log(`serve mode, Chromium, fresh browser cache each run, ${RUNS} runs (median; min/max where they differ)`);
    const firsts = compressed.map((r) => r.first);
    const baselines = identity.map((r) => r.first);
    printPhase('first load of the Overview, compression negotiated', firsts);
    printPhase('first load of the Overview, compression refused (Accept-Encoding: identity) — baseline', baselines);
    const ratio = (kind: Kind | 'total') =>
      stats(baselines.map((r) => r.byKind[kind].wire)).median / stats(firsts.map((r) => r.byKind[kind].wire)).median;
    console.log(
      `  → compressed first load is ${ratio('total').toFixed(2)}× smaller in total, JS ${ratio('JS').toFixed(2)}× smaller`,
    );
    printPhase(
      'fetched after the Overview showed its data, before any click (ahead of later screens)',
      compressed.map((r) => r.afterFirst),
    );
    printPhase(
      "Health screen's extra bytes (nav link clicked after the Overview)",
      compressed.flatMap((r) => (r.health ? [r.health] : [])),
    );
    printPhase(
      "…and one check's history opened (its row clicked: status and latency charts)",
      compressed.flatMap((r) => (r.charts ? [r.charts] : [])),
    );
    printPhase(
      "Health's extra bytes in all (screen and one check's charts)",
      compressed.flatMap((r) => (r.healthInAll ? [r.healthInAll] : [])),
    );
    printPhase(
      'first reload (the address no longer holds the token, so the page itself is new to the cache)',
      compressed.flatMap((r) => (r.reload ? [r.reload] : [])),
    );
    printPhase(
      'reload again',
      compressed.flatMap((r) => (r.reloadAgain ? [r.reloadAgain] : [])),
    );

    const initial = initialFromBuild();
    console.log(
      `initial JS of the built files: ${kib(initial.raw)} raw, ${kib(initial.gz)} gzip -9, ${kib(initial.br)} brotli 11 (${initial.files} file(s), ${initial.siblings} with build-time .br/.gz siblings)`,
    );
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
