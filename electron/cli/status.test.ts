/**
 * `cockpit status` end to end: main() with a recording terminal, a temp data folder, and real HTTP services on
 * loopback that answer as the test says (up, 503, slow), as a user would run it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Loopback, closedPort, httpServer } from '../health/testing/loopback';
import { main } from './main';
import type * as paths from '../paths';
import { recorder } from './test-support/recorder';

/**
 * The demo's ports are fixed by its workspace, and another test worker (or the app, or `cockpit serve`) may run the
 * demo on this machine right now. So `--demo` here opens a copy of the built-in demo that differs only in its ports:
 * free ones, owned by this test. Everything else (every other path) is the real one.
 */
const demoCopy = vi.hoisted(() => ({ path: '' }));
vi.mock('../paths', async (importOriginal) => {
  const real = await importOriginal<typeof paths>();
  return { ...real, demoWorkspacePath: () => demoCopy.path || real.demoWorkspacePath() };
});

/** What each environment's service answers, changed per test. */
const answers = { staging: { ready: 200, delayMs: 0 }, production: { ready: 200, delayMs: 0 } };
const servers: Record<'staging' | 'production', Loopback | undefined> = { staging: undefined, production: undefined };

beforeAll(async () => {
  for (const env of ['staging', 'production'] as const) {
    servers[env] = await httpServer((req, res) => {
      const a = answers[env];
      const reply = () => {
        res.statusCode = req.url === '/ready' ? a.ready : 200;
        res.end(req.url === '/ready' ? '{"ok":true}' : '<h1>Shop</h1>');
      };
      if (a.delayMs > 0) setTimeout(reply, a.delayMs);
      else reply();
    });
  }
});
afterAll(async () => {
  await servers.staging?.close();
  await servers.production?.close();
});

let dir: string;
let dataDir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-cli-status-'));
  dataDir = join(dir, 'data');
  file = join(dir, 'cockpit.yaml');
  answers.staging = { ready: 200, delayMs: 0 };
  answers.production = { ready: 200, delayMs: 0 };
  writeFileSync(
    file,
    [
      'version: 1',
      'name: Status Shop',
      'environments:',
      `  staging: { vars: { base: "${servers.staging?.url}" } }`,
      `  production: { vars: { base: "${servers.production?.url}" } }`,
      'services:',
      '  shop:',
      '    health:',
      "      - { id: ready, http: '${base}/ready', critical: true }",
      "      - { id: home, http: '${base}/', expect: { status: 200, within: 150ms } }",
      '',
    ].join('\n'),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const r = recorder();
  const code = await main(['status', ...args], r.io);
  return { code, out: r.out(), err: r.err() };
}

