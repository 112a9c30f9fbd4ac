/**
 * Incidents as the on-call person meets them, in serve mode over the built-in demo: breaking checkout opens an
 * incident that the Overview shows first with its clock running; "I'm on it" (the button, or the A key) records
 * who is on it; healing resolves it with its figures and a post-mortem draft naming the impact window; an action
 * item saved on the incident is listed on the Incidents screen until done. Screens in both themes.
 */
import { type Page, expect, test } from '@playwright/test';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { shot } from '../support/shot';
import { expectTheme } from '../support/theme';

let cockpit: ServedCockpit;

// The demo's readiness checks run every 5 s with one retry: a break shows within about 10 s.
const WITHIN_CHECKS = { timeout: 30_000 };

type Screen = 'Overview' | 'Health' | 'Incidents' | 'Settings' | 'Activity';

async function go(page: Page, screen: Screen) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

/** The demo controls' row button for one sandbox: "Break checkout in staging (demo)" / "Heal …". */
async function demo(page: Page, action: 'Break' | 'Heal', environment: string) {
  await go(page, 'Health');
  const controls = page.locator('.demo-controls');
  const more = controls.locator('details.demo-more');
  if ((await more.getAttribute('open')) === null) await more.locator('summary').click();
  await controls.getByRole('button', { name: `${action} checkout in ${environment} (demo)` }).click();
  const undo = action === 'Break' ? 'Heal' : 'Break';
  await expect(controls.getByRole('button', { name: `${undo} checkout in ${environment} (demo)` })).toBeVisible();
}

async function clockReading(page: Page, scope: ReturnType<Page['locator']>): Promise<string> {
  return (await scope.getByRole('timer').first().innerText()).trim();
}

