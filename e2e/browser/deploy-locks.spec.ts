/**
 * Locks and Cancel in the browser against `cockpit serve --demo` (a temp data folder holds the demo's pretend
 * hosts). A teammate's lock — the lock folder and its info.json, exactly as a teammate's cockpit leaves them on
 * demo-stg — stops a deploy before anything changes and shows who holds it, since when, for what and why; "Wait —
 * check again" keeps it; force-releasing needs a reason, Activity records it, and the deploy then goes through.
 * Cancelling the slow demo release mid-deploy in production rolls the hosts already switched back. Screenshots.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { expectAccessible } from '../support/axe';
import { shot } from '../support/shot';

let cockpit: ServedCockpit;

test.beforeAll(async () => {
  cockpit = await startCockpit(['--demo']);
});
test.afterAll(async () => {
  await cockpit?.stop();
});

test.describe.configure({ mode: 'serial' });

async function openDeploys(page: Page) {
  await page.goto(cockpit.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deploys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deploys' })).toBeVisible();
}

const history = (page: Page, environment: string) =>
  page.getByRole('list', { name: `Deploy history of checkout in ${environment}` });

/** Deploy dialog → release → (typed name) → Deploy: the dialog becomes the run. */
async function startDeploy(page: Page, environment: string, release: string) {
  await page.getByRole('button', { name: `Deploy checkout in ${environment}` }).click();
  return chooseAndDeploy(page, environment, release);
}

async function chooseAndDeploy(page: Page, environment: string, release: string) {
  const dialog = page.getByRole('dialog', { name: 'Deploy' });
  await dialog.getByRole('radio', { name: `Release ${release}` }).check();
  await expect(dialog.getByRole('region', { name: 'Plan' })).toContainText(release);
  if (environment === 'production') await dialog.getByLabel('Type production to confirm').fill('production');
  await dialog.getByRole('button', { name: `Deploy to ${environment}` }).click();
  return page.getByRole('dialog', { name: `Deploy checkout to ${environment}` });
}

/** The lock a teammate's cockpit takes on a host (electron/deploys/lock.ts): `mkdir .cockpit-lock` + info.json. */
function teammateLock(host: string, info: Record<string, string>) {
  const dir = join(cockpit.dataDir, 'demo', 'hosts', host, 'checkout', '.cockpit-lock');
  mkdirSync(dir);
  writeFileSync(join(dir, 'info.json'), `${JSON.stringify(info)}\n`);
}

test("a teammate's lock: who, since when, for what and why; wait; force-release with a reason", async ({ page }) => {
  test.setTimeout(90_000);
  await openDeploys(page);
  teammateLock('demo-stg', {
    who: 'ana',
    when: new Date(Date.now() - 20 * 60_000).toISOString(),
    what: 'deploy 20260301T100000Z-v1.5.0',
    why: 'hotfix for the cart totals',
    from: 'ana-laptop',
    token: 'a7c3e0f2-teammate',
  });

  const run = await startDeploy(page, 'staging', 'v1.5.0');
  const problem = run.locator('.problem');
  await expect(problem).toContainText('Locked — nothing was changed', { timeout: 20_000 });
  await expect(problem).toContainText('ana');
  await expect(problem).toContainText('ana-laptop');
  await expect(problem).toContainText('since 20 min ago');
  await expect(problem).toContainText('for deploy v1.5.0');
  await expect(problem).toContainText('hotfix for the cart totals');
  // Nothing in the log pretends the lock was taken.
  await expect(run.getByRole('log')).toContainText('✗ Take the deploy lock');
  await expect(run.getByRole('log')).toContainText('locked by ana on ana-laptop');
  await expect(run.locator('.run-head')).toContainText('locked');
  // The row behind the dialog says so too, once the screen has read the hosts again.
  await expect(page.locator('button[aria-label="Deploy lock of checkout in staging"]')).toBeVisible();
  await shot(page, 'deploy-lock', 'window');

  await run.getByRole('button', { name: 'See the lock…' }).click();
  const lock = page.getByRole('dialog', { name: 'Deploy lock · checkout in staging' });
  const row = lock.getByRole('row', { name: /demo-stg/ });
  await expect(row).toContainText('ana');
  await expect(row).toContainText('20 min ago');
  await expect(row).toContainText('hotfix for the cart totals');

  // Waiting keeps the lock: it is asked again and still held.
  await lock.getByRole('button', { name: 'Wait — check again' }).click();
  await expect(lock.getByRole('status')).toContainText('still held on demo-stg');
  await expect(row).toContainText('ana');

  const force = lock.getByRole('button', { name: 'Force release' });
  await expect(force).toBeDisabled();
  await lock.getByLabel('Reason').fill("ana's laptop died mid-deploy");
  await expect(force).toBeEnabled();
  await expectAccessible(page, 'Lock dialog');
  await shot(page, 'deploy-lock-dialog', 'window');
  await force.click();
  await expect(lock).toContainText('Free on every host');
  await lock.getByRole('button', { name: 'Deploy checkout to staging…' }).click();
  const again = await chooseAndDeploy(page, 'staging', 'v1.5.0');
  await expect(again.getByRole('status')).toContainText(/healthy|succeeded/i, { timeout: 45_000 });
  await again.getByRole('button', { name: 'Close' }).click();
  await expect(history(page, 'staging').getByRole('listitem').first()).toContainText('v1.5.0');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
  const released = page.getByRole('row').filter({ hasText: 'Force-release the deploy lock of checkout@staging' });
  await expect(released).toContainText("ana's laptop died mid-deploy");
});

test('Cancel mid-deploy in production: the hosts already switched go back', async ({ page }) => {
  test.setTimeout(120_000);
  await openDeploys(page);
  // v1.5.1 restarts slowly on purpose (about 10 s per host); production switches one host per batch.
  const run = await startDeploy(page, 'production', 'v1.5.1');
  const log = run.getByRole('log');
  await expect(log).toContainText('checkout v1.5.1 is live on demo-prod-1', { timeout: 45_000 });
  await expect(log).toContainText('warming up the cart cache on demo-prod-2', { timeout: 30_000 });
  await run.getByRole('button', { name: 'Cancel the run' }).click();

  await expect(run.locator('.run-end')).toBeVisible({ timeout: 60_000 });
  await expect(run.locator('.run-head')).toContainText('cancelled');
  const outcome = run.getByRole('table', { name: 'Where each host stands' });
  for (const host of ['demo-prod-1', 'demo-prod-2']) {
    const row = outcome.getByRole('row', { name: new RegExp(host) });
    await expect(row).toContainText('rolled back');
    await expect(row).toContainText('v1.4.0');
  }
  await expect(run.getByRole('status')).toContainText('Cancelled during: restart on demo-prod-2');
  await expect(run.getByRole('status')).toContainText('rolled back demo-prod-1, demo-prod-2 to v1.4.0');
  // The screen behind has caught up too (the run list is read again once a run ends).
  await expect(page.locator('.run-item').first()).toContainText('cancelled');
  await shot(page, 'deploy-cancelled', 'window');

  await run.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'History of checkout in production' }).click();
  const first = history(page, 'production').getByRole('listitem').first();
  await expect(first).toContainText('v1.5.1');
  await expect(first).toContainText('cancelled');
  const targets = page.getByRole('table', { name: 'Deploys per service and environment' });
  await expect(targets.getByRole('row', { name: /checkout.*production/ })).toContainText('v1.4.0');
});
