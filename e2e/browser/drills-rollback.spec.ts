/**
 * The guided rollback drill in the browser against `cockpit serve --demo`: a person runs the demo's checkout drill
 * from the wizard — preflight all ✓, Start, the failure detected by checkout-ready on staging, "Roll back now"
 * (pressed with its R key), verified — reads the report (measures against targets, what to improve), saves it as
 * Markdown and finds the drill in the history with its trend. Then a fresh demo whose first launch runs the drill by
 * itself: the history shows it, by "demo", with its report. Screenshots of every step, light; the report dark too.
 */
import { readFile } from 'node:fs/promises';
import { type Page, expect, test } from '@playwright/test';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { shot } from '../support/shot';
import { expectTheme } from '../support/theme';

test.describe.configure({ mode: 'serial' });

async function openDrills(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drills' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Drills' })).toBeVisible();
}

async function setTheme(page: Page, theme: 'Light' | 'Dark') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: theme }).check();
  await expectTheme(page, theme === 'Dark' ? 'dark' : 'light');
}

/** The demo's own alerts (an overdue restore drill, a stale backup) are not what these screenshots show. */
async function dismissToasts(page: Page) {
  const dismiss = page.getByRole('list', { name: 'Notifications' }).getByRole('button', { name: /^Dismiss:/ });
  // A toast may leave by itself between the count and the click: that is as good as dismissing it.
  for (let i = 0; i < 10 && (await dismiss.count()) > 0; i++) {
    await dismiss
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
  }
}

async function drillShot(page: Page, name: string) {
  await dismissToasts(page);
  await shot(page, name, 'content');
}

const history = (page: Page) => page.getByRole('table', { name: 'Rollback drills, newest first' });

