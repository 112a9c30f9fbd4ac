import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Locator, type Page, expect, test } from '@playwright/test';
import { WebSocket } from 'ws';
import { screens } from '../support/screens';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { shot } from '../support/shot';
import { expectTheme } from '../support/theme';

let cockpit: ServedCockpit;
let scratch: string;

test.beforeAll(async () => {
  cockpit = await startCockpit(['--demo']);
  scratch = mkdtempSync(join(tmpdir(), 'cockpit-ws-'));
});
test.afterAll(async () => {
  await cockpit?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function openWorkspace(page: Page, path: string) {
  await page
    .getByRole('button', { name: /open workspace/i })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'Open workspace' });
  await dialog.getByLabel('Workspace file path').fill(path);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('the app loads the demo workspace and shows its environments and services', async ({ page }) => {
  await page.goto(cockpit.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText('Demo Shop').first()).toBeVisible();
  const main = page.getByRole('main');
  await expect(main.getByText('production').first()).toBeVisible();
  await expect(main.getByText('staging').first()).toBeVisible();
  await expect(main.getByText('checkout').first()).toBeVisible();
  // The token is taken out of the address bar so it does not end up in screenshots or bookmarks.
  await expect.poll(() => new URL(page.url()).searchParams.get('token')).toBeNull();
});

/**
 * What each screen shows of the demo once its data has arrived over the socket: its own sections, and something only
 * the demo workspace (or the journal of this run) can have put there. An empty state, a placeholder or another
 * screen's content does not pass.
 */
const screenContent: Record<(typeof screens)[number], { sections: string[]; shows: string[] }> = {
  Overview: {
    sections: ['Services × environments', 'Recent alerts', 'Recent activity'],
    shows: ['The storefront and checkout (web).', 'Sends emails and settles payments in the background.'],
  },
  Deploys: {
    sections: ['Services', 'Deploy setup'],
    shows: ['DEPLOY FREQUENCY', 'restart: sh bin/restart'],
  },
  Health: {
    sections: ['Demo controls', 'Checks', 'Service level objectives'],
    shows: ['checkout-ready', 'expects errors ≤ 20%, p95 ≤ 500 ms'],
  },
  Cost: {
    sections: [],
    shows: ['Sample data replayed from ./cost-samples', 'Month to date', 'Daily spend by service'],
  },
  Backups: {
    sections: ['Declared backups'],
    shows: ['Nightly dump of the orders database', 'demo-stg:~/backups/orders'],
  },
  Drills: {
    sections: ['Restore drills', 'Guided rollback drill', 'checkout on staging'],
    shows: ['gzip -dc {file}'],
  },
  Incidents: {
    sections: ['Real figures', 'Real incidents', 'Open action items'],
    shows: ['MTTR', 'No incident yet'],
  },
  Runbooks: {
    sections: ['Runbooks', 'All runbooks', 'Steps in production', 'Doc', 'Runs', 'When to use it'],
    shows: ['Restart the worker', 'Clear the cache', 'Vendor contacts', 'Run Restart the worker in production'],
  },
  Timeline: {
    sections: ['Last 24 hours'],
    shows: ['on one time axis', 'Earlier'],
  },
  Readiness: {
    sections: ['Score', 'Checklist'],
    shows: ['of 100 · your bar is 70', 'exits 1 below 70 — use it in CI'],
  },
  Activity: {
    sections: ['Actions per day, last 14 days', 'Journal'],
    shows: ['Open the demo workspace'],
  },
  Settings: {
    sections: ['Appearance', 'Workspace', 'About this cockpit'],
    shows: ['Built-in demo', 'Serve mode'],
  },
};

async function expectScreenContent(main: Locator, screen: (typeof screens)[number]) {
  const { sections, shows } = screenContent[screen];
  for (const name of sections) {
    await expect(main.getByRole('heading', { name, exact: true }), `${screen} has its "${name}" section`).toBeVisible();
  }
  for (const text of shows) {
    await expect(main.getByText(text, { exact: false }).first(), `${screen} shows "${text}"`).toBeVisible();
  }
}

test('the navigation reaches every screen, by click and by keyboard, and each shows its own content', async ({
  page,
}) => {
  await page.goto(cockpit.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const main = page.getByRole('main');
  for (const screen of screens) {
    await nav.getByRole('link', { name: screen }).click();
    await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
    // A screen fills in once its data arrives over the socket: its own content is waited for, not just any text.
    await expectScreenContent(main, screen);
    expect(await main.innerText()).not.toMatch(/lorem ipsum/i);
    await shot(page, `${screen.toLowerCase()}-light`);
  }
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: 'Deploys' })).toBeVisible();
  await page.keyboard.press('Alt+0');
  await expect(page.getByRole('heading', { level: 1, name: 'Readiness' })).toBeVisible();
});

