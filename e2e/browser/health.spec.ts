/**
 * Health monitoring as a new user meets it, in serve mode over the built-in demo (its sandbox services run on this
 * machine on the demo's fixed ports): the Overview says every service is up; "Break checkout (demo)" turns it red
 * with the reason in words and an alert toast; "Heal" brings it back with one "recovered" alert; the Health screen
 * shows the check's status and latency charts, uptime and SLO, in both themes.
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

// The demo's readiness checks run every 5 s with one retry: a break shows within about 10 s.
const WITHIN_CHECKS = { timeout: 30_000 };

async function go(page: Page, screen: 'Overview' | 'Health' | 'Settings') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

const verdict = (page: Page) => page.getByRole('region', { name: 'Health verdict' });

test('the Overview shows every demo service up, with the live matrix', async ({ page }) => {
  await page.goto(cockpit.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(verdict(page)).toContainText('All services up', WITHIN_CHECKS);
  const matrix = page.getByRole('table', { name: 'Health of each service in each environment' });
  await expect(matrix.getByRole('link', { name: /^checkout in production: up/ })).toBeVisible();
  await expect(matrix.getByText('not deployed here')).toBeVisible(); // the worker runs in production only
  await shot(page, 'overview-up', 'content');
});

test('breaking checkout turns the Overview red with the reason and alerts; healing recovers', async ({ page }) => {
  await page.goto(cockpit.url);
  await expect(verdict(page)).toContainText('All services up', WITHIN_CHECKS);
  await go(page, 'Health');
  const demo = page.locator('.demo-controls');
  await demo.getByRole('button', { name: 'Break checkout (demo)' }).click();
  await expect(demo.getByRole('button', { name: 'Heal checkout (demo)' })).toBeVisible();

  // Told once, clearly: a toast (the desktop app shows a notification instead).
  const toasts = page.getByRole('list', { name: 'Notifications' });
  await expect(toasts.getByText('checkout (production) is down')).toBeVisible(WITHIN_CHECKS);

  await go(page, 'Overview');
  await expect(verdict(page)).toContainText('checkout is down in production');
  await expect(verdict(page)).toContainText('503 from /health/ready');
  const matrix = page.getByRole('table', { name: 'Health of each service in each environment' });
  const cell = matrix.getByRole('link', { name: /^checkout in production: down/ });
  await expect(cell).toContainText('/health/ready 503');
  // What is broken comes first.
  await expect(matrix.locator('tbody tr').first()).toContainText('checkout');
  await expect(page.getByRole('list', { name: 'Recent alerts' })).toContainText('checkout (production) is down');
  await shot(page, 'overview-down', 'content');

  // The matrix cell leads to that service's checks.
  await cell.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
  await page.locator('.demo-controls').getByRole('button', { name: 'Heal checkout (demo)' }).click();
  await expect(toasts.getByText('checkout (production) recovered')).toBeVisible(WITHIN_CHECKS);
  await go(page, 'Overview');
  await expect(verdict(page)).toContainText('All services up', WITHIN_CHECKS);
  await expect(page.getByRole('list', { name: 'Recent alerts' })).toContainText('checkout (production) recovered');
});

test('the Health screen shows a check with its charts, uptime and SLO, in both themes', async ({ page }) => {
  await page.goto(cockpit.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  // An address naming a check opens the Health screen with that check's history.
  const key = encodeURIComponent('checkout/checkout-ready@production');
  await page.evaluate(`window.location.hash = ${JSON.stringify(`#/health?check=${key}`)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
  const checks = page.getByRole('table', { name: /Health checks by service and environment/ });
  await expect(checks.getByRole('row', { name: /^checkout-ready in production/ })).toBeVisible();
  const status = page.getByRole('figure', { name: /Status of checkout-ready in production/ });
  const latency = page.getByRole('figure', { name: /Latency of checkout-ready in production/ });
  await expect(status.locator('.recharts-surface')).toBeVisible();
  await expect(latency.locator('.recharts-surface')).toBeVisible();
  await expect(page.getByText('Uptime 24 h')).toBeVisible();
  await page.getByRole('group', { name: 'Chart range' }).getByRole('button', { name: '7 d' }).click();
  await expect(page.getByRole('group', { name: 'Chart range' }).getByRole('button', { name: '7 d' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('group', { name: 'Chart range' }).getByRole('button', { name: '1 h' }).click();
  await expect(latency.locator('.recharts-surface')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Service level objectives and error budgets' })).toContainText(
    'checkout',
  );
  await shot(page, 'health', 'content');

  // Another row's history opens right under it, at a laptop's size: the row stays where it was clicked, the
  // detail's heading is in view, and the page does not jump. Escape folds it, Enter opens it again.
  await page.setViewportSize({ width: 1280, height: 720 });
  const home = checks.getByRole('row', { name: /^checkout-home in production/ });
  await home.scrollIntoViewIfNeeded();
  const rowTop = (await home.boundingBox())?.y ?? Number.NaN;
  const scrollY = await page.evaluate(() => (globalThis as { scrollY?: number }).scrollY);
  await home.click();
  await expect(home).toHaveAttribute('aria-current', 'true');
  const homeDetail = page.getByRole('heading', { name: /^checkout-home · checkout · production/ });
  await expect(homeDetail).toBeInViewport();
  expect(await page.evaluate(() => (globalThis as { scrollY?: number }).scrollY)).toBe(scrollY);
  expect(Math.abs(((await home.boundingBox())?.y ?? Number.NaN) - rowTop)).toBeLessThan(2);
  await expect(page.getByText('Uptime 24 h')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(homeDetail).toBeHidden();
  await expect(home).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(homeDetail).toBeInViewport();
  await shot(page, 'health-detail', 'window');

  await go(page, 'Settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await go(page, 'Health');
  await checks.getByRole('row', { name: /^checkout-ready in production/ }).click();
  await expect(latency.locator('.recharts-surface')).toBeVisible();
  await expectTheme(page, 'dark');
  await shot(page, 'health-detail-dark', 'window');
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, 'health-dark', 'content');
  await go(page, 'Settings');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expectTheme(page, 'light');
});

test('quiet hours can be set in the app over the workspace file, and handed back to it', async ({ page }) => {
  await page.goto(cockpit.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await go(page, 'Health');
  const card = page.locator('.health-settings');
  const form = card.getByRole('form', { name: 'Quiet hours' });
  await expect(form.getByRole('button', { name: 'Use workspace setting' })).toBeDisabled();
  await form.getByLabel('Quiet hours start').fill('21:30');
  await form.getByLabel('Quiet hours end').fill('06:45');
  await form.getByRole('button', { name: 'Set quiet hours' }).click();
  await expect(card).toContainText('21:30-06:45 set in this app (cockpit.yaml sets none)');
  await form.getByRole('button', { name: 'Use workspace setting' }).click();
  await expect(form.getByRole('button', { name: 'Use workspace setting' })).toBeDisabled();
  await expect(card).not.toContainText('set in this app');
});