test.describe('a real incident', () => {
  test.beforeAll(async () => {
    cockpit = await startCockpit(['--demo']);
  });
  test.afterAll(async () => {
    await cockpit?.stop();
  });

  test('an incident from break to recovery: the Overview card, "I\'m on it", figures, post-mortem and an action item', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    // The card must be above the fold on a small laptop screen.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(cockpit.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Health verdict' })).toContainText('All services up', WITHIN_CHECKS);
    await expect(page.getByRole('region', { name: 'Open incident' })).toHaveCount(0);

    await demo(page, 'Break', 'staging');
    await go(page, 'Overview');
    const card = page.getByRole('region', { name: 'Open incident' });
    await expect(card).toContainText('checkout down in staging', WITHIN_CHECKS);
    await expect(card).toContainText('503');
    await expect(card).toBeInViewport({ ratio: 1 });
    // The clock runs: it reads differently a couple of seconds later.
    await expect(card.getByRole('timer')).toHaveText(/^open \d+ (s|min \d\d s)$/);
    const before = await clockReading(page, card);
    await expect.poll(() => clockReading(page, card), { timeout: 5_000 }).not.toBe(before);
    await expect(card.getByRole('button', { name: 'I’m on it' })).toBeVisible();
    await shot(page, 'overview-incident-card', 'window');

    await card.getByRole('link', { name: 'Open the incident' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
    const header = page.getByRole('region', { name: 'Incident' });
    await expect(header.getByRole('heading', { name: 'checkout down in staging' })).toBeVisible();
    await expect(header).toContainText('checkout@staging');
    await expect(header.getByRole('timer')).toHaveText(/^open /);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect(timeline).toContainText('checkout went down in staging');

    await header.getByRole('button', { name: /I’m on it/ }).click();
    await expect(header).toContainText('acknowledged');
    await expect(header).toContainText(/by \S+/);
    await expect(header.getByRole('button', { name: /I’m on it/ })).toHaveCount(0);
    await expect(timeline).toContainText("I'm on it");
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, 'incident-open', 'content');

    // Healing resolves it: the clock stops, the figures fill in, the draft names the impact window.
    const address = page.url();
    await demo(page, 'Heal', 'staging');
    await page.goto(address);
    await expect(header.getByText('resolved', { exact: true })).toBeVisible(WITHIN_CHECKS);
    await expect(header.getByRole('timer')).toHaveText(/^lasted /);
    const figures = page.getByRole('group', { name: 'Figures' });
    for (const figure of ['Time to detect', 'Time to acknowledge', 'Time to recover']) {
      await expect(figures.getByText(figure)).toBeVisible();
    }
    await expect(figures).not.toContainText('still down');
    await expect(figures.locator('.incident-figure-value').nth(2)).toHaveText(/\d+(\.\d)? (s|min)/);
    const postmortem = page.locator('.postmortem-text');
    await expect(postmortem.getByRole('heading', { name: 'Impact' })).toBeVisible();
    await expect(postmortem).toContainText(/Started: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    await expect(postmortem).toContainText(/Recovered: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    await expect(postmortem).toContainText('Duration:');

    // One action item with an owner and a due date that has passed: listed, and in red, until done.
    const items = page.getByRole('form', { name: 'Action items' });
    await items.getByRole('button', { name: 'Add action item' }).click();
    await items.getByRole('button', { name: 'Save action items' }).click();
    await expect(items.getByText('Say what is to be done, or remove this item.')).toBeVisible();
    await items.getByLabel('Action item 1', { exact: true }).fill('Gate staging deploys on the readiness check');
    await items.getByLabel('Owner of action item 1').fill('ana');
    await items.getByLabel('Due date of action item 1').fill('2026-01-15');
    await items.getByRole('button', { name: 'Save action items' }).click();
    await expect(page.getByRole('list', { name: 'Notifications' }).getByText('Action items saved')).toBeVisible();
    await expect(items.getByRole('button', { name: 'Save action items' })).toBeDisabled();
    await expect(items.locator('.text-bad')).toContainText('overdue since');

    // The post-mortem is edited as Markdown and read back as text.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = page.getByLabel('Post-mortem (Markdown)');
    await expect(editor).toHaveValue(/## Impact/);
    await editor.fill(
      `${await editor.inputValue()}\n## Lessons\n\nThe readiness check caught it within **seconds**.\n`,
    );
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(postmortem.getByRole('heading', { name: 'Lessons' })).toBeVisible();
    await expect(postmortem.locator('strong')).toContainText(['seconds']);
    await shot(page, 'incident-resolved', 'content');

    await go(page, 'Incidents');
    const openItems = page.getByRole('list', { name: 'Open action items' });
    await expect(openItems).toContainText('Gate staging deploys on the readiness check');
    await expect(openItems).toContainText('ana');
    await expect(openItems.locator('.text-bad')).toContainText('overdue since');
    await expect(openItems.getByRole('link', { name: 'checkout down in staging' })).toBeVisible();
    const list = page.getByRole('table', { name: 'Incidents, open first' });
    await expect(list.getByRole('row', { name: /resolved checkout down in staging/ })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Real figures, last 30 days' })).toContainText('MTTR');
    await shot(page, 'incidents', 'content');

    // Dark theme: the incident page and the list.
    await go(page, 'Settings');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expectTheme(page, 'dark');
    await go(page, 'Incidents');
    await openItems.getByRole('link', { name: 'checkout down in staging' }).click();
    await expect(header.getByText('resolved', { exact: true })).toBeVisible();
    await shot(page, 'incident-resolved-dark', 'content');
    await go(page, 'Settings');
    await page.getByRole('radio', { name: 'Light' }).check();
    await expectTheme(page, 'light');
  });

  test('the A key says "I\'m on it" on an open incident, and the Overview card shows who is on it', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto(cockpit.url);
    await expect(page.getByRole('region', { name: 'Health verdict' })).toContainText('All services up', WITHIN_CHECKS);
    await demo(page, 'Break', 'production');
    await go(page, 'Overview');
    const card = page.getByRole('region', { name: 'Open incident' });
    await expect(card).toContainText('checkout down in production', WITHIN_CHECKS);
    await card.getByRole('link', { name: 'Open the incident' }).click();
    const header = page.getByRole('region', { name: 'Incident' });
    await expect(header.getByRole('button', { name: /I’m on it/ })).toBeVisible();
    await page.keyboard.press('a');
    await expect(header).toContainText('acknowledged');

    await go(page, 'Overview');
    await expect(card).toContainText('acknowledged');
    await expect(card.getByRole('button', { name: 'I’m on it' })).toHaveCount(0);
    await shot(page, 'overview-incident-card-acknowledged', 'window');
    await settings(page, 'Dark');
    await go(page, 'Overview');
    await expect(card).toContainText('acknowledged');
    await shot(page, 'overview-incident-card-dark', 'window');
    await settings(page, 'Light');

    await demo(page, 'Heal', 'production');
    await go(page, 'Overview');
    await expect(card).toHaveCount(0, WITHIN_CHECKS);
  });
});

// Its own cockpit: a third break of the same service within ten minutes would be flapping, and a flapping service's
// incident stays open until it has been stable for five (see docs/incidents.md).
test.describe('the alert’s notice', () => {
  test.beforeAll(async () => {
    cockpit = await startCockpit(['--demo']);
  });
  test.afterAll(async () => {
    await cockpit?.stop();
  });

  test('offers "I’m on it": the same acknowledgement, one click from anywhere', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(cockpit.url);
    await expect(page.getByRole('region', { name: 'Health verdict' })).toContainText('All services up', WITHIN_CHECKS);
    await demo(page, 'Break', 'staging');
    const notice = page
      .getByRole('list', { name: 'Notifications' })
      .getByRole('status')
      .filter({ hasText: 'checkout (staging) is down' });
    await expect(notice.getByRole('button', { name: 'I’m on it' })).toBeVisible(WITHIN_CHECKS);
    await notice.getByRole('button', { name: 'I’m on it' }).click();
    await expect(notice).toHaveCount(0);

    await go(page, 'Overview');
    const card = page.getByRole('region', { name: 'Open incident' });
    await expect(card).toContainText('checkout down in staging');
    await expect(card).toContainText('acknowledged');
    await demo(page, 'Heal', 'staging');
    await go(page, 'Overview');
    await expect(card).toHaveCount(0, WITHIN_CHECKS);

    // Recent activity and Activity tell each alert's own status — "down", "recovered" — never a green "succeeded".
    const recent = page.getByRole('region', { name: 'Recent activity' });
    const recentDown = recent.locator('.activity-item').filter({ hasText: 'checkout (staging) is down' }).first();
    await expect(recentDown.locator('.pill').first()).toHaveText('down');
    await expect(recentDown).not.toContainText('succeeded');
    await go(page, 'Activity');
    const journal = page.getByRole('table', { name: 'Journal actions, newest first' });
    const down = journal.getByRole('row', { name: /^checkout \(staging\) is down, down/ }).first();
    await expect(down.locator('.pill-bad')).toHaveText('down');
    await expect(journal.getByRole('row', { name: /^checkout \(staging\) recovered, recovered/ }).first()).toBeVisible(
      WITHIN_CHECKS,
    );
    await expect(journal.getByRole('row', { name: /is down, succeeded/ })).toHaveCount(0);

    // Its detail in words: labelled rows, the log, and the raw data kept behind a closed disclosure.
    await down.click();
    const detail = page.locator('.detail');
    for (const label of ['Result', 'Target', 'Service', 'Environment', 'Reason', 'Told']) {
      await expect(detail.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) })).toBeVisible();
    }
    await expect(detail.getByText('Raw data')).toBeVisible();
    await expect(detail.locator('pre.entry-data').first()).toBeHidden();
    await dismissNotices(page);
    await shot(page, 'activity-alert-detail', 'window');
    await settings(page, 'Dark');
    // The selection is kept across screens: the same alert is still open.
    await go(page, 'Activity');
    await expect(detail.getByRole('term').filter({ hasText: /^Reason$/ })).toBeVisible();
    await dismissNotices(page);
    await shot(page, 'activity-alert-detail-dark', 'window');
    await settings(page, 'Light');
  });
});

