/**
 * Time to render the Cost screen with 13 months (+ this one) × 40 services of daily data, in Chromium: serve mode
 * on a workspace whose replayed account has 40 services (bench/cost-fixture.ts), the page opened on
 * `#/cost?months=14`, timed from navigation to the chart drawn with every day (median of 5, the journal's cache
 * warm so the figure is the UI's, not AWS's). The first, cold run (the 14 months read through the SDK's replay
 * and cached) is reported beside it. Needs the built renderer (`npm run bench` builds first).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { launchQuietChromium } from './browser';
import { bigAccount } from './cost-fixture';

const root = join(import.meta.dirname, '..');
const SERVICES = 40;
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function workspace(dir: string): string {
  mkdirSync(join(dir, 'cost-samples'), { recursive: true });
  writeFileSync(join(dir, 'cost-samples', 'account.json'), JSON.stringify(bigAccount(SERVICES), null, 1));
  const file = join(dir, 'cockpit.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'name: Cost Bench',
      'environments:',
      '  production: { hosts: [] }',
      'cost:',
      '  aws: { replay: ./cost-samples }',
      '  tags: [env]',
      '  budgets:',
      '    - { name: All of AWS, monthly: 20000 USD }',
      'alerts: { desktop: false }',
    ].join('\n'),
  );
  return file;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-cost-render-'));
  const file = workspace(dir);
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'cockpit.js'), 'serve', '--json', '--workspace', file, '--data-dir', join(dir, 'data')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const { url } = JSON.parse(line) as { url: string };
  try {
    await measure(url);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(url: string) {
  const browser = await launchQuietChromium();

  const times: number[] = [];
  /** Navigation → the app up and the Cost screen's header shown (before any cost data). */
  const shells: number[] = [];
  let days = 0;
  let segments = 0;
  for (let run = 0; run <= RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const started = performance.now();
    await page.goto(`${url}#/cost?months=14`);
    await page.getByRole('heading', { level: 1, name: 'Cost' }).waitFor();
    shells.push(performance.now() - started);
    const figure = page.locator('figure.cost-figure');
    await figure.waitFor();
    // Drawn: the figure describes the whole range, its bars are in the DOM and nothing is loading any more.
    // (Polled from here: the page's CSP forbids evaluating strings, and bench/ has no DOM types.)
    const bars = figure.locator('.recharts-bar-rectangle');
    for (;;) {
      const label = (await figure.getAttribute('aria-label')) ?? '';
      if (
        /over [34]\d\d days/.test(label) &&
        (await bars.count()) > 300 &&
        (await page.locator('.cost-chart.is-loading').count()) === 0
      )
        break;
      await page.waitForTimeout(10);
    }
    times.push(performance.now() - started);
    days = Number(/over (\d+) days/.exec((await figure.getAttribute('aria-label')) ?? '')?.[1]);
    segments = await bars.count();
    await page.close();
  }
  await browser.close();

  const [cold, ...warm] = times;
  const shell = median(shells.slice(1));
  console.log(
    `Cost screen, 13 months + this one × ${SERVICES} services daily (${days} days, ${segments} bar segments: top 8 + Other): ` +
      `navigation → chart drawn in Chromium, median of ${RUNS} ${median(warm).toFixed(0)} ms with the cache warm ` +
      `(runs: ${warm.map((t) => t.toFixed(0)).join(', ')} ms; of which the app's start to the screen header ${shell.toFixed(0)} ms); ` +
      `first, cold run ${cold?.toFixed(0)} ms (14 months replayed through the SDK and cached)`,
  );
}

await main();
