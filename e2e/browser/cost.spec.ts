/**
 * The cost feature as a person uses it, in serve mode over the demo workspace (its sample account is replayed
 * through the real AWS SDK and the journal's cache): the Cost screen's chart and budgets, the tag view, a forced
 * refresh that costs what it said, the monthly review of last month with its CSV and Markdown downloads checked,
 * the print-only review behind "Save as PDF", the dark theme, the Overview card, and a broken cost source.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { shot } from '../support/shot';
import { expectTheme } from '../support/theme';

let cockpit: ServedCockpit;
let scratch: string;

test.beforeAll(async () => {
  cockpit = await startCockpit(['--demo']);
  scratch = mkdtempSync(join(tmpdir(), 'cockpit-cost-e2e-'));
});
test.afterAll(async () => {
  await cockpit?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Last month (UTC, as Cost Explorer counts) as YYYY-MM and as the screen writes it. */
function lastMonth(): { iso: string; label: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return {
    iso: first.toISOString().slice(0, 7),
    label: first.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  };
}

async function openCost(page: Page) {
  await page.goto(cockpit.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cost' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cost' })).toBeVisible();
}

/** Cents of an amount written as in the CSV ("-12.30"). */
const cents = (text: string) => Math.round(Number(text) * 100);

test('the Cost screen shows daily spend by service, budgets, movers, freshness and what a forced refresh costs', async ({
  page,
}) => {
  await openCost(page);
  const chart = page.getByRole('region', { name: 'Daily spend by service' });
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(chart.getByRole('list', { name: 'Legend' }).getByRole('listitem')).toHaveCount(9);
  await expect(chart.getByText('Other (6)')).toBeVisible();
  await expect(chart.getByText(/Hatched: \d+ days? AWS still marks as estimated/)).toBeVisible();

  const budgets = page.getByRole('region', { name: 'Budgets' });
  await expect(budgets.getByRole('rowheader', { name: /All of AWS/ })).toBeVisible();
  await expect(budgets.getByRole('rowheader', { name: /Production/ })).toBeVisible();
  await expect(budgets.getByRole('meter')).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Top movers' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Untagged spend' })).toContainText(/env\s*\$[\d,.]+/);

  await expect(page.getByText('replayed sample data').first()).toBeVisible();
  await expect(page.getByText(/Cost Explorer in \w+: \d+ requests · free \(sample data\)/).first()).toBeVisible();
  const force = page.getByRole('button', { name: /Force refresh/ });
  await expect(force).toContainText(/≈ \d+ requests · free \(sample data\)/);
  await shot(page, 'cost', 'content');

  // The estimate is what the forced refresh then sends.
  const estimate = Number(/≈ (\d+) requests/.exec((await force.textContent()) ?? '')?.[1]);
  await force.click();
  await expect(page.getByRole('status').filter({ hasText: 'Refreshed' })).toHaveText(
    `Refreshed: ${estimate} requests sent.`,
  );
  // An ordinary refresh right after finds everything fresh in the cache.
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Refreshed' })).toHaveText(
    'Refreshed: everything was fresh in the cache, nothing sent.',
  );
});

test('the chart switches to a tag and to 13 months', async ({ page }) => {
  await openCost(page);
  await page.getByLabel('Split by').selectOption({ label: 'Tag: env' });
  const chart = page.getByRole('region', { name: 'Daily spend by tag env' });
  const legend = chart.getByRole('list', { name: 'Legend' });
  await expect(legend.getByRole('listitem')).toHaveCount(3);
  for (const value of ['production', 'staging', '(untagged)']) await expect(legend).toContainText(value);
  await expect(page.getByRole('region', { name: 'Top movers' }).getByRole('columnheader').first()).toHaveText('env');

  await page.getByLabel('Range').selectOption({ label: '13 months + this one' });
  // 13 closed months and this one, day by day.
  await expect(chart.getByRole('figure')).toHaveAttribute('aria-label', /over \d{3} days/);
  const days = Number(/over (\d+) days/.exec((await chart.getByRole('figure').getAttribute('aria-label')) ?? '')?.[1]);
  expect(days).toBeGreaterThan(390);
  expect(days).toBeLessThan(430);

  // The address says what is shown, so a reload (or a shared link) opens the same view.
  await expect(page).toHaveURL(/#\/cost\?split=tag:env&months=14$/);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Daily spend by tag env' }).getByRole('figure')).toHaveAttribute(
    'aria-label',
    new RegExp(`over ${days} days`),
  );
  await expect(page.getByLabel('Range')).toHaveValue('14');
  await page.getByLabel('Split by').selectOption({ label: 'Service' });
  await page.getByLabel('Range').selectOption({ label: 'This month' });
  await expect(page.getByRole('region', { name: 'Daily spend by service' })).toBeVisible();
});

