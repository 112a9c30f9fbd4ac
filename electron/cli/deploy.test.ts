/**
 * `cockpit deploy|rollback|history|lock` end to end, as a person runs them: main() with a recording terminal, a
 * temp data folder, real local hosts with their own homes, and the real health gate against a loopback service
 * that fails while a BROKEN release is live. `--help` never acts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestShop, createTestShop } from '../deploys/testing/shop';
import { main } from './main';
import { recorder } from './test-support/recorder';

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

async function cli(s: TestShop, ...argv: string[]) {
  const r = recorder();
  const code = await main([...argv, '--workspace', s.workspaceFile, '--data-dir', s.dataDir], r.io);
  return { code, out: r.out(), err: r.err() };
}

const version = (s: TestShop, host: string) => readFileSync(join(s.currentOf(host), 'VERSION'), 'utf8').trim();

describe('cockpit deploy / rollback / history / lock', () => {
  it('--help prints help and never acts: no journal, no host touched', async () => {
    shop = await createTestShop();
    for (const argv of [
      ['deploy', 'app', '--env', 'production', '--release', 'v1.0.0', '--help'],
      ['rollback', '--help', 'app', '--env', 'production'],
      ['history', 'app', '--env', 'production', '-h'],
      ['lock', 'release', 'app', '--env', 'production', '--force', '--reason', 'x', '--help'],
    ]) {
      const r = await cli(shop, ...argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: cockpit/);
    }
    expect(existsSync(join(shop.dataDir, 'journal.db'))).toBe(false);
    expect(existsSync(join(shop.dataDir, 'hosts'))).toBe(false);
  });

  it('deploys with a live log per host, rolls a failing release back on its own, and rolls back by hand', async () => {
    shop = await createTestShop();
    const first = await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.0.0');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('▶ Deploy app to production');
    expect(first.out).toMatch(/\[web-1\] ✓ Restart/);
    expect(first.out).toContain('[web-2]   restarted web-2');
    expect(version(shop, 'web-2')).toBe('v1.0.0');

    expect((await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.1.0')).code).toBe(0);
    const bad = await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v2.0.0');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/rolled back/i);
    expect(version(shop, 'web-1')).toBe('v1.1.0');

    const history = await cli(shop, 'history', 'app', '--env', 'production');
    expect(history.code).toBe(0);
    expect(history.out).toMatch(/deploy\s+v2\.0\.0\s+rolled back/);
    expect(history.out).toMatch(/deploy\s+v1\.1\.0\s+healthy/);

    const json = JSON.parse((await cli(shop, 'history', 'app', '--env', 'production', '--json')).out) as {
      current: string;
    };
    expect(json.current).toMatch(/v1\.1\.0$/);

    const back = await cli(shop, 'rollback', 'app', '--env', 'production');
    expect(back.code).toBe(0);
    expect(version(shop, 'web-1')).toBe('v1.0.0');
    expect(version(shop, 'web-2')).toBe('v1.0.0');
  });

  it('a protected environment needs its name typed (--confirm)', async () => {
    shop = await createTestShop({ protectedEnv: true });
    const refused = await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.0.0');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/production/);
    expect(existsSync(shop.currentOf('web-1'))).toBe(false);
    const ok = await cli(
      shop,
      'deploy',
      'app',
      '--env',
      'production',
      '--release',
      'v1.0.0',
      '--confirm',
      'production',
    );
    expect(ok.code).toBe(0);
  });

  it('--release with a git ref plans and deploys that commit, not the working folder; an unknown ref fails', async () => {
    shop = await createTestShop();
    const s = shop;
    // A release says what it contains (the whole workspace folder is never shipped): here, the VERSION file.
    writeFileSync(
      s.workspaceFile,
      readFileSync(s.workspaceFile, 'utf8').replace(
        '      artifacts: releases\n',
        '      artifacts: releases\n      build: { upload: [VERSION] }\n',
      ),
    );
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], {
        cwd: s.dir,
        encoding: 'utf8',
      }).trim();
    writeFileSync(join(s.dir, 'VERSION'), 'committed\n');
    git('init', '-q');
    git('add', 'VERSION');
    git('commit', '-q', '-m', 'one');
    const sha = git('rev-parse', 'HEAD');
    writeFileSync(join(s.dir, 'VERSION'), 'uncommitted\n');

    const plan = await cli(s, 'deploy', 'app', '--env', 'production', '--release', 'HEAD', '--plan');
    expect(plan.code).toBe(0);
    expect(plan.out).toContain(`builds commit ${sha} (HEAD), not the working tree`);
    expect(plan.out).toContain('Upload: from VERSION (counted when the deploy runs, after the build or export)');
    expect(plan.out).toMatch(new RegExp(`Plan: \\d{8}T\\d{6}Z-${sha.slice(0, 7)} to web-1, web-2`));

    const deployed = await cli(s, 'deploy', 'app', '--env', 'production', '--release', 'HEAD');
    expect(deployed.code).toBe(0);
    expect(deployed.out).toMatch(/\[@local\] ✓ Resolve HEAD to a commit/);
    expect(version(s, 'web-1')).toBe('committed');

    const unknown = await cli(s, 'deploy', 'app', '--env', 'production', '--release', 'no-such-tag');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/"no-such-tag" does not name a commit/);
    expect(version(s, 'web-2')).toBe('committed');
  });

  it("a teammate's lock blocks a deploy; lock status shows who, and release needs --force and a reason", async () => {
    shop = await createTestShop();
    expect((await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.0.0')).code).toBe(0);
    const lockDir = join(shop.dataDir, 'hosts', 'web-2', 'app', '.cockpit-lock');
    mkdirSync(lockDir);
    writeFileSync(
      join(lockDir, 'info.json'),
      JSON.stringify({
        who: 'ana',
        when: new Date().toISOString(),
        what: 'deploy v9',
        why: 'hotfix',
        from: 'laptop',
        token: 't',
      }),
    );
    const status = await cli(shop, 'lock', 'status', 'app', '--env', 'production');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/web-2: locked by ana/);
    expect(status.out).toMatch(/web-1: free/);

    const blocked = await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.1.0');
    expect(blocked.code).toBe(1);
    expect(`${blocked.out}\n${blocked.err}`).toMatch(/locked by ana/);
    expect(version(shop, 'web-1')).toBe('v1.0.0');

    expect((await cli(shop, 'lock', 'release', 'app', '--env', 'production')).code).toBe(2);
    const notForced = await cli(shop, 'lock', 'release', 'app', '--env', 'production', '--reason', 'ana is gone');
    expect(notForced.code).toBe(1);
    expect(existsSync(lockDir)).toBe(true);
    const forced = await cli(
      shop,
      'lock',
      'release',
      'app',
      '--env',
      'production',
      '--reason',
      'ana is gone',
      '--force',
    );
    expect(forced.code).toBe(0);
    expect(existsSync(lockDir)).toBe(false);
  });

  it('usage mistakes exit 2 and say what is missing', async () => {
    shop = await createTestShop();
    const noEnv = await cli(shop, 'deploy', 'app');
    expect(noEnv.code).toBe(2);
    expect(noEnv.err).toMatch(/--env ENV/);
    expect((await cli(shop, 'history', '--env', 'production')).code).toBe(2);
    expect((await cli(shop, 'lock', 'grab', 'app', '--env', 'production')).code).toBe(2);
    expect((await cli(shop, 'deploy', 'app', '--env', 'production', '--bogus')).code).toBe(2);
  });

  it('--plan says what will be uploaded; a deploy that names no release is refused with what to add', async () => {
    shop = await createTestShop();
    const plan = await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v2.0.0', '--plan');
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('  Upload: 2 files, 18 bytes from releases/v2.0.0/');
    // The shop keeps its data folder (journal.db, the local hosts' homes) inside the workspace folder: a deploy of
    // that folder never takes it along (the bug where each upload nested the previous one).
    const whole = await cli(shop, 'deploy', 'app', '--env', 'production', '--source', '.', '--plan');
    expect(whole.code).toBe(0);
    expect(whole.out).toMatch(/ {2}Upload: \d+ files, .* from \.\/ \(1 left out: data\/ — the cockpit's data folder\)/);
    const nothing = await cli(shop, 'deploy', 'app', '--env', 'production', '--plan');
    expect(nothing.code).toBe(2);
    expect(nothing.err).toMatch(/Nothing says what a release of app contains, so nothing was uploaded/);
    expect(nothing.err).toMatch(/--source DIR/);
    const deployed = await cli(shop, 'deploy', 'app', '--env', 'production');
    expect(deployed.code).toBe(2);
    expect(existsSync(join(shop.dataDir, 'hosts', 'web-1', 'app'))).toBe(false);
  });
});
