/**
 * A runbook run from an alert, as the on-call person meets it in serve mode: the worker breaks, its alert offers
 * "Restart the worker", Run opens the runbook with its steps and doc, production asks for its name typed, the live
 * log shows the steps, the run succeeds and the worker is up again. Light and dark.
 *
 * The demo's runbook, on a workspace of its own: the demo's worker-live checks liveness, which its sandbox keeps up
 * even when broken, and only once a minute with 3 retries. Here the "worker" is a small server this test controls,
 * and worker-live fails on its first failure, so "Run now" raises the alert at once.
 */
import { type Page, expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { shot } from '../support/shot';
import { expectTheme } from '../support/theme';

let cockpit: ServedCockpit;
let worker: Server;
let dir: string;
/** What the pretend worker answers on /health/live: it "hangs" (503) until it is restarted. */
let workerUp = true;

function startWorker(): Promise<number> {
  worker = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/__sandbox/heal') workerUp = true;
    const ok = req.method === 'POST' || workerUp;
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'hung' }));
  });
  return new Promise((done) => worker.listen(0, '127.0.0.1', () => done((worker.address() as AddressInfo).port)));
}

test.beforeAll(async () => {
  const port = await startWorker();
  dir = mkdtempSync(join(tmpdir(), 'cockpit-runbooks-'));
  mkdirSync(join(dir, 'runbooks'));
  copyFileSync(
    resolve(import.meta.dirname, '..', '..', 'resources', 'demo', 'runbooks', 'restart-worker.md'),
    join(dir, 'runbooks', 'restart-worker.md'),
  );
  const workspaceFile = join(dir, 'cockpit.yaml');
  writeFileSync(
    workspaceFile,
    [
      'version: 1',
      'name: On call',
      'environments:',
      '  production:',
      '    hosts: [prod-1]',
      `    vars: { worker_port: ${port} }`,
      '    protected: true',
      'hosts:',
      '  prod-1: { local: true, root: hosts/prod-1 }',
      'services:',
      '  worker:',
      '    description: Sends emails and settles payments in the background.',
      '    health:',
      '      - id: worker-live',
      '        http: http://127.0.0.1:${worker_port}/health/live',
      '        every: 1m',
      '        retries: 0',
      'runbooks:',
      '  - id: restart-worker',
      '    title: Restart the worker',
      '    service: worker',
      '    doc: runbooks/restart-worker.md',
      '    for: [worker-live]',
      '    steps:',
      '      - run: curl -fsS -X POST http://127.0.0.1:${worker_port}/__sandbox/heal && echo',
      '        title: Restart the worker process',
      '        on: first',
      '        timeout: 30s',
      '      - gate: [worker-live]',
      '        timeout: 1m',
      '',
    ].join('\n'),
  );
  cockpit = await startCockpit(['--workspace', workspaceFile]);
});
test.afterAll(async () => {
  await cockpit?.stop();
  await new Promise((done) => (worker ? worker.close(done) : done(undefined)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function go(page: Page, screen: 'Health' | 'Runbooks' | 'Settings') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

test('the worker’s alert offers "Restart the worker"; running it in production brings the worker back', async ({
  page,
}) => {
  await page.goto(cockpit.url);
  await go(page, 'Health');
  const checks = page.getByRole('table', { name: /Health checks by service and environment/ });
  const workerLive = checks.getByRole('row', { name: /^worker-live in production/ });
  await expect(workerLive).toContainText('up');

  // The worker hangs; "Run now" checks at once, and its first failure is the alert (degraded: the check is not critical).
  workerUp = false;
  await page.getByRole('button', { name: 'Run now: worker-live in production' }).click();
  const alerts = page.getByRole('list', { name: 'Recent alerts' });
  await expect(alerts).toContainText('worker (production) is degraded');
  await expect(alerts).toContainText('Runbook: Restart the worker');
  // The failing check's own detail offers it too.
  await expect(page.locator('.health-detail')).toContainText('Runbook: Restart the worker');
  await shot(page, 'runbook-offered', 'window');

  await alerts.getByRole('button', { name: 'Run Restart the worker in production' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Runbooks' })).toBeVisible();
  const ask = page.getByRole('dialog', { name: 'Run Restart the worker in production?' });
  const confirmRun = ask.getByRole('button', { name: 'Run Restart the worker in production' });
  await expect(confirmRun).toBeDisabled();
  await ask.getByLabel('Type production to confirm').fill('production');
  await confirmRun.click();
  await expect(ask).toBeHidden();

  const run = page.getByRole('group', { name: 'Run of Restart the worker' });
  const log = run.getByRole('log', { name: 'Live log of Restart the worker' });
  await expect(log).toContainText('Restart the worker process');
  await expect(run.locator('.run-head')).toContainText('succeeded', { timeout: 20_000 });
  await expect(log).toContainText('worker-live');
  await expect(run.getByRole('list', { name: 'Steps of this run' }).getByText('done')).toHaveCount(2);
  // Its steps and doc sit beside the run; the run is in its history.
  await expect(page.getByRole('list', { name: 'Steps in production' })).toContainText('Restart the worker process');
  await expect(page.getByRole('article', { name: 'How to restart the worker' })).toContainText('When to use it');
  const runs = page.getByRole('table', { name: 'Runs of Restart the worker, newest first' });
  await expect(runs).toContainText('succeeded');
  await shot(page, 'runbook-run', 'content');

  // The worker is up again: its check ran again once the run succeeded and passes, its alert says it recovered,
  // and the runbook is no longer offered.
  expect(workerUp).toBe(true);
  await go(page, 'Health');
  await expect(workerLive).toContainText('up');
  await expect(alerts).toContainText('worker (production) recovered');
  await expect(alerts.getByRole('button', { name: 'Run Restart the worker in production' })).toHaveCount(0);

  await go(page, 'Settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expectTheme(page, 'dark');
  await go(page, 'Runbooks');
  await expect(runs).toContainText('succeeded');
  await shot(page, 'runbook-run-dark', 'content');
  await go(page, 'Settings');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expectTheme(page, 'light');
});
