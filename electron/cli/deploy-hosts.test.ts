/**
 * `cockpit deploy|rollback --hosts/--skip-host/--batch` (a host that is down), and the CLI's words for a protected
 * environment without a terminal and for a held lock: real local hosts through main(), as a person runs them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestShop, createTestShop } from '../deploys/testing/shop';
import { main } from './main';

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

async function cli(s: TestShop, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) };
  const code = await main([...argv, '--workspace', s.workspaceFile, '--data-dir', s.dataDir], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const version = (s: TestShop, host: string) =>
  existsSync(s.currentOf(host)) ? readFileSync(join(s.currentOf(host), 'VERSION'), 'utf8').trim() : null;

describe('choosing hosts from the CLI', () => {
  it('--skip-host leaves a down host out, but only with a reason', async () => {
    shop = await createTestShop();
    const noReason = await cli(
      shop,
      'deploy',
      'app',
      '--env',
      'production',
      '--release',
      'v1.0.0',
      '--skip-host',
      'web-2',
    );
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('say why the hosts are left out with --reason');
    expect(version(shop, 'web-1')).toBeNull();

    const r = await cli(
      shop,
      'deploy',
      'app',
      '--env',
      'production',
      '--release',
      'v1.0.0',
      '--skip-host',
      'web-2',
      '--reason',
      'web-2 is down',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(version(shop, 'web-1')).toBe('v1.0.0');
    expect(version(shop, 'web-2')).toBeNull();
  });

  it('--hosts acts on only the named hosts; --batch changes the batches; unknown names are refused', async () => {
    shop = await createTestShop();
    const plan = await cli(
      shop,
      'deploy',
      'app',
      '--env',
      'production',
      '--release',
      'v1.0.0',
      '--plan',
      '--batch',
      '2',
    );
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('batch 1: web-1, web-2');

    const r = await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.0.0', '--hosts', 'web-2');
    expect(r.code).toBe(0);
    expect(version(shop, 'web-2')).toBe('v1.0.0');
    expect(version(shop, 'web-1')).toBeNull();

    const unknown = await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.0.0', '--hosts', 'web-9');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('web-9 is not a host of production');

    const badBatch = await cli(shop, 'rollback', 'app', '--env', 'production', '--batch', '0');
    expect(badBatch.code).toBe(2);
    expect(badBatch.err).toContain('--batch needs a whole number');
  });

  it('rollback takes the same choice of hosts', async () => {
    shop = await createTestShop();
    expect((await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.0.0')).code).toBe(0);
    expect((await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.1.0')).code).toBe(0);
    const back = await cli(shop, 'rollback', 'app', '--env', 'production', '--hosts', 'web-1');
    expect(back.code).toBe(0);
    expect(version(shop, 'web-1')).toBe('v1.0.0');
    expect(version(shop, 'web-2')).toBe('v1.1.0');
  });
});

describe('what the CLI says', () => {
  it('a protected environment without a terminal: pass --confirm with its name', async () => {
    shop = await createTestShop({ protectedEnv: true });
    const r = await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.0.0');
    expect(r.code).toBe(1);
    expect(r.err).toContain('production is protected: pass --confirm production');
    expect(version(shop, 'web-1')).toBeNull();
  });

  it('a held lock: the release command names the service and environment', async () => {
    shop = await createTestShop();
    const lock = join(shop.dataDir, 'hosts', 'web-1', 'app', '.cockpit-lock');
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, 'info.json'), JSON.stringify({ who: 'bob', from: 'elsewhere', why: 'hotfix' }));
    const r = await cli(shop, 'deploy', 'app', '--env', 'production', '--release', 'v1.0.0');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "cockpit lock release app --env production --force --reason 'the run that held it is gone'",
    );
    expect(r.out).not.toContain('SERVICE --env ENV');
  });
});
