/**
 * Backups and restore drills in the browser against `cockpit serve --demo` (nothing installed: the demo's copies are
 * gzip'd SQL in a pretend host's folder, and its drill unzips one into a scratch folder): the Backups screen shows a
 * stale backup past its RPO and a shrunk copy; Verify now shows progress, then each check with what it proves;
 * the demo's restore drill runs from the UI with a live log, ends with its evidence (RTO/RPO, checks), and its
 * report downloads as Markdown. Keyboard: the dialog keeps focus and Esc closes it. Screenshots light and dark.
 */
import { readFile } from 'node:fs/promises';
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

async function open(page: Page, screen: 'Backups' | 'Drills' | 'Settings' | 'Overview') {
  await page.goto(cockpit.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
  if (screen !== 'Overview') await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

const backup = (page: Page, id: string) => page.getByRole('article', { name: new RegExp(`^${id}\\b`) });

async function setTheme(page: Page, theme: 'Light' | 'Dark') {
  await open(page, 'Settings');
  await page.getByRole('radio', { name: theme }).check();
  await expectTheme(page, theme === 'Dark' ? 'dark' : 'light');
}

test('Backups: a stale backup past its RPO and a shrunk copy, worst first', async ({ page }) => {
  await open(page, 'Backups');
  const stale = backup(page, 'uploads');
  await expect(stale).toContainText('broken');
  await expect(stale.getByRole('meter')).toHaveAccessibleName(/past the RPO of 26 h/);
  const orders = backup(page, 'orders-db');
  await expect(orders).toContainText('shrunk copy');
  await expect(orders.getByRole('img', { name: /Sizes of the last \d+ copies of orders-db; shrunk: / })).toBeVisible();
  await expect(orders.getByRole('meter')).toHaveAccessibleName(/within the RPO/);
  // Worst first: the broken promise is listed before the one that keeps it.
  const names = await page
    .getByRole('article')
    .evaluateAll((all) => all.map((a) => a.querySelector('h3')?.textContent));
  expect(names.findIndex((n) => n?.startsWith('uploads'))).toBeLessThan(
    names.findIndex((n) => n?.startsWith('orders-db')),
  );
  await shot(page, 'backups', 'content');
});

test('Verify now shows progress, then each check with what it proves and what it does not', async ({ page }) => {
  await open(page, 'Backups');
  const orders = backup(page, 'orders-db');
  await orders.getByRole('button', { name: 'Verify now orders-db' }).click();
  await expect(orders.getByRole('button', { name: /^Verify(ing| now) orders-db/ })).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByRole('list', { name: 'Notifications' })).toContainText('Verified orders-db');
  await orders.getByRole('button', { name: /Show \d+ checks/ }).click();
  await expect(orders).toContainText('Proves:');
  await expect(orders).toContainText('Does not prove:');
  await expect(orders).toContainText('freshness');
  await orders.getByRole('button', { name: 'Details of orders-db' }).click();
  await expect(orders.getByRole('figure').first()).toContainText('Age of the newest copy');
  await expect(orders.getByRole('table', { name: /Copies/ })).toContainText('shrunk');
  await shot(page, 'backup-details', 'content');
});

test('the restore drill dialog keeps focus and Esc closes it', async ({ page }) => {
  await open(page, 'Backups');
  await backup(page, 'orders-db').getByRole('button', { name: 'Run restore drill of orders-db' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore drill of orders-db' });
  await expect(dialog.getByLabel('Copy to restore')).toBeFocused();
  // The page behind is inert: Tab walks the dialog's controls (and the browser's own UI between rounds), never
  // a control of the screen under it.
  const seen = new Set<string>();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const where = await dialog.evaluate((d) => {
      const el = d.ownerDocument.activeElement;
      if (!el || el === d.ownerDocument.body) return 'outside the page';
      return d.contains(el) ? (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName) : 'behind the dialog';
    });
    expect(where).not.toBe('behind the dialog');
    seen.add(where);
  }
  expect(seen).toContain('Start the drill');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test("run the demo's restore drill from the UI: live log, evidence, report", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, 'Backups');
  await backup(page, 'orders-db').getByRole('button', { name: 'Run restore drill of orders-db' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore drill of orders-db' });
  await expect(dialog.getByLabel('Copy to restore')).toContainText('Default:');
  await dialog.getByRole('button', { name: 'Start the drill' }).click();
  await expect(dialog.getByRole('log')).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText('RTO', { timeout: 90_000 });
  await expect(dialog.locator('.run-head')).toContainText('succeeded');
  await expect(dialog.getByRole('log')).toContainText(/restore/i);
  await shot(page, 'drill-dialog', 'window');

  await dialog.getByRole('link', { name: /Open the evidence/ }).click();
  await expect(dialog).toBeHidden();
  const evidence = page.getByRole('region', { name: 'Restore drill of checkout/orders-db' });
  await expect(evidence).toContainText(/RTO .* of 5 min/);
  await expect(evidence).toContainText(/RPO .* of 30 h/);
  await expect(evidence).toContainText(/Checks · \d+ of \d+ passed/);
  await expect(evidence).toContainText('Teardown');
  await expect(evidence.locator('pre').first()).toBeVisible();
  await shot(page, 'drill-evidence', 'content');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    evidence.getByRole('button', { name: 'Download report (.md)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(text).toContain('orders-db');
  expect(text).toMatch(/RTO/);
  expect(text).toMatch(/RPO/);
});

test('Drills lists the drill that ran and opens its evidence', async ({ page }) => {
  await open(page, 'Drills');
  const history = page.getByRole('table', { name: 'Restore drills that ran, newest first' });
  await expect(history).toContainText('orders-db');
  await expect(history).toContainText('succeeded');
  await expect(page.getByRole('table', { name: 'Restore drills declared on backups' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run the restore drill of orders-db' })).toBeVisible();
  await shot(page, 'drills', 'content');
  await history
    .getByRole('link', { name: /^Evidence of the drill of orders-db/ })
    .first()
    .click();
  await expect(page).toHaveURL(/#\/drills\/[^/]+$/);
  await expect(page.getByRole('button', { name: 'Download report (.md)' })).toBeVisible();
});

test('the Overview card, and Backups, evidence and Drills in the dark theme', async ({ page }) => {
  await open(page, 'Overview');
  const card = page.getByRole('region', { name: 'Backups' });
  await expect(card).toContainText('uploads');
  await expect(card).toContainText('orders-db');
  await expect(card.getByRole('link', { name: 'Open Backups →' })).toBeVisible();
  await shot(page, 'overview-backups-card', 'content');

  await setTheme(page, 'Dark');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backups' }).click();
  await expect(backup(page, 'uploads')).toContainText('broken');
  await shot(page, 'backups-dark', 'content');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drills' }).click();
  await expect(page.getByRole('table', { name: 'Restore drills that ran, newest first' })).toContainText('orders-db');
  await shot(page, 'drills-dark', 'content');
  await page
    .getByRole('table', { name: 'Restore drills that ran, newest first' })
    .getByRole('link', { name: /^Evidence of the drill of orders-db/ })
    .first()
    .click();
  await expect(page.getByRole('button', { name: 'Download report (.md)' })).toBeVisible();
  await shot(page, 'drill-evidence-dark', 'content');
  await setTheme(page, 'Light');
});
