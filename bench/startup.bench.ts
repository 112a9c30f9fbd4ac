/**
 * Foundation figures: `cockpit serve --demo` start to the Overview with live data in Chromium (median of 5 fresh data
 * folders), split so a regression shows where it is:
 *
 *   process start → URL printed   spawning `bin/cockpit.js serve --json --demo` until its JSON line arrives
 *   → Overview heading             the `<h1>Overview</h1>` is in the page (before it is painted)
 *   URL → first paint              the page's first contentful paint (PerformanceObserver 'paint')
 *   → live data                    every service × environment cell of the Overview's matrix shows a status from a
 *                                  check run by this process: the data folder is fresh, so the journal holds no
 *                                  sample and a cell leaves "unknown" only when this process's first check of it
 *                                  answered (all seven demo cells: `.matrix-cell`, none `.matrix-unknown`)
 *
 * Times in the page are recorded by the page itself (an init script with a MutationObserver, epoch ms), so the
 * bench's own polling does not add to them. Also prints the renderer's initial JS gzipped and the idle RSS of the
 * serve-mode process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { initialJs, launchQuietChromium, rendererDir as renderer } from './browser';

const root = join(import.meta.dirname, '..');
/** The demo's service × environment pairs with checks: checkout, auth, webhooks × 2, worker in production. */
const DEMO_CELLS = 7;

function allJsGzipped(): number {
  return readdirSync(join(renderer, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(renderer, 'assets', f)), { level: 9 }).length, 0);
}

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

interface Marks {
  firstPaint: number;
  heading: number;
  live: number;
}

declare global {
  // Set by recordMarks in the page.
  var __startupMarks: Partial<Marks> | undefined;
}

/**
 * Runs in the page before its own scripts and records (epoch ms) when each milestone first holds. A string, since
 * this file is compiled for Node (no DOM types) and the page must get plain JavaScript.
 */
const recordMarks = `(() => {
  const marks = {};
  window.__startupMarks = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-contentful-paint') marks.firstPaint ??= performance.timeOrigin + entry.startTime;
    }
  }).observe({ type: 'paint', buffered: true });
  let observer;
  const check = () => {
    // The same clock as the paint entries: Date.now() and timeOrigin + now() can drift apart by a frame or more.
    const now = performance.timeOrigin + performance.now();
    if (marks.heading === undefined) {
      const h1 = [...document.querySelectorAll('h1')].some((h) => h.textContent.trim() === 'Overview');
      if (h1) marks.heading = now;
    }
    if (marks.live === undefined) {
      const all = document.querySelectorAll('.matrix-cell').length;
      const unknown = document.querySelectorAll('.matrix-unknown').length;
      if (all >= ${DEMO_CELLS} && unknown === 0) {
        marks.live = now;
        observer.disconnect();
      }
    }
  };
  observer = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    check();
  });
})();`;

interface Run {
  url: number;
  firstPaint: number;
  heading: number;
  live: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const spread = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}; runs ${xs.map((x) => x.toFixed(0)).join(', ')})`;

async function main() {
  const browser = await launchQuietChromium();
  const runs: Run[] = [];
  let idleRss = 0;
  for (let run = 0; run < 5; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'));
    // The tab exists before the cockpit starts, as a user's browser does: opening one is the browser's time, not ours.
    const page = await browser.newPage();
    await page.addInitScript({ content: recordMarks });
    // …and is idle, as a user's is when they type the command: a tab still setting itself up took CPU from our start.
    await page.goto('about:blank');
    await new Promise((done) => setTimeout(done, 500));
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [join(root, 'bin', 'cockpit.js'), 'serve', '--json', '--demo', '--data-dir', dataDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const urlAt = Date.now();
    const { url } = JSON.parse(line) as { url: string };
    await page.goto(url);
    // Functions, not strings: the page's CSP (rightly) refuses eval, which a string predicate needs.
    await page.waitForFunction(() => globalThis.__startupMarks?.live !== undefined, undefined, { timeout: 30_000 });
    const marks = (await page.evaluate(() => globalThis.__startupMarks)) as Marks;
    runs.push({
      url: urlAt - started,
      firstPaint: marks.firstPaint - started,
      heading: marks.heading - started,
      live: marks.live - started,
    });
    const r = runs[runs.length - 1] as Run;
    console.log(
      `run ${run + 1}: URL ${r.url.toFixed(0)} ms · first paint ${r.firstPaint.toFixed(0)} ms · Overview heading ${r.heading.toFixed(0)} ms · live data ${r.live.toFixed(0)} ms (from process start)`,
    );
    if (run === 4) {
      await new Promise((done) => setTimeout(done, 3000));
      idleRss = rssKiB(child.pid as number);
    }
    await page.close();
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    rmSync(dataDir, { recursive: true, force: true });
  }
  await browser.close();

  const js = initialJs();
  console.log(`serve start → Overview with live data in Chromium: ${spread(runs.map((r) => r.live))}`);
  console.log(`  process start → URL printed:   ${spread(runs.map((r) => r.url))}`);
  console.log(`  URL → Overview heading in the page: ${spread(runs.map((r) => r.heading - r.url))}`);
  console.log(`  URL → first paint:             ${spread(runs.map((r) => r.firstPaint - r.url))}`);
  console.log(`  first paint → live data:       ${spread(runs.map((r) => r.live - r.firstPaint))}`);
  console.log(
    `renderer initial JS: ${(js.gzipped / 1024).toFixed(1)} KiB gzipped (${(js.raw / 1024).toFixed(1)} KiB raw, ${js.files.length} file(s)); all JS chunks incl. lazy: ${(allJsGzipped() / 1024).toFixed(1)} KiB gzipped`,
  );
  console.log(
    `idle RSS of the serve-mode process (3 s after live data, one client connected): ${(idleRss / 1024).toFixed(1)} MiB`,
  );
}

await main();