describe('cockpit status', () => {
  it('--help prints the usage, explains the exit codes and touches nothing', async () => {
    for (const args of [['--help'], ['--env', 'production', '-h'], ['--demo', '--help']]) {
      const { code, out } = await run(...args, '--data-dir', dataDir);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: cockpit status/);
      expect(out).toMatch(/0 when nothing is down \(degraded and unknown services are printed/);
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('prints every service × environment up and exits 0 when all is well', async () => {
    const { code, out, err } = await run('--workspace', file, '--data-dir', dataDir);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^Status Shop · health checked now: 4 checks in [\d.]+ (ms|s)\n\n✓ All services up\n {2}4 checks passing/,
    );
    expect(out).toMatch(/SERVICE\s+ENVIRONMENT\s+STATUS\s+REASON/);
    expect(out).toMatch(/shop\s+staging\s+✓ up\s+all 2 checks passing/);
    expect(out).toMatch(/shop\s+production\s+✓ up\s+all 2 checks passing/);
  });

  it('exits 1 when a service is down, with what is broken first and the reason in words', async () => {
    answers.production.ready = 503;
    const { code, out } = await run('--workspace', file, '--data-dir', dataDir);
    expect(code).toBe(1);
    expect(out).toMatch(/\n✗ shop is down in production\n {2}503 from \/ready\n/);
    const rows = out.split('\n').filter((l) => l.startsWith('shop'));
    expect(rows[0]).toMatch(/^shop\s+production\s+✗ down\s+shop: \/ready 503$/);
    expect(rows[1]).toMatch(/^shop\s+staging\s+✓ up/);
  });

  it('prints degraded services but exits 0: only down fails the command', async () => {
    answers.staging.delayMs = 400;
    const { code, out } = await run('--workspace', file, '--data-dir', dataDir);
    expect(code).toBe(0);
    expect(out).toMatch(/! shop is degraded in staging/);
    expect(out).toMatch(/shop\s+staging\s+! degraded\s+shop: 127\.0\.0\.1:\d+ slow: \d+ ms \(max 150 ms\)/);
  });

  it('prints the next action and why when there is one, and none when all is well', async () => {
    writeFileSync(
      file,
      readFileSync(file, 'utf8') +
        [
          'runbooks:',
          '  - id: restart-shop',
          '    title: Restart the shop',
          '    service: shop',
          '    for: [ready]',
          '    steps:',
          '      - confirm: Restart the shop now?',
          '',
        ].join('\n'),
    );
    const calm = await run('--workspace', file, '--data-dir', dataDir);
    expect(calm.err).toBe('');
    expect(calm.out).not.toMatch(/Next:/);

    answers.production.ready = 503;
    const { code, out } = await run('--workspace', file, '--data-dir', dataDir);
    expect(code).toBe(1);
    expect(out).toMatch(
      /\n✗ shop is down in production\n {2}503 from \/ready\n {2}Next: Run 'Restart the shop' — why: ready is down in production; this runbook answers it\n/,
    );
    const json = await run('--workspace', file, '--json', '--data-dir', dataDir);
    expect((JSON.parse(json.out) as { next: { kind: string; runbookId: string } }).next).toMatchObject({
      kind: 'runbook',
      runbookId: 'restart-shop',
    });
  });

  it('--env limits it to one environment; an unknown one is a usage error', async () => {
    answers.production.ready = 503;
    const staging = await run('--workspace', file, '--env', 'staging', '--data-dir', dataDir);
    expect(staging.code).toBe(0);
    expect(staging.out).toMatch(/2 checks in/);
    expect(staging.out).not.toMatch(/production/);

    const wrong = await run('--workspace', file, '--env', 'prod', '--data-dir', dataDir);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/no environment "prod" in Status Shop \(environments: staging, production\)/);
  });

  it('--json prints the overview and every check for scripts', async () => {
    answers.production.ready = 503;
    const { code, out } = await run('--workspace', file, '--json', '--data-dir', dataDir);
    expect(code).toBe(1);
    const parsed = JSON.parse(out) as {
      overview: { worst: string; verdict: { title: string }; watching: boolean };
      checks: { key: string; status: string }[];
    };
    expect(parsed.overview).toMatchObject({ worst: 'down', watching: false });
    expect(parsed.overview.verdict.title).toBe('shop is down in production');
    expect(parsed.checks.find((c) => c.key === 'shop/ready@production')?.status).toBe('down');
  });

  it('usage errors exit 2; a broken workspace exits 1 and points at cockpit validate', async () => {
    const bogus = await run('--bogus', '--data-dir', dataDir);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toMatch(/Unknown option '--bogus'/);

    writeFileSync(file, 'version: 1\nnmae: Broken\n');
    const broken = await run('--workspace', file, '--data-dir', dataDir);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/has \d+ problem\(s\): run `cockpit validate .*cockpit\.yaml` to see them/);
  });
});

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('cockpit status --demo', () => {
  let demoDir: string;
  const ports: number[] = [];
  beforeAll(async () => {
    const { demoWorkspacePath } = await import('../paths');
    const original = demoWorkspacePath();
    demoDir = mkdtempSync(join(tmpdir(), 'cockpit-cli-status-demo-'));
    // What the demo's paths point at, next to the copy, as they are next to the original.
    for (const entry of ['releases', 'cost-samples', 'sandbox']) {
      symlinkSync(join(dirname(original), entry), join(demoDir, entry), 'junction');
    }
    let yaml = readFileSync(original, 'utf8');
    for (const fixed of yaml.match(/\b\w+_port: \d+/g) ?? []) {
      const port = await closedPort();
      ports.push(port);
      yaml = yaml.replace(fixed, fixed.replace(/\d+$/, String(port)));
    }
    // Both environments' checkout, auth, webhooks and worker ports: a change to the demo should be seen here.
    expect(ports).toHaveLength(8);
    demoCopy.path = join(demoDir, 'cockpit.yaml');
    writeFileSync(demoCopy.path, yaml);
  });
  afterAll(() => {
    demoCopy.path = '';
    rmSync(demoDir, { recursive: true, force: true });
  });

  it('runs the demo sandboxes for the command, checks every demo service, and stops them afterwards', async () => {
    const { code, out, err } = await run('--demo', '--data-dir', dataDir);
    expect(err).toBe('');
    expect(out).toMatch(/^Demo Shop · health checked now: /);
    const rows = out.split('\n').filter((l) => /^(checkout|auth|webhooks|worker)\s/.test(l));
    expect(rows).toHaveLength(7);
    expect(rows.filter((r) => !/✓ up/.test(r))).toEqual([]);
    expect(code).toBe(0);
    expect(out).toMatch(/\nDemo: 7 of the demo's sandbox services ran on this machine for this command only/);
    expect(out).not.toMatch(/already running in another cockpit|could not start/);
    // Nothing of ours is left listening: every sandbox stopped with the command.
    const left: number[] = [];
    for (const port of ports) if (await listening(port)) left.push(port);
    expect(left).toEqual([]);
  });
});
