/**
 * SSH host keys in the browser against `cockpit serve` and a real sshd the cockpit has never met (a HOME of its
 * own with no known_hosts): the first deploy stops before anything changes and shows the host's fingerprint —
 * the one `ssh-keygen -lf` gives for the host key — with Trust; once trusted, deploying again goes through. After
 * the host is reinstalled with a new key, the deploy is refused and both fingerprints are shown. Screenshots.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { type SshdFleet, type SshdHost, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { expectAccessible } from '../support/axe';
import { type ServedCockpit, startCockpit } from '../support/serve';

let fleet: SshdFleet | undefined;
let host: SshdHost | undefined;
let cockpit: ServedCockpit | undefined;

test.describe.configure({ mode: 'serial' });
// In CI (CI=true) hasTools throws when a tool is missing, so this fails there; only a developer's machine skips.
test.skip(!hasTools('sshd', 'ssh-keygen'), 'needs sshd and ssh-keygen');

test.beforeAll(async () => {
  const f = await startSshdFleet({ count: 1, prefix: 'fresh' });
  fleet = f;
  host = f.hosts[0];
  if (!host) throw new Error('test setup: no sshd host');
  const release = join(f.dir, 'releases', 'app', 'v1.0.0');
  mkdirSync(release, { recursive: true });
  writeFileSync(join(release, 'VERSION'), 'v1.0.0\n');
  // A home of its own: no known_hosts (the host is new to this cockpit) and none of the developer's ~/.ssh.
  const home = join(f.dir, 'local-home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  const workspaceFile = join(f.dir, 'cockpit.yaml');
  writeFileSync(
    workspaceFile,
    [
      'version: 1',
      'name: New host',
      'environments:',
      '  staging: { hosts: [fresh1] }',
      'hosts:',
      `  fresh1: { ssh: "${f.user}@127.0.0.1", port: ${host.port}, identityFile: "${f.clientKey}" }`,
      'services:',
      '  app:',
      '    deploy: { strategy: releases, path: ~/app, artifacts: releases/app }',
      '',
    ].join('\n'),
  );
  cockpit = await startCockpit(['--workspace', workspaceFile], { env: { HOME: home, SSH_AUTH_SOCK: undefined } });
});
test.afterAll(async () => {
  await cockpit?.stop();
  await fleet?.stop();
});

/** "SHA256:…" of the host's current key, as `ssh-keygen -lf` on the host prints it. */
function fingerprint(): string {
  const out = execFileSync('ssh-keygen', ['-lf', `${host?.hostKeyFile}.pub`], { encoding: 'utf8' });
  const match = /SHA256:\S+/.exec(out);
  if (!match) throw new Error(`no fingerprint in: ${out}`);
  return match[0];
}

async function deployV1(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Deploy' });
  await dialog.getByRole('radio', { name: 'Release v1.0.0' }).check();
  await expect(dialog.getByRole('region', { name: 'Plan' })).toContainText('fresh1');
  await dialog.getByRole('button', { name: 'Deploy to staging' }).click();
  return page.getByRole('dialog', { name: 'Deploy app to staging' });
}

async function openDeploys(page: Page) {
  await page.goto(cockpit?.url ?? '');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deploys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deploys' })).toBeVisible();
}

test('the first deploy to a new host shows its fingerprint; once trusted, the deploy goes through', async ({
  page,
}) => {
  await openDeploys(page);
  await page.getByRole('button', { name: 'Deploy app in staging' }).click();
  const run = await deployV1(page);
  const problem = run.locator('.problem');
  await expect(problem).toContainText('fresh1 is a host the cockpit has not met yet', { timeout: 30_000 });
  await expect(problem).toContainText(fingerprint());
  // The screen behind has caught up too: the run is over there as well.
  await expect(page.locator('.run-item').first()).toContainText('failed');
  await expectAccessible(page, 'Unknown host key in the run dialog');
  await page.screenshot({ path: 'e2e/screenshots/host-key-unknown.png' });
  await problem.getByRole('button', { name: 'Trust this host key' }).click();
  await expect(problem).toContainText('Trusted');
  await problem.getByRole('button', { name: 'Deploy again…' }).click();
  const again = await deployV1(page);
  await expect(again.getByRole('status')).toContainText(/healthy|succeeded/i, { timeout: 30_000 });
});

test('after the host gets a new key, the deploy is refused showing the old and new fingerprints', async ({ page }) => {
  const before = fingerprint();
  await host?.stop();
  host?.regenerateHostKey();
  await host?.start();
  const after = fingerprint();
  expect(after).not.toBe(before);

  await openDeploys(page);
  await page.getByRole('button', { name: 'Deploy app in staging' }).click();
  const run = await deployV1(page);
  const refusal = run.getByRole('alert').filter({ hasText: 'has CHANGED' });
  await expect(refusal).toContainText('Refused: the host key of fresh1 has CHANGED', { timeout: 30_000 });
  await expect(refusal).toContainText(before);
  await expect(refusal).toContainText(after);
  await expect(run.getByRole('status')).toContainText('nothing was changed');
  await expect(page.locator('.run-item').first()).toContainText('failed');
  await refusal.scrollIntoViewIfNeeded();
  await expectAccessible(page, 'Changed host key in the run dialog');
  await page.screenshot({ path: 'e2e/screenshots/host-key-changed.png' });
});