test.describe('a drill’s practice incident', () => {
  test.beforeAll(async () => {
    // The demo's first-launch drill breaks checkout on staging on purpose, some time after the start.
    cockpit = await startCockpit(['--demo'], { demoDrill: true });
  });
  test.afterAll(async () => {
    await cockpit?.stop();
  });

  test('is labelled practice, kept apart from the real figures, and links to its drill', async ({ page }) => {
    test.setTimeout(360_000);
    await page.goto(cockpit.url);
    const card = page.getByRole('region', { name: 'Practice incident (drill)' });
    // The demo waits for the first screen and for checkout to be healthy, then breaks it.
    await expect(card).toContainText('Practice (drill)', { timeout: 180_000 });
    await expect(card).toContainText('checkout down in staging');
    await expect(card.getByRole('timer')).toHaveText(/^open /);
    await expect(page.getByRole('region', { name: 'Open incident' })).toHaveCount(0);
    await shot(page, 'overview-incident-card-practice', 'window');

    await go(page, 'Incidents');
    const practice = page.getByRole('region', { name: 'Practice (drills)' });
    await expect(practice.getByRole('row', { name: /checkout down in staging practice/ })).toBeVisible();
    // Never in the real figures, nor in the real list.
    await expect(page.getByRole('group', { name: 'Real figures, last 30 days' })).toContainText(/Incidents\s*0/);
    await expect(page.getByText('No incident yet')).toBeVisible();

    await practice.getByRole('link', { name: 'checkout down in staging' }).click();
    const header = page.getByRole('region', { name: 'Incident' });
    await expect(header).toContainText('practice');
    await expect(header.getByRole('link', { name: 'rollback drill' })).toHaveAttribute(
      'href',
      /^#\/drills\/rollback\/.+/,
    );
    // The drill presses "Roll back now" by itself: the practice incident resolves.
    await expect(header.getByText('resolved', { exact: true })).toBeVisible({ timeout: 120_000 });
    await shot(page, 'incident-practice', 'content');
  });
});

/** Closes every notice, so a screenshot shows the screen rather than the toasts over it. */
async function dismissNotices(page: Page) {
  const dismiss = page.getByRole('list', { name: 'Notifications' }).getByRole('button', { name: /^Dismiss/ });
  // Bounded: a notice may close by itself between the count and the click.
  for (let i = 0; i < 10 && (await dismiss.count()) > 0; i++)
    await dismiss
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
}

async function settings(page: Page, theme: 'Dark' | 'Light') {
  await go(page, 'Settings');
  await page.getByRole('radio', { name: theme }).check();
  await expectTheme(page, theme === 'Dark' ? 'dark' : 'light');
}
