/**
 * The readiness scorecard in the browser against `cockpit serve` on a small workspace of its own (a copy written to
 * a temp folder, so the test may edit it): production says `protected: false`, so the Readiness screen shows "Production
 * protected" not ready with its evidence and a way to fix it; changing it to `protected: true` in the file (the cockpit
 * watches it) turns the same item ready and the score rises, without a reload. The Overview's chip leads there.
 * Screenshots light and dark.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type ServedCockpit, startCockpit } from '../support/serve';
import { shot } from '../support/shot';
import { expectTheme } from '../support/theme';

// Production is protected by default: this workspace turned it off, in so many words.
const unprotected = '  production: { hosts: [prod-1], protected: false }';
const workspace = [
  'version: 1',
  'name: Readiness Shop',
  'description: A small shop whose production is not protected yet.',
  'environments:',
  '  staging: { hosts: [stg-1] }',
  unprotected,
  'hosts:',
  '  stg-1: { local: true, root: hosts/stg-1 }',
  '  prod-1: { local: true, root: hosts/prod-1 }',
  'services:',
  '  web:',
  '    description: The storefront.',
  '    health:',
  '      - id: web-up',
  "        ssh: { command: 'true' }",
  '        every: 1m',
  '        critical: true',
  'readiness: { threshold: 60 }',
  '',
].join('\n');

let dir: string;
let file: string;
let cockpit: ServedCockpit | undefined;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-readiness-'));
  file = join(dir, 'cockpit.yaml');
  writeFileSync(file, workspace);
  cockpit = await startCockpit(['--workspace', file]);
});
test.afterAll(async () => {
  await cockpit?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('production not protected is red with its evidence; protecting it in the file turns it green and the score rises', async ({
  page,
}) => {
  if (!cockpit) throw new Error('test setup: the cockpit did not start');
  await page.goto(cockpit.url);
  const chip = page.getByRole('link', { name: /^Readiness \d+ · below 60$/ });
  await expect(chip).toBeVisible();
  await shot(page, 'overview-readiness-chip', 'window');
  await chip.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Readiness' })).toBeVisible();
  await expect(page.getByText('of 100 · your bar is 60')).toBeVisible();
  await expect(page.getByText('exits 1 below 60 — use it in CI')).toBeVisible();

  const notReady = page.getByRole('list', { name: 'Not ready yet' });
  const protectedItem = notReady.getByRole('listitem', { name: 'Production protected: Not ready' });
  await expect(protectedItem).toBeVisible();
  await expect(protectedItem).toContainText('✕');
  await expect(protectedItem).toContainText('production');
  await expect(protectedItem.getByRole('link')).toHaveCount(1);
  const score = page.locator('.readiness-score-value');
  const before = Number(await score.innerText());
  expect(before).toBeGreaterThanOrEqual(0);
  await expect(page.getByRole('img', { name: /your bar is 60/ })).toBeVisible();
  await shot(page, 'readiness-light', 'content');

  writeFileSync(file, workspace.replace(unprotected, '  production: { hosts: [prod-1], protected: true }'));
  await expect(notReady.getByRole('listitem', { name: /^Production protected/ })).toHaveCount(0);
  await expect.poll(async () => Number(await score.innerText())).toBeGreaterThan(before);
  const folded = page.getByText(/^\d+ items? ready$/);
  await folded.focus();
  await page.keyboard.press('Enter');
  const ready = page.getByRole('list', { name: 'Ready' });
  await expect(ready.getByRole('listitem', { name: 'Production protected: Ready' })).toContainText('✓');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expectTheme(page, 'dark');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Readiness' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Readiness' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Not ready yet' })).toBeVisible();
  await shot(page, 'readiness-dark', 'content');
});
