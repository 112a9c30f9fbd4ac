/**
 * Foundation figures: serve-mode start to Overview rendered in Chromium (median of 5), the renderer's initial JS
 * gzipped, and the idle RSS of the serve-mode process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../e2e/support/chromium';

const root = join(import.meta.dirname, '..');
const renderer = join(root, 'out', 'renderer');

function initialJs(): { files: string[]; gzipped: number; raw: number } {
  const html = readFileSync(join(renderer, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let gzipped = 0;
  let raw = 0;
  for (const ref of refs) {
    const body = readFileSync(join(renderer, ref));
    raw += body.length;
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  return { files: refs, gzipped, raw };
}

function allJsGzipped(): number {
  return readdirSync(join(renderer, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(renderer, 'assets', f)), { level: 9 }).length, 0);
}

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main() {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const times: number[] = [];
  let idleRss = 0;
  for (let run = 0; run < 5; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'));
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [join(root, 'bin', 'cockpit.js'), 'serve', '--json', '--demo', '--data-dir', dataDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const { url } = JSON.parse(line) as { url: string };
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText('Demo Shop').first().waitFor();
    times.push(performance.now() - started);
    if (run === 4) {
      await new Promise((r) => setTimeout(r, 3000));
      idleRss = rssKiB(child.pid as number);
    }
    await page.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  await browser.close();

  const js = initialJs();
  console.log(
    `serve start → Overview rendered in Chromium: median ${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
  );
  console.log(
    `renderer initial JS: ${(js.gzipped / 1024).toFixed(1)} KiB gzipped (${(js.raw / 1024).toFixed(1)} KiB raw, ${js.files.length} file(s)); all JS chunks incl. lazy: ${(allJsGzipped() / 1024).toFixed(1)} KiB gzipped`,
  );
  console.log(
    `idle RSS of the serve-mode process (3 s after the Overview rendered, one client connected): ${(idleRss / 1024).toFixed(1)} MiB`,
  );
}

await main();
