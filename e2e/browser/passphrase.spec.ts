/**
 * An encrypted SSH key and no ssh-agent, in the browser against `cockpit serve` and a real sshd: the passphrase
 * dialog opens on the first screen as soon as the cockpit connects; Escape cancels, the next read asks again, and
 * the history then says which key was not unlocked; after a reload, a wrong passphrase asks again and the right one
 * lets the history of the host be read. Screenshot of the dialog.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { expectAccessible } from '../support/axe';
import { type ServedCockpit, startCockpit } from '../support/serve';

const SECRET = 'open sesame 42';
const RELEASE = '20260301T100000Z-v1.0.0';

let fleet: SshdFleet | undefined;
let cockpit: ServedCockpit | undefined;
let key = '';

test.describe.configure({ mode: 'serial' });
// In CI (CI=true) hasTools throws when a tool is missing, so this fails there; only a developer's machine skips.
test.skip(!hasTools('sshd', 'ssh-keygen'), 'needs sshd and ssh-keygen');

test.beforeAll(async () => {
  const f = await startSshdFleet({ count: 1, prefix: 'locked' });
  fleet = f;
  key = join(f.dir, 'encrypted_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', SECRET, '-C', 'cockpit-e2e-encrypted', '-f', key]);
  appendFileSync(join(f.dir, 'authorized_keys'), readFileSync(`${key}.pub`));
  const host = f.hosts[0];
  if (!host) throw new Error('test setup: no sshd host');
  mkdirSync(join(host.home, 'app', 'releases', RELEASE), { recursive: true });
  // A home of its own: no agent and none of the developer's ~/.ssh, only the workspace's encrypted key.
  const home = join(f.dir, 'local-home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  f.writeKnownHosts(join(home, '.ssh', 'known_hosts'));
  const workspaceFile = join(f.dir, 'cockpit.yaml');
  writeFileSync(
    workspaceFile,
    [
      'version: 1',
      'name: Locked key',
      'environments:',
      '  staging: { hosts: [locked1] }',
      'hosts:',
      `  locked1: { ssh: "${f.user}@127.0.0.1", port: ${host.port}, identityFile: "${key}" }`,
      'services:',
      '  app:',
      '    deploy: { strategy: releases, path: ~/app }',
      '',
    ].join('\n'),
  );
  cockpit = await startCockpit(['--workspace', workspaceFile], { env: { HOME: home, SSH_AUTH_SOCK: undefined } });
});
test.afterAll(async () => {
  await cockpit?.stop();
  await fleet?.stop();
});

const passphraseDialog = (page: Page) => page.getByRole('dialog', { name: 'SSH key passphrase' });

async function openDeploys(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deploys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deploys' })).toBeVisible();
}

test('Escape cancels the question, and the Deploys screen names the key that was not unlocked', async ({ page }) => {
  await page.goto(cockpit?.url ?? '');
  const dialog = passphraseDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('locked1');
  await expect(dialog).toContainText(key);
  await expect(dialog.getByLabel('Passphrase')).toBeFocused();
  await expectAccessible(page, 'Passphrase prompt');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await openDeploys(page);
  // Reading the history is the next action: it asks again. Cancelled again, the history says which key it was.
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('locked1 could not be read')).toContainText(
    `the passphrase for ${key} was not given (cancelled)`,
  );
  await expect(page.getByText('locked1 could not be read')).toContainText(`ssh-add ${key}`);
});

test('a wrong passphrase asks again; the right one unlocks the key and the history is read', async ({ page }) => {
  await page.goto(cockpit?.url ?? '');
  const dialog = passphraseDialog(page);
  const field = dialog.getByLabel('Passphrase');
  await expect(field).toBeFocused();
  await field.fill('not it');
  await field.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('That passphrase did not unlock the key');
  await expect(field).toHaveValue('');
  await field.fill(SECRET);
  await page.screenshot({ path: 'e2e/screenshots/ssh-passphrase.png' });
  await field.press('Enter');
  await expect(dialog).toBeHidden();
  await openDeploys(page);
  await expect(page.getByText(RELEASE).first()).toBeVisible();
  await expect(page.getByText('was not given')).toHaveCount(0);
});