test("Split by offers the account's other tag keys once asked for, and a budget is drafted as a YAML line", async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openCost(page);
  const chart = page.getByRole('region', { name: 'Daily spend by service' });
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const splitBy = page.getByLabel('Split by');
  await expect(splitBy.locator('option')).toHaveText(['Service', 'Tag: env']);

  // Listing costs requests, so it waits for a click that says what it costs (the demo's samples are free).
  const more = chart.getByRole('button', { name: /More tag keys from AWS/ });
  await expect(more).toContainText(/≈ \d+\+ requests · free \(sample data\)/);
  await more.click();
  await expect(chart.getByRole('status')).toHaveText('+1 tag key from AWS');
  await expect(splitBy).toBeFocused();
  await expect(splitBy.locator('optgroup[label="More tag keys from AWS"] option')).toHaveText(['Tag: team']);
  await splitBy.selectOption({ label: 'Tag: team' });
  const byTeam = page.getByRole('region', { name: 'Daily spend by tag team' });
  const legend = byTeam.getByRole('list', { name: 'Legend' });
  for (const value of ['payments', 'search', 'platform', '(untagged)']) await expect(legend).toContainText(value);
  await expect(legend).not.toContainText('Amazon');
  await expect(page).toHaveURL(/#\/cost\?split=tag:team$/);
  await expect(byTeam.locator('.cost-chart')).not.toHaveClass(/is-loading/);
  await byTeam.screenshot({ path: 'e2e/screenshots/cost-tag-keys.png' });

  // The draft writes the line to paste into cockpit.yaml; the app never writes the file.
  await splitBy.selectOption({ label: 'Service' });
  await expect(page.getByRole('region', { name: 'Daily spend by service' })).toBeVisible();
  const budgets = page.getByRole('region', { name: 'Budgets' });
  await budgets.getByRole('button', { name: 'Draft a budget…' }).click();
  const draft = budgets.getByRole('region', { name: 'Draft a budget' });
  await expect(draft.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(draft.getByRole('button', { name: 'Copy the YAML line' })).toBeDisabled();
  await draft.getByLabel('Name', { exact: true }).fill('Databases');
  await draft.getByLabel('Monthly', { exact: true }).fill('120');
  await draft.getByRole('radio', { name: 'One service' }).check();
  await draft.getByLabel('Service', { exact: true }).selectOption('Amazon Relational Database Service');
  const line = '- { name: Databases, filter: { service: Amazon Relational Database Service }, monthly: 120 USD }';
  const snippet = draft.getByRole('figure', { name: /Paste under cost: → budgets: in cockpit\.yaml/ });
  await expect(snippet.locator('pre')).toHaveText(line);
  await expect(draft).toContainText(/so far\s*\$[\d.]+ of \$120\.00 · [\d.]+ %/);
  await expect(draft).toContainText('Checked against the workspace schema.');
  await draft.getByRole('button', { name: 'Copy the YAML line' }).click();
  await expect(draft.getByRole('status')).toHaveText('Copied to the clipboard.');
  // A string: the e2e code is typed for Node, the expression runs in the page.
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(line);

  // A taken name is refused in the workspace schema's words.
  await draft.getByLabel('Name', { exact: true }).fill('Production');
  await expect(draft.getByRole('list', { name: 'Still needed' })).toHaveText(
    'Name: Budget "Production" is declared twice.',
  );
  await draft.getByLabel('Name', { exact: true }).fill('Databases');
  await draft.getByRole('button', { name: 'Copy the YAML line' }).click();
  await budgets.scrollIntoViewIfNeeded();
  await budgets.screenshot({ path: 'e2e/screenshots/cost-budget-draft.png' });
  await page.keyboard.press('Escape');
  await expect(draft).toBeHidden();
  await expect(budgets.getByRole('button', { name: 'Draft a budget…' })).toBeFocused();
});

test('the monthly review of last month, downloaded as CSV and Markdown', async ({ page }) => {
  const month = lastMonth();
  await openCost(page);
  await page.getByRole('tab', { name: 'Monthly review' }).click();
  await expect(page).toHaveURL(/#\/cost\/review$/);
  const review = page.getByRole('article', { name: `AWS cost review, ${month.label}` });
  await expect(review.getByRole('heading', { name: `AWS cost review — ${month.label}` })).toBeVisible();
  await expect(review.getByRole('region', { name: 'Top increases' })).toContainText('Amazon CloudWatch');
  await expect(review.getByRole('region', { name: 'Top decreases' })).toContainText(
    'Amazon Relational Database Service',
  );
  await expect(review.getByRole('region', { name: 'By tag env' })).toContainText('(untagged)');
  await expect(review.getByRole('region', { name: 'Budget outcome' })).toContainText('All of AWS');
  const shownTotal = (await review.locator('.cost-review-lead strong').textContent()) ?? '';

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toBe(`aws-cost-review-${month.iso}.csv`);
  const csvPath = join(scratch, csvDownload.suggestedFilename());
  await csvDownload.saveAs(csvPath);
  const rows = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
  expect(rows[0]).toMatch(
    new RegExp(`^section,item,${month.iso},\\d{4}-\\d\\d,delta,change %,% of budget,% of total,note$`),
  );
  const total = rows.find((r) => r.startsWith('total,'))?.split(',') ?? [];
  expect(total[1]).toBe('All spend (USD)');
  // The file says what the screen says.
  expect(`$${Number(total[2]).toLocaleString('en-US', { minimumFractionDigits: 2 })}`).toBe(shownTotal);
  // Service lines add up to the total (each rounded to cents, so within half a cent per line).
  const services = rows.filter((r) => r.startsWith('service,')).map((r) => r.split(','));
  expect(services.length).toBe(14);
  const sum = services.reduce((s, r) => s + cents(r[2] ?? '0'), 0);
  expect(Math.abs(sum - cents(total[2] ?? '0'))).toBeLessThanOrEqual(services.length / 2);
  expect(rows.some((r) => r.startsWith('budget,All of AWS,'))).toBe(true);
  expect(rows.some((r) => r.startsWith('untagged,env,'))).toBe(true);
  expect(rows.at(-1)).toMatch(/^cost explorer api,requests,/);

  const [mdDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download Markdown' }).click(),
  ]);
  expect(mdDownload.suggestedFilename()).toBe(`aws-cost-review-${month.iso}.md`);
  const mdPath = join(scratch, mdDownload.suggestedFilename());
  await mdDownload.saveAs(mdPath);
  expect(readFileSync(mdPath, 'utf8')).toMatch(new RegExp(`^# AWS cost review — ${month.iso}\\n`));
  await shot(page, 'cost-review', 'content');
});

test('"Save as PDF" prints the review alone', async ({ page }) => {
  await page.goto(`${cockpit.url.split('#')[0]}#/cost/review`);
  await expect(page.getByRole('tab', { name: 'Monthly review' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('article')).toBeVisible();
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Cost' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeHidden();
  await expect(page.getByRole('article')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/cost-review-print.png', fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
});

test('the Cost screen in the dark theme', async ({ page }) => {
  await page.goto(cockpit.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cost' }).click();
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expectTheme(page, 'dark');
  await shot(page, 'cost-dark', 'content');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Light' }).check();
  await expectTheme(page, 'light');
});

test('the Overview card: month to date against the budget, forecast, worst budget, freshness', async ({ page }) => {
  await page.goto(cockpit.url);
  const card = page.getByRole('region', { name: 'Cloud cost' });
  await expect(card).toContainText(/Month to date\s*\$[\d,]+\.\d\d\s*of \$400\.00/);
  await expect(card).toContainText(/Forecast, month end\s*\$[\d,]+\.\d\d\s*\$[\d,]+\.\d\d – \$[\d,]+\.\d\d/);
  await expect(card.getByRole('meter')).toHaveAttribute('aria-valuetext', /of \$400\.00 .*forecast/);
  await expect(card).toContainText('replayed sample data');
  await card.getByRole('link', { name: 'Open Cost →' }).scrollIntoViewIfNeeded();
  await shot(page, 'overview-with-cost', 'content');
  await card.getByRole('link', { name: 'Open Cost →' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cost' })).toBeVisible();
});

test('a cost source that cannot be read says so, and a workspace without cost says what to add', async ({ page }) => {
  const broken = join(scratch, 'broken', 'cockpit.yaml');
  const none = join(scratch, 'none', 'cockpit.yaml');
  const head = (name: string) => `version: 1\nname: ${name}\nenvironments:\n  production: { hosts: [] }\n`;
  mkdirSync(join(broken, '..'), { recursive: true });
  mkdirSync(join(none, '..'), { recursive: true });
  writeFileSync(broken, `${head('Broken Cost')}cost:\n  aws: { replay: ./no-samples-here }\n`);
  writeFileSync(none, head('No Cost'));

  await page.goto(cockpit.url);
  for (const [file, check] of [
    [broken, 'broken'],
    [none, 'none'],
  ] as const) {
    await page
      .getByRole('button', { name: /open workspace/i })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Open workspace' });
    await dialog.getByLabel('Workspace file path').fill(file);
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cost' }).click();
    if (check === 'broken') {
      await expect(page.getByRole('alert', { name: 'Could not read cost data' })).toContainText(
        /cannot read the replayed cost samples .*no-samples-here/,
      );
      await shot(page, 'cost-problem', 'content');
    } else {
      await expect(page.getByText('No cloud cost source declared')).toBeVisible();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Cloud cost' })).toHaveCount(0);
    }
  }
});
