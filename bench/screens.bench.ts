/**
 * Every screen's first content after the click (issue 15, section 4): the built app in serve mode (fresh data
 * folder, the demo) in Chromium. Each run opens a fresh browser context (empty cache) per screen, waits for the
 * Overview with live data plus a short pause (a person reads before clicking), then clicks the screen's nav link
 * and times click → the screen's h1 and its own content element in the DOM, at the next frame. Then it goes back to
 * the Overview and clicks again: the second visit. Prints min / median / max per screen and the ≤ 300 ms verdict,
 * and the renderer's initial JS gzipped (measured as bench/startup.bench.ts does).
 *
 * The click is a plain click: no hover first, so the nav link's hover preload does not help (the worst case).
 * Needs `npm run build` first; run it under the machine-wide lock like every serve/e2e/bench.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Browser, type Page } from 'playwright-core';
import { initialJs, launchQuietChromium } from './browser';
import { stats } from './measure';

const root = join(import.meta.dirname, '..');
const RUNS = 5;
const TARGET_MS = 300;
/** Time on the Overview before the click: nobody clicks within a frame of the first paint. */
const THINK_MS = 1000;
/** A screen that shows nothing for this long is reported as a miss, not waited on forever. */
const GIVE_UP_MS = 10_000;

/**
 * What "first content" is on each screen (the demo workspace): the screen's h1 and the title of a card only that
 * screen has, visible. Charts are not part of it: they load behind a fixed-size placeholder.
 */
const screens: readonly { route: string; title: string; content: string }[] = [
  { route: 'deploys', title: 'Deploys', content: 'Services' },
  { route: 'health', title: 'Health', content: 'Checks' },
  { route: 'cost', title: 'Cost', content: 'Daily spend by service' },
  { route: 'backups', title: 'Backups', content: 'Declared backups' },
  { route: 'drills', title: 'Drills', content: 'Rollback drills' },
  { route: 'incidents', title: 'Incidents', content: 'Real incidents' },
  { route: 'runbooks', title: 'Runbooks', content: 'All runbooks' },
  { route: 'timeline', title: 'Timeline', content: 'Entries' },
  { route: 'readiness', title: 'Readiness', content: 'Checklist' },
  { route: 'activity', title: 'Activity', content: 'Journal' },
  { route: 'settings', title: 'Settings', content: 'Appearance' },
];

/**
 * Clicks the nav link and answers the ms until the screen's h1 and content are in the DOM (next frame), or null.
 * Plain JavaScript in a string: tsx would wrap named functions in a helper the page does not have.
 */
const CLICK_AND_TIME = `({ route, title, content, giveUpMs }) => new Promise((resolve) => {
  const link = document.querySelector('nav a[href="#/' + route + '"]');
  if (!link) return resolve(null);
  let done = false;
  let started = 0;
  const observer = new MutationObserver(() => check());
  function shown() {
    return document.querySelector('main h1')?.textContent?.trim() === title &&
      [...document.querySelectorAll('main h2')].some((h) => h.textContent?.trim() === content && h.checkVisibility());
  }
  function finish(ms) {
    if (done) return;
    done = true;
    observer.disconnect();
    resolve(ms);
  }
  function check() {
    if (shown()) requestAnimationFrame(() => finish(performance.now() - started));
  }
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  setTimeout(() => finish(null), giveUpMs);
  started = performance.now();
  link.click();
  check();
})`;

function clickAndTime(page: Page, screen: { route: string; title: string; content: string }): Promise<number | null> {
  return page.evaluate(`(${CLICK_AND_TIME})(${JSON.stringify({ ...screen, giveUpMs: GIVE_UP_MS })})`);
}

async function startServe(): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-screens-'));
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'cockpit.js'), 'serve', '--json', '--demo', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stdout = child.stdout;
  if (!stdout) throw new Error('cockpit serve has no stdout');
  const line = await new Promise<string>((resolve) => createInterface({ input: stdout }).once('line', resolve));
  const { url } = JSON.parse(line) as { url: string };
  return { url, child, dataDir };
}

async function stopServe({ child, dataDir }: { child: ChildProcess; dataDir: string }): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}

async function overviewLive(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.getByText('Demo Shop').first().waitFor();
}

/** One screen in a fresh context: the first visit, then back to the Overview and the second visit. */
async function visit(
  browser: Browser,
  url: string,
  screen: (typeof screens)[number],
): Promise<{ first: number | null; second: number | null }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await overviewLive(page);
    await page.waitForTimeout(THINK_MS);
    const first = await clickAndTime(page, screen);
    await page.locator('nav a[href="#/overview"]').click();
    await overviewLive(page);
    const second = await clickAndTime(page, screen);
    return { first, second };
  } finally {
    await context.close();
  }
}

const fmt = (ms: number) => `${ms.toFixed(0)}`.padStart(5);

function row(samples: (number | null)[]): { text: string; met: boolean } {
  const seen = samples.filter((s): s is number => s !== null);
  const missed = samples.length - seen.length;
  if (seen.length === 0) return { text: `   never shown in ${GIVE_UP_MS} ms`.padEnd(24), met: false };
  const s = stats(seen);
  const text = `${fmt(s.min)} ${fmt(s.median)} ${fmt(s.max)}${missed ? ` (+${missed} never)` : ''}`;
  return { text: text.padEnd(24), met: missed === 0 && s.max <= TARGET_MS };
}

async function main() {
  const browser = await launchQuietChromium();
  const firsts = new Map<string, (number | null)[]>(screens.map((s) => [s.route, []]));
  const seconds = new Map<string, (number | null)[]>(screens.map((s) => [s.route, []]));
  try {
    for (let run = 0; run < RUNS; run++) {
      const serve = await startServe();
      try {
        for (const screen of screens) {
          const { first, second } = await visit(browser, serve.url, screen);
          firsts.get(screen.route)?.push(first);
          seconds.get(screen.route)?.push(second);
        }
      } finally {
        await stopServe(serve);
      }
    }
  } finally {
    await browser.close();
  }

  console.log(
    `click → first content (h1 + the screen's own card), ms, ${RUNS} fresh pages each, ${THINK_MS} ms on the Overview before the click; target ≤ ${TARGET_MS} ms`,
  );
  console.log(
    `${'screen'.padEnd(11)}${'first visit min/med/max'.padEnd(26)}${'second visit min/med/max'.padEnd(26)}verdict`,
  );
  let met = 0;
  for (const screen of screens) {
    const first = row(firsts.get(screen.route) ?? []);
    const second = row(seconds.get(screen.route) ?? []);
    const ok = first.met && second.met;
    if (ok) met++;
    console.log(`${screen.title.padEnd(11)}${first.text}  ${second.text}  ${ok ? '✓ ≤ 300 ms' : '✗ over 300 ms'}`);
  }
  console.log(`${met} of ${screens.length} screens show their first content within ${TARGET_MS} ms on every visit`);
  const js = initialJs();
  console.log(
    `renderer initial JS: ${(js.gzipped / 1024).toFixed(1)} KiB gzipped (${(js.raw / 1024).toFixed(1)} KiB raw, ${js.files.length} file(s))`,
  );
}

await main();
