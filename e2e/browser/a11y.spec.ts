/**
 * Accessibility, checked by axe-core inside the page: every screen in the light and the dark theme, then every
 * dialog a person can open on the demo without changing anything, and a toast. Zero serious and zero moderate
 * violations; all of them are collected and reported at the end, so one run names everything left to fix. The
 * dialogs that need the demo changed first are checked where other tests open them (`expectAccessible`): the
 * Rollback and Deploy-with-badges dialogs in both themes (release-marks), the lock dialog (deploy-locks), the
 * passphrase prompt (passphrase), and a run dialog with an unknown or changed host key (host-keys).
 */
import { type Locator, type Page, expect, test } from '@playwright/test';
import { type A11yViolation, axeViolations, formatViolations, summarize } from '../support/axe';
import { screens } from '../support/screens';
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

type Theme = 'light' | 'dark';

// About 20 s each on an idle machine; axe's contrast checks take several times longer on a loaded one.
test.describe.configure({ timeout: 120_000 });

async function go(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
  // Skeletons are placeholders for data still on its way: the screen is checked as a person reads it.
  await expect(page.locator('.skeleton')).toHaveCount(0);
}

/** The theme is switched in Settings, as a person does it: no reload. */
async function useTheme(page: Page, theme: Theme): Promise<void> {
  await go(page, 'Settings');
  await page.getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' }).check();
  await expectTheme(page, theme);
}

test('every screen, in the light and the dark theme, has no serious or moderate axe violation', async ({ page }) => {
  await page.goto(cockpit.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const found: A11yViolation[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await useTheme(page, theme);
    for (const screen of screens) {
      await go(page, screen);
      found.push(...(await axeViolations(page, `${screen} (${theme})`)));
      // Enabled (Deploy, History) and disabled (Roll back) secondary buttons side by side, to look at.
      if (screen === 'Deploys') await shot(page, `a11y-buttons-${theme}`, 'window');
    }
  }
  expect(summarize(found), formatViolations(found)).toEqual([]);
});

test('every dialog a person can open on the demo, and a toast, has no serious or moderate axe violation', async ({
  page,
}) => {
  await page.goto(cockpit.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const found: A11yViolation[] = [];

  /**
   * Opens the dialog with `open`, waits until `ready` (a control only its loaded form has) is visible, runs axe, and
   * closes it with Escape.
   */
  async function check(
    name: string | RegExp,
    where: string,
    open: () => Promise<void>,
    ready: (dialog: Locator) => Locator,
    theme: Theme,
  ) {
    await open();
    const dialog = page.getByRole('dialog', { name });
    await expect(ready(dialog)).toBeVisible();
    await expect(dialog.locator('.skeleton')).toHaveCount(0);
    found.push(...(await axeViolations(page, `${where} dialog (${theme})`)));
    if (where === 'Deploy' && theme === 'dark') await shot(page, 'a11y-deploy-dialog-dark', 'window');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  for (const theme of ['light', 'dark'] as const) {
    await useTheme(page, theme);
    await go(page, 'Overview');
    await check(
      'Keyboard shortcuts',
      'Shortcuts',
      () => page.keyboard.press('?'),
      (d) => d.getByRole('table', { name: 'Keyboard shortcuts' }),
      theme,
    );
    await check(
      'Open workspace',
      'Open workspace',
      () => page.getByRole('button', { name: 'Open workspace…' }).first().click(),
      (d) => d.getByLabel('Workspace file path'),
      theme,
    );

    await go(page, 'Deploys');
    await check(
      /^Deploy/,
      'Deploy',
      () => page.getByRole('button', { name: 'Deploy checkout in staging' }).click(),
      (d) => d.getByRole('radiogroup', { name: 'Release to deploy' }),
      theme,
    );
    await go(page, 'Backups');
    await check(
      'Restore drill of orders-db',
      'Restore drill',
      () => page.getByRole('button', { name: 'Run restore drill of orders-db' }).click(),
      (d) => d.getByRole('button', { name: 'Start the drill' }),
      theme,
    );

    await go(page, 'Runbooks');
    await check(
      /^Run Restart the worker in production/,
      'Runbook run',
      () => page.getByRole('button', { name: 'Run Restart the worker in production' }).click(),
      (d) => d.getByLabel('Type production to confirm'),
      theme,
    );

    // "Draft a budget" is a panel under the budgets, not a modal: checked open, then closed with Escape.
    await go(page, 'Cost');
    const draft = page.getByRole('region', { name: 'Draft a budget' });
    await page.getByRole('button', { name: 'Draft a budget…' }).click();
    await expect(draft).toBeVisible();
    found.push(...(await axeViolations(page, `Cost "Draft a budget" panel (${theme})`)));
    await draft.getByRole('button').first().focus();
    await page.keyboard.press('Escape');
    await expect(draft).toBeHidden();

    // Reloading the workspace file changes nothing and says so in a toast, which must sit in a landmark. Focus on
    // the toast holds it: a notice does not fade while someone is on it.
    await page.getByRole('button', { name: 'Reload', exact: true }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Workspace reloaded' });
    await toast.getByRole('button', { name: /^Dismiss/ }).focus();
    found.push(...(await axeViolations(page, `Toast (${theme})`)));
    await expect(toast, 'the toast was still there when axe ran').toBeVisible();
    await toast.getByRole('button', { name: /^Dismiss/ }).click();
    await expect(toast).toBeHidden();
  }
  expect(summarize(found), formatViolations(found)).toEqual([]);
});
