/**
 * Release marks in the browser against `cockpit serve --demo`: after the broken v1.6.0 fails its gate, the Deploy
 * dialog shows every choice's badges (bad, failed gate, outside the app) and does not pre-select the bad one; the
 * Rollback dialog asks "Mark v1.5.0 bad?" with the health evidence and its default, and clears a mark with a reason.
 * Screenshots in the light and the dark theme.
 */
import { type Locator, type Page, expect, test } from '@playwright/test';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { expectAccessible } from '../support/axe';
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

async function setTheme(page: Page, theme: 'Light' | 'Dark') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: theme }).check();
  await expectTheme(page, theme === 'Dark' ? 'dark' : 'light');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deploys' }).click();
}

async function deploy(page: Page, release: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Deploy checkout in staging' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy' });
  await dialog.getByRole('radio', { name: `Release ${release}` }).check();
  await expect(dialog.getByRole('region', { name: 'Plan' })).toContainText('demo-stg');
  await dialog.getByRole('button', { name: 'Deploy to staging' }).click();
  const run = page.getByRole('dialog', { name: 'Deploy checkout to staging' });
  await expect(run.locator('.run-end')).toBeVisible({ timeout: 90_000 });
  return run;
}

/** The row of one release in a dialog's radio list (the radio's own name is "Release v1.6.0"). */
const row = (dialog: Locator, release: string) =>
  dialog.locator('label.radio-row').filter({ has: dialog.page().getByRole('radio', { name: `Release ${release}` }) });

test('v1.5.0 goes live; the broken v1.6.0 fails its gate, is rolled back and marked bad', async ({ page }) => {
  test.setTimeout(240_000);
  await openDeploys(page);
  const good = await deploy(page, 'v1.5.0');
  await expect(good.locator('.run-head')).toContainText(/healthy|succeeded/);
  await good.getByRole('button', { name: 'Close' }).click();
  const bad = await deploy(page, 'v1.6.0');
  await expect(bad.locator('.run-head')).toContainText(/rolled back|failed/);
  await expect(bad.getByRole('log')).toContainText('BAD_RELEASE');
  await bad.getByRole('button', { name: 'Close' }).click();
});

test('the Deploy dialog shows each choice’s badges and never pre-selects the bad release', async ({ page }) => {
  await openDeploys(page);
  for (const theme of ['Light', 'Dark'] as const) {
    if (theme === 'Dark') await setTheme(page, 'Dark');
    await page.getByRole('button', { name: 'Deploy checkout in staging' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deploy' });
    await expect(row(dialog, 'v1.6.0')).toContainText('bad');
    await expect(row(dialog, 'v1.6.0')).toContainText('failed gate');
    await expect(row(dialog, 'v1.4.0')).toContainText('outside the app');
    await expect(dialog.getByRole('radio', { name: 'Release v1.6.0' })).not.toBeChecked();
    // The choice it starts on has no badge at all (the newest such).
    const checked = dialog.locator('label.radio-row.is-checked');
    await expect(checked).toHaveCount(1);
    await expect(checked.locator('.badge')).toHaveCount(0);
    await expect(dialog.getByRole('region', { name: 'Plan' })).toContainText('Uploads');
    await expectAccessible(page, `Deploy dialog with badges (${theme})`);
    await shot(page, theme === 'Dark' ? 'deploy-dialog-badges-dark' : 'deploy-dialog-badges', 'window');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  await setTheme(page, 'Light');
});

test('the Rollback dialog asks whether to mark the current release bad, with the evidence, and clears a mark', async ({
  page,
}) => {
  await openDeploys(page);
  for (const theme of ['Light', 'Dark'] as const) {
    if (theme === 'Dark') await setTheme(page, 'Dark');
    await page.getByRole('button', { name: 'Roll back checkout in staging' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll back checkout in staging' });
    // Back on v1.5.0 after v1.6.0 was rolled back: the rollback would leave it.
    const question = dialog.getByRole('radiogroup', { name: 'Mark v1.5.0 bad?' });
    await expect(question).toBeVisible();
    await expect(dialog.locator('.mark-bad-question')).toContainText(/Evidence: .*v1\.5\.0 went live/);
    // The default follows the evidence, and exactly one answer is chosen.
    await expect(question.getByRole('radio', { checked: true })).toHaveCount(1);
    const bad = dialog.locator('label.radio-row', { hasText: 'v1.6.0' });
    await expect(bad).toContainText('failed gate');
    await expectAccessible(page, `Rollback dialog (${theme})`);
    await shot(page, theme === 'Dark' ? 'rollback-mark-bad-dark' : 'rollback-mark-bad', 'window');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  await setTheme(page, 'Light');

  await page.getByRole('button', { name: 'Roll back checkout in staging' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back checkout in staging' });
  await dialog.getByRole('button', { name: /^Clear mark… on v1\.6\.0/ }).click();
  const form = dialog.getByRole('region', { name: 'Clear the bad mark of v1.6.0' });
  const clear = form.getByRole('button', { name: 'Clear mark' });
  await expect(clear).toBeDisabled();
  await form.getByLabel('Why').fill('the gate was pointed at the wrong check');
  await clear.click();
  await expect(form).toBeHidden();
  await expect(dialog.locator('label.radio-row', { hasText: 'v1.6.0' })).not.toContainText('bad');
  await page.keyboard.press('Escape');
});
