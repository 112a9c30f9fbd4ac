/**
 * The next action on the banner, at 10 PM on a small laptop screen (1280 × 720), against `cockpit serve --demo`:
 * v1.5.0 goes live on checkout in staging and then turns out broken (its readiness starts answering 503, as a
 * latent bug would); the banner offers "Roll back checkout in staging to v1.4.0 (healthy for …)" above the fold,
 * with why; N opens the rollback dialog with that release chosen; once rolled back, all is up and the rollback is no
 * longer offered (the demo's backup past its RPO on purpose is what the banner offers next). The banner with its
 * action in both themes.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { shot } from '../support/shot';
import { expectTheme } from '../support/theme';

let cockpit: ServedCockpit;

test.beforeAll(async () => {
  cockpit = await startCockpit(['--demo']);
});
test.afterAll(async () => {
  await cockpit?.stop();
});

// checkout-ready runs every 5 s with one retry: a failure shows within about 10 s.
const WITHIN_CHECKS = { timeout: 30_000 };

async function go(page: Page, screen: 'Overview' | 'Deploys' | 'Settings') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

/** The demo's sandbox reads a BROKEN file in the live release on every request: the release breaks in place. */
function breakLiveRelease(): void {
  const current = join(cockpit.dataDir, 'demo', 'hosts', 'demo-stg', 'checkout', 'current');
  expect(existsSync(current), `the live release of checkout on demo-stg is at ${current}`).toBe(true);
  writeFileSync(join(current, 'BROKEN'), 'broken after it went live (e2e)\n');
}

test('checkout breaks after a deploy: the banner offers the rollback, N opens it, and the service recovers', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(cockpit.url);
  const banner = page.getByRole('region', { name: 'Health verdict' });
  const rollbackOffer = banner.getByRole('button', { name: /^Roll back checkout/ });
  await expect(banner).toContainText('All services up', WITHIN_CHECKS);
  await expect(rollbackOffer).toHaveCount(0);

  // v1.5.0 goes live on staging through the Deploys screen, healthy at first.
  await go(page, 'Deploys');
  await page.getByRole('button', { name: 'Deploy checkout in staging' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy' });
  await dialog.getByRole('radio', { name: 'Release v1.5.0' }).check();
  await dialog.getByRole('button', { name: 'Deploy to staging' }).click();
  const run = page.getByRole('dialog', { name: 'Deploy checkout to staging' });
  await expect(run.locator('.run-head')).toContainText(/healthy|succeeded/, { timeout: 45_000 });
  await run.getByRole('button', { name: 'Close' }).click();

  breakLiveRelease();
  await go(page, 'Overview');
  await expect(banner).toContainText('checkout is down in staging', WITHIN_CHECKS);
  const action = banner.getByRole('button', { name: /^Roll back checkout in staging to v1\.4\.0 \(healthy for .+\)$/ });
  await expect(action).toBeVisible();
  await expect(banner).toContainText(/Why: checkout went down (right|\d+ s|\d+ min) after v1\.5\.0 went live\./);
  // Above the fold on a 1280 × 720 screen.
  const box = await action.boundingBox();
  expect(box).not.toBeNull();
  expect((box?.y ?? 720) + (box?.height ?? 0)).toBeLessThanOrEqual(720);
  await shot(page, 'next-action-banner', 'window');
  await go(page, 'Settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expectTheme(page, 'dark');
  await go(page, 'Overview');
  await expect(action).toBeVisible();
  await shot(page, 'next-action-banner-dark', 'window');

  // N: the rollback dialog, v1.4.0 chosen; the person confirms there.
  await page.locator('body').press('n');
  const rollback = page.getByRole('dialog', { name: 'Roll back checkout in staging' });
  const submit = rollback.getByRole('button', { name: 'Roll back to v1.4.0' });
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(rollback.locator('.run-end')).toBeVisible({ timeout: 45_000 });
  await expect(rollback.locator('.run-head')).toContainText(/healthy|succeeded/);
  await rollback.getByRole('button', { name: 'Close' }).click();

  await expect(banner).toContainText('All services up', WITHIN_CHECKS);
  await expect(rollbackOffer).toHaveCount(0);
  // What is left is the demo's backup that is past its RPO on purpose: the next thing worth doing, not a rollback.
  await expect(banner.getByRole('group', { name: 'Next action' })).toContainText(/^Verify \S+ now/);
});
