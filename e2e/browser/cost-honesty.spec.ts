/**
 * The Cost screen tells the truth, in serve mode: the demo's runaway week (one service at 9× its usual spend for a
 * week last month) is flagged on the 3-month chart under its own name and listed in last month's review with the
 * service as its cause; and a Cost Explorer that denies access shows as a failure — named, with what to do —
 * never as a zero, on the Cost screen and on the Overview card.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { shot } from '../support/shot';
import { expectTheme } from '../support/theme';

/** The service the demo's sample account runs away with last month (resources/demo/cost-samples/account.json). */
const RUNAWAY = 'Elastic Load Balancing';

let cockpit: ServedCockpit;
let scratch: string;
let denier: Server;

/** TEST DOUBLE: Cost Explorer's JSON protocol answering every request as an IAM user without ce:* permissions. */
function startDenyingCostExplorer(): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const body = JSON.stringify({
        __type: 'AccessDeniedException',
        message:
          'User: arn:aws:iam::123456789012:user/cockpit-e2e is not authorized to perform: ce:GetCostAndUsage because no identity-based policy allows the ce:GetCostAndUsage action',
      });
      response.writeHead(400, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': 'e2e-denied',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test.beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cockpit-cost-honesty-'));
  denier = await startDenyingCostExplorer();
  const { port } = denier.address() as AddressInfo;
  // The demo replays its sample account in-process; only a real (non-replayed) account reaches the double.
  cockpit = await startCockpit(['--demo'], {
    env: {
      AWS_ENDPOINT_URL_COST_EXPLORER: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: 'AKIDCOCKPITE2E',
      AWS_SECRET_ACCESS_KEY: 'cockpit-e2e-secret',
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_CONFIG_FILE: join(scratch, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'no-aws-credentials'),
    },
  });
});
test.afterAll(async () => {
  await cockpit?.stop();
  await new Promise((done) => denier?.close(done));
  rmSync(scratch, { recursive: true, force: true });
});

/** Last month as the review names it (UTC, as Cost Explorer counts). */
function lastMonthLabel(): string {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return first.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

async function setTheme(page: Page, theme: 'Light' | 'Dark') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: theme }).check();
  await expectTheme(page, theme === 'Dark' ? 'dark' : 'light');
}

async function openCost(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cost' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cost' })).toBeVisible();
}

test("the runaway week is flagged on the 3-month chart under its own name and named in last month's review", async ({
  page,
}) => {
  await page.goto(`${cockpit.url.split('#')[0]}#/cost?months=3`);
  const chart = page.getByRole('region', { name: 'Daily spend by service' });
  await expect(chart.getByRole('figure')).toHaveAttribute('aria-label', new RegExp(`Unusual spend: .*${RUNAWAY}`));
  // Its own series in the legend, never summed into "Other".
  await expect(chart.getByRole('list', { name: 'Legend' }).getByText(RUNAWAY, { exact: true })).toBeVisible();
  const unusual = chart.getByRole('region', { name: 'Unusual spend' });
  await expect(unusual).toContainText(new RegExp(`${RUNAWAY}: .*\\d(\\.\\d)?× its usual`));
  await expect(chart.locator('.cost-anomaly-band').first()).toBeVisible();
  await expect(chart.locator('.cost-chart')).not.toHaveClass(/is-loading/);
  await shot(page, 'cost-anomaly', 'content');

  // Changing only the cost part of the address switches the view.
  // A string: the e2e code is typed for Node, the expression runs in the page.
  await page.evaluate("window.location.hash = '#/cost/review'");
  const review = page.getByRole('article', { name: `AWS cost review, ${lastMonthLabel()}` });
  await expect(page.getByRole('tab', { name: 'Monthly review' })).toHaveAttribute('aria-selected', 'true');
  const daily = review.getByRole('region', { name: 'Daily spend' });
  await expect(daily.getByRole('figure')).toHaveAttribute('aria-label', new RegExp(`unusual spend: .*${RUNAWAY}`));
  await expect(daily.getByRole('region', { name: 'Unusual spend' })).toContainText(`${RUNAWAY}:`);
  await expect(review.getByRole('region', { name: 'Budget outcome' })).toContainText(/(over|under) by \$[\d,]+\.\d\d/);
  await daily.scrollIntoViewIfNeeded();
  await daily.screenshot({ path: 'e2e/screenshots/cost-review-daily.png' });

  await setTheme(page, 'Dark');
  await page.goto(`${cockpit.url.split('#')[0]}#/cost?months=3`);
  await expect(chart.getByRole('region', { name: 'Unusual spend' })).toContainText(RUNAWAY);
  await expect(chart.locator('.cost-chart')).not.toHaveClass(/is-loading/);
  await shot(page, 'cost-anomaly-dark', 'content');
  await setTheme(page, 'Light');
});

test('a Cost Explorer that denies access shows the failure, never a zero, on the Cost screen and the Overview', async ({
  page,
}) => {
  const file = join(scratch, 'denied', 'cockpit.yaml');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    [
      'version: 1',
      'name: Denied Cost',
      'environments:',
      '  production: { hosts: [] }',
      'cost:',
      '  aws: { region: us-east-1 }',
      '  tags: [env]',
      '  budgets:',
      '    - { name: All of AWS, monthly: 400 USD }',
      '',
    ].join('\n'),
  );
  await page.goto(cockpit.url);
  await page
    .getByRole('button', { name: /open workspace/i })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'Open workspace' });
  await dialog.getByLabel('Workspace file path').fill(file);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();

  const zeros = ['$0.00', '0.0 %', 'No spend recorded', 'Nothing moved yet', 'No tag keys declared'];
  const expectNoZero = async (where: ReturnType<Page['locator']>) => {
    for (const zero of zeros) await expect(where).not.toContainText(zero);
  };

  await openCost(page);
  await expect(page.getByRole('alert', { name: 'No permission to read Cost Explorer' })).toContainText(
    /may not read Cost Explorer\. Grant the IAM permissions ce:GetCostAndUsage/,
  );
  const content = page.locator('.content');
  await expect(page.getByRole('region', { name: 'Daily spend by service' })).toContainText('Not available —');
  await expect(page.getByRole('region', { name: 'Budgets' })).toContainText('Not available —');
  await expect(page.getByRole('region', { name: 'Top movers' })).toContainText('Not available —');
  await expect(page.getByRole('region', { name: 'Untagged spend' })).toContainText('Not available —');
  await expectNoZero(content);

  // A failed Force refresh says it failed, and what it sent.
  await page.getByRole('button', { name: /Force refresh/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Refresh' })).toContainText(
    /^Refresh failed \((nothing was sent|\d+ requests? (was|were) sent)\): .*may not read Cost Explorer/,
  );
  await expectNoZero(content);
  await shot(page, 'cost-denied', 'content');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  const card = page.getByRole('region', { name: 'Cloud cost' });
  await expect(card).toContainText('Not available —');
  await expect(card).toContainText(/may not read Cost Explorer/);
  await expectNoZero(card);

  await setTheme(page, 'Dark');
  await openCost(page);
  await expect(page.getByRole('alert', { name: 'No permission to read Cost Explorer' })).toBeVisible();
  await shot(page, 'cost-denied-dark', 'content');
  await setTheme(page, 'Light');
});