test.describe('a person runs the drill', () => {
  let cockpit: ServedCockpit;
  test.beforeAll(async () => {
    cockpit = await startCockpit(['--demo']);
  });
  test.afterAll(async () => {
    await cockpit?.stop();
  });

  test("the demo's checkout drill from the wizard to its report, then in the history", async ({ page }) => {
    test.setTimeout(240_000);
    await openDrills(page, cockpit.url);
    const card = page.getByRole('region', { name: 'Guided rollback drill' });
    const service = card.getByRole('article', { name: 'checkout on staging' });
    await expect(service).toContainText('v1.6.0');
    await expect(service).toContainText(/Never practised/);
    await drillShot(page, 'drill-rollback-start');

    // Preflight: every item ✓, the plan in full, and nothing changed yet.
    await service.getByRole('button', { name: 'Practise rollback of checkout on staging' }).click();
    const preflight = card.getByRole('region', { name: 'Preflight: checkout on staging' });
    const items = preflight.getByRole('list', { name: 'Preflight' }).getByRole('listitem');
    await expect(items.first()).toBeVisible({ timeout: 30_000 });
    // On a busy machine the demo's sandbox may still be starting: a person would press "Check again", as here.
    const failed = items.filter({ hasText: 'Failed:' });
    await expect(async () => {
      if ((await failed.count()) > 0) await preflight.getByRole('button', { name: 'Check again' }).click();
      await expect(items.first()).toBeVisible({ timeout: 20_000 });
      expect(await failed.allInnerTexts(), 'no preflight item fails').toEqual([]);
    }).toPass({ timeout: 90_000, intervals: [2_000] });
    for (const item of await items.all()) await expect(item).toContainText('Passed:');
    await expect(preflight).toContainText('demo-stg');
    await expect(preflight).toContainText('checkout-ready');
    await expect(preflight).toContainText('alerts recorded only (practice)');
    await expect(preflight).toContainText(/detect within 2 min, recover within 5 min/);
    const start = preflight.getByRole('button', { name: 'Start drill' });
    await expect(start).toBeEnabled();
    await drillShot(page, 'drill-rollback-preflight');

    // Running: the clock runs from the injection; the checks notice the broken release.
    await start.click();
    await expect(page).toHaveURL(/#\/drills\/rollback\/[^/]+$/);
    const drill = page.getByRole('region', { name: 'Rollback drill of checkout on staging' });
    await expect(drill.getByRole('timer', { name: 'Time since the failure was injected' })).toBeVisible();
    await expect(drill.getByRole('list', { name: 'Phases of the drill' })).toContainText('Inject the failure');
    await expect(drill.getByRole('log')).toBeVisible();
    await drillShot(page, 'drill-rollback-running');

    const rollBack = drill.getByRole('button', { name: /^Roll back now/ });
    await expect(rollBack).toBeEnabled({ timeout: 60_000 });
    const moments = drill.getByRole('list', { name: 'Moments measured' });
    await expect(moments.getByRole('listitem').filter({ hasText: 'Detected' })).toContainText(/\+\d/);
    await expect(moments.getByRole('listitem').filter({ hasText: 'Alert would have been sent' })).toContainText(/\+\d/);
    await drillShot(page, 'drill-rollback-detected');

    // The R key is the button's shortcut, as it says.
    await drill.getByRole('timer').click();
    await page.keyboard.press('r');
    await expect(rollBack).toBeHidden({ timeout: 30_000 });

    // Verified: the report with its measures against the targets and what to improve.
    const verdict = drill.getByRole('status').filter({ hasText: /passed|missed a target|failed/ });
    await expect(verdict).toBeVisible({ timeout: 120_000 });
    await expect(verdict).toContainText(/passed|missed a target/);
    const measures = drill.getByRole('table', { name: 'Measures against the targets' });
    await expect(measures).toContainText(/Time to detect/i);
    await expect(measures).toContainText(/Time to recover/i);
    await expect(measures).toContainText(/[✓✗]/);
    await expect(drill.getByRole('heading', { name: 'What to improve' })).toBeVisible();
    await expect(drill.getByRole('region', { name: 'Timeline' })).toContainText(/\+\d/);
    await expect(drill).toContainText('demo-stg runs');
    await drillShot(page, 'drill-rollback-report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drill.getByRole('button', { name: 'Save report' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = await readFile(await download.path(), 'utf8');
    expect(markdown).toContain('checkout');
    expect(markdown).toMatch(/detect/i);

    const reportHash = new URL(page.url()).hash;
    await setTheme(page, 'Dark');
    await page.goto(`${page.url().split('#')[0]}${reportHash}`);
    await expect(drill.getByRole('table', { name: 'Measures against the targets' })).toBeVisible();
    await drillShot(page, 'drill-rollback-report-dark');
    await setTheme(page, 'Light');

    // The history: the drill with its measures, and the trend.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drills' }).click();
    await expect(history(page)).toContainText('checkout');
    await expect(history(page)).toContainText(/passed|missed a target/);
    await expect(page.getByRole('figure', { name: 'Time to detect and time to recover across drills' })).toBeVisible();
    await expect(card.getByRole('article', { name: 'checkout on staging' })).not.toContainText('Never practised');
    await drillShot(page, 'drill-rollback-history');
    await history(page)
      .getByRole('link', { name: /^Report of the rollback drill of checkout/ })
      .click();
    await expect.poll(() => new URL(page.url()).hash).toBe(reportHash);
    await expect(drill.getByRole('table', { name: 'Measures against the targets' })).toBeVisible();
  });
});

test.describe('the demo runs it by itself on first launch', () => {
  let cockpit: ServedCockpit;
  test.beforeAll(async () => {
    cockpit = await startCockpit(['--demo'], { demoDrill: true });
  });
  test.afterAll(async () => {
    await cockpit?.stop();
  });

  test('the history shows one drill by demo, with its report', async ({ page }) => {
    test.setTimeout(240_000);
    await openDrills(page, cockpit.url);
    const rows = history(page).getByRole('row').filter({ hasText: 'demo' });
    // The demo waits for the first screen and for checkout to be healthy, then runs the whole drill.
    await expect(rows.first()).toContainText(/passed|missed a target/, { timeout: 150_000 });
    await expect(history(page).getByRole('row')).toHaveCount(2);
    await drillShot(page, 'drill-rollback-demo-history');
    await rows
      .first()
      .getByRole('link', { name: /^Report of the rollback drill of checkout/ })
      .click();
    const drill = page.getByRole('region', { name: 'Rollback drill of checkout on staging' });
    await expect(drill).toContainText('the demo ran it by itself on first launch');
    await expect(drill.getByRole('table', { name: 'Measures against the targets' })).toContainText(/Time to detect/i);
  });
});