test('dark theme applies and is remembered', async ({ page }) => {
  await page.goto(cockpit.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expectTheme(page, 'dark');
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expectTheme(page, 'dark');
  for (const screen of ['Overview', 'Activity', 'Settings']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
    await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
    await expectTheme(page, 'dark');
    await shot(page, `${screen.toLowerCase()}-dark`);
  }
  await page.getByRole('radio', { name: 'Light' }).check();
  await expectTheme(page, 'light');
});

test('a broken workspace file shows where it is wrong and keeps the last good workspace', async ({ page }) => {
  const file = join(scratch, 'cockpit.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'name: Scratch Shop',
      'environments:',
      '  staging: { hosts: [stg-1] }',
      'hosts:',
      '  stg-1: { ssh: deploy@stg-1.internal }',
      'services:',
      '  api: {}',
      '',
    ].join('\n'),
  );
  await page.goto(cockpit.url);
  await openWorkspace(page, file);
  await expect(page.getByText('Scratch Shop').first()).toBeVisible();

  // Saved broken: the watcher reloads, reports the position, and the good workspace stays.
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(
      '  stg-1: { ssh: deploy@stg-1.internal }',
      '  stg-1: { ssh: deploy@stg-1.internal, prot: 22 }',
    ),
  );
  const problems = page.getByRole('alert').filter({ hasText: 'Workspace file has problems' });
  await expect(problems).toBeVisible();
  await expect(problems).toContainText('cockpit.yaml:6:');
  await expect(problems).toContainText('hosts.stg-1');
  await expect(page.getByText('Scratch Shop').first()).toBeVisible();
  await shot(page, 'workspace-problems');

  // Fixed: the panel goes away by itself.
  writeFileSync(file, readFileSync(file, 'utf8').replace(', prot: 22', ''));
  await expect(problems).toBeHidden();

  // Opening a file that is broken from the start keeps the current workspace too.
  const broken = join(scratch, 'broken.yaml');
  writeFileSync(broken, 'version: 1\nname: Broken\nenvironments:\n  prod: { hosts: [nowhere] }\n');
  await openWorkspace(page, broken);
  await expect(problems).toContainText('broken.yaml:4:');
  await expect(page.getByText('Scratch Shop').first()).toBeVisible();

  // Activity shows the journal: each open, newest first.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
  const journal = page.getByRole('table', { name: 'Journal actions, newest first' });
  await expect(journal.getByRole('row').filter({ hasText: 'broken.yaml' }).first()).toBeVisible();
  await expect(journal.getByRole('row').filter({ hasText: 'Scratch Shop' }).first()).toBeVisible();
  // The chart has 14 real days, today last, empty ones included (counted by the journal, not a page of the list).
  const chart = page.getByRole('figure', { name: /actions per day/i });
  await expect(chart.getByRole('table').getByRole('row')).toHaveCount(15);
  await expect(chart.locator('.day-col')).toHaveCount(14);
  await expect(chart.locator('.day-col.is-today')).toContainText('Today');
  await expect(chart.locator('.day-col.is-today .day-count')).not.toBeEmpty();
  await shot(page, 'activity-after-opens');
  // A row opens the action in words, its raw data behind a closed "Raw data".
  await journal.getByRole('row').filter({ hasText: 'Scratch Shop' }).first().click();
  const detail = page.locator('.detail');
  await expect(detail.getByRole('term').filter({ hasText: /^How long$/ })).toBeVisible();
  await expect(detail.getByText('Raw data')).toBeVisible();
  await expect(detail.locator('pre.entry-data').first()).toBeHidden();
});

function connect(url: string, origin?: string): Promise<{ code: number; reply?: unknown; error?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    let reply: unknown;
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'app.info', input: {} })));
    ws.on('message', (data) => {
      reply = JSON.parse(data.toString());
      ws.close(1000);
    });
    ws.on('close', (code) => resolve({ code, reply }));
    ws.on('error', (error) => resolve({ code: -1, error: error.message }));
  });
}

test('the WebSocket refuses a missing or wrong token and a foreign origin', async () => {
  const base = `ws://127.0.0.1:${cockpit.port}/api`;
  const missing = await connect(base, cockpit.origin);
  expect(missing.code).toBe(4401);
  expect(missing.reply).toBeUndefined();

  const wrong = await connect(`${base}?token=${'x'.repeat(cockpit.token.length)}`, cockpit.origin);
  expect(wrong.code).toBe(4401);
  expect(wrong.reply).toBeUndefined();

  const foreign = await connect(`${base}?token=${cockpit.token}`, 'http://evil.example');
  expect(foreign.error).toMatch(/403/);

  const good = await connect(`${base}?token=${cockpit.token}`, cockpit.origin);
  expect(good.reply).toMatchObject({ id: 1, ok: true, value: { transport: 'websocket', name: 'Reliability Cockpit' } });
});

test('a page opened without the token explains what is wrong', async ({ page }) => {
  await page.goto(cockpit.origin + '/');
  await expect(page.getByText(/token/i).first()).toBeVisible();
  await shot(page, 'token-refused');
});
