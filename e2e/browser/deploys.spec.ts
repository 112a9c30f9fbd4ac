/**
 * Deploys in the browser against `cockpit serve --demo` (a temp data folder; the demo's pretend hosts live in it and
 * its sandbox service reads the release each host runs): the history shows the release seeded "outside the app";
 * deploying v1.5.0 to staging goes healthy with a live log; the deliberately broken v1.6.0 fails its health gate
 * and is rolled back on its own; Rollback says in words why it is disabled while only one release exists, and
 * once enabled updates the history; production asks for its name typed. Screenshots.
 */
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

test.describe.configure({ mode: 'serial' });

async function openDeploys(page: Page) {
  await page.goto(cockpit.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deploys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deploys' })).toBeVisible();
}

const history = (page: Page) => page.getByRole('list', { name: 'Deploy history of checkout in staging' });

async function deploy(page: Page, release: string) {
  await page.getByRole('button', { name: 'Deploy checkout in staging' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy' });
  await dialog.getByRole('radio', { name: `Release ${release}` }).check();
  await expect(dialog.getByRole('region', { name: 'Plan' })).toContainText('demo-stg');
  await dialog.getByRole('button', { name: 'Deploy to staging' }).click();
  const run = page.getByRole('dialog', { name: 'Deploy checkout to staging' });
  await expect(run.getByRole('log')).toBeVisible();
  return run;
}

test('the history shows the release made outside the app', async ({ page }) => {
  await openDeploys(page);
  await expect(page.getByRole('table', { name: 'Deploys per service and environment' })).toContainText('checkout');
  await expect(history(page)).toContainText('outside the app');
  await expect(history(page)).toContainText('v1.4.0');
  await expect(page.getByRole('region', { name: /DORA figures/ })).toContainText('Deploy frequency');
  // Only the seeded release is on the hosts: Rollback is disabled and says why in words beside it, with a way out.
  const table = page.getByRole('table', { name: 'Deploys per service and environment' });
  const rollback = table.getByRole('button', { name: 'Roll back checkout in staging' });
  await expect(rollback).toBeDisabled();
  const why = 'No earlier release on demo-stg to roll back to: v1.4.0 is the only one there.';
  await expect(table.getByText(why)).toBeVisible();
  await expect(rollback).toHaveAccessibleDescription(why);
  await table.getByRole('button', { name: 'Deploy another release (checkout in staging)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy' });
  await expect(dialog.getByRole('region', { name: 'Plan' })).toContainText('demo-stg');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await shot(page, 'deploys', 'window');
});

test('deploy v1.5.0 to staging: live log, healthy', async ({ page }) => {
  await openDeploys(page);
  const run = await deploy(page, 'v1.5.0');
  await expect(run.getByRole('log')).toContainText('Switch current', { timeout: 30_000 });
  await expect(run.getByRole('status')).toContainText(/healthy|succeeded/i, { timeout: 45_000 });
  await expect(run.getByRole('log')).toContainText('checkout v1.5.0 is live');
  await shot(page, 'deploy-live-log', 'window');
  await run.getByRole('button', { name: 'Close' }).click();
  await expect(history(page).getByRole('listitem').first()).toContainText('v1.5.0');
  await expect(history(page).getByRole('listitem').first()).toContainText('healthy');
});

test('deploy the broken v1.6.0: the health gate fails and it is rolled back on its own', async ({ page }) => {
  test.setTimeout(120_000);
  await openDeploys(page);
  const run = await deploy(page, 'v1.6.0');
  await expect(run.locator('.run-end')).toBeVisible({ timeout: 90_000 });
  await expect(run.locator('.run-head')).toContainText('rolled back');
  await expect(run.getByRole('log')).toContainText(/roll/i);
  await expect(run.locator('.run-outcome')).toContainText('rolled back');
  await run.getByRole('button', { name: 'Close' }).click();
  const first = history(page).getByRole('listitem').first();
  await expect(first).toContainText('v1.6.0');
  await expect(first).toContainText('rolled back');
  // Still on the good release.
  await expect(page.getByRole('table', { name: 'Deploys per service and environment' })).toContainText('v1.5.0');
});

test('Rollback from the button: choices with labels, then the history updates', async ({ page }) => {
  await openDeploys(page);
  await page.getByRole('button', { name: 'Roll back checkout in staging' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back checkout in staging' });
  await expect(dialog.getByRole('radiogroup', { name: 'Release to roll back to' })).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'What changes' })).toContainText('demo-stg');
  const submit = dialog.getByRole('button', { name: /^Roll back to / });
  await expect(submit).toBeEnabled();
  const target = ((await submit.textContent()) ?? '').replace('Roll back to ', '').trim();
  await shot(page, 'rollback-dialog', 'window');
  await submit.click();
  const run = page.getByRole('dialog', { name: /Roll back checkout in staging/ });
  await expect(run.locator('.run-end')).toBeVisible({ timeout: 60_000 });
  await expect(run.locator('.run-head')).toContainText(/healthy|succeeded/);
  await run.getByRole('button', { name: 'Close' }).click();
  const first = history(page).getByRole('listitem').first();
  await expect(first).toContainText('Rollback to');
  await expect(first).toContainText(target);
});

test('production asks for its name typed before Deploy is enabled', async ({ page }) => {
  await openDeploys(page);
  await page.getByRole('button', { name: 'Deploy checkout in production' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy' });
  await dialog.getByRole('radio', { name: 'Release v1.5.0' }).check();
  await expect(dialog.getByRole('region', { name: 'Plan' })).toContainText('demo-prod-1');
  const button = dialog.getByRole('button', { name: 'Deploy to production' });
  await expect(button).toBeDisabled();
  await dialog.getByLabel('Type production to confirm').fill('prod');
  await expect(button).toBeDisabled();
  await dialog.getByLabel('Type production to confirm').fill('production');
  await expect(button).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the Deploys screen in the dark theme, and the Overview card', async ({ page }) => {
  await page.goto(cockpit.url);
  const overviewCard = page.getByRole('region', { name: 'Deploys' });
  await expect(overviewCard).toContainText('checkout');
  await expect(overviewCard.getByRole('button', { name: 'Roll back checkout in staging' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deploys' }).click();
  await expect(history(page)).toContainText('rolled back');
  // Rolled back to the oldest release: the way out is forward, with that release chosen in the Deploy dialog.
  await expect(page.getByText('v1.4.0 is the oldest one there')).toBeVisible();
  await page.getByRole('button', { name: 'Deploy v1.5.0 instead (checkout in staging)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy' });
  await expect(dialog.getByRole('radio', { name: 'Release v1.5.0' })).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expectTheme(page, 'dark');
  await shot(page, 'deploys-dark', 'window');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Light' }).check();
  await expectTheme(page, 'light');
});
