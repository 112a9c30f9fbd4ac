/**
 * The backups feature through the backend's contract and the CLI, against a real OpenSSH host: `dir` sources in
 * the host's home holding series of gzip files. A fresh, steady series keeps its promises; a stale one breaks the
 * RPO; a truncated newest copy is flagged by size; a corrupt one fails `gzip -t {file}` on the host.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BackupsOverview } from '../../shared/api/backups';
import { type BackupHistoryPoint } from '../../shared/model/backups';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { type Backend, createBackend } from '../backend';
import { main } from '../cli/main';
import { recorder } from '../cli/test-support/recorder';

const HOUR = 3_600_000;

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const response = await b.dispatch({ id: 1, method, input });
  if (!response.ok) throw Object.assign(new Error(response.error.message), { code: response.error.code });
  return response.value as T;
}

/** A day's dump: a gzip of text that grows a little each day. */
function dump(day: number, lines = 4000): Buffer {
  const text = Array.from({ length: lines }, (_, i) => `order ${day}-${i} ${(i * 7919 + day) % 10007}\n`).join('');
  return gzipSync(text);
}

describe.skipIf(!hasTools('sshd', 'ssh-keygen', 'gzip'))('backups verified over SSH', () => {
  let fleet: SshdFleet;
  let dataDir: string;
  let workspaceFile: string;
  let backend: Backend | undefined;
  const saved = { home: process.env.HOME, agent: process.env.SSH_AUTH_SOCK };

  /** Writes a series into ~/backups/<name> on the host: newest `newestHoursAgo` old, one a day before it. */
  function series(name: string, newestHoursAgo: number, count: number, newest?: (good: Buffer) => Buffer) {
    const host = fleet.hosts[0];
    if (!host) throw new Error('test setup: no host');
    const dir = join(host.home, 'backups', name);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < count; i++) {
      const file = join(dir, `orders-${String(100 - i).padStart(3, '0')}.sql.gz`);
      const good = dump(100 - i);
      writeFileSync(file, i === 0 && newest ? newest(good) : good);
      const time = (Date.now() - newestHoursAgo * HOUR - i * 24 * HOUR) / 1000;
      utimesSync(file, time, time);
    }
  }

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 1, prefix: 'bk' });
    // No agent and no ~/.ssh/config of the developer's: only the workspace's key gets in.
    const home = join(fleet.dir, 'local-home');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    process.env.HOME = home;
    delete process.env.SSH_AUTH_SOCK;
    dataDir = join(fleet.dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    fleet.writeKnownHosts(join(dataDir, 'known_hosts'));

    series('fresh', 2, 8);
    series('stale', 40, 5);
    series('truncated', 2, 8, (good) => good.subarray(0, Math.floor(good.length / 20)));
    // Same size, damaged in the middle: only reading it through finds out.
    series('corrupt', 2, 8, (good) => {
      const bad = Buffer.from(good);
      bad.fill(0x41, Math.floor(bad.length / 2), Math.floor(bad.length / 2) + 64);
      return bad;
    });

    const h = fleet.hosts[0];
    const backup = (id: string, extra = '') =>
      `      - { id: ${id}, source: { dir: ~/backups/${id}, host: bk1, match: "*.sql.gz" }, rpo: 26h${extra} }`;
    workspaceFile = join(fleet.dir, 'cockpit.yaml');
    writeFileSync(
      workspaceFile,
      [
        'version: 1',
        'name: Backups over SSH',
        'environments:',
        '  production: { hosts: [bk1] }',
        'hosts:',
        `  bk1: { ssh: "${fleet.user}@127.0.0.1", port: ${h?.port}, identityFile: "${fleet.clientKey}" }`,
        'services:',
        '  shop:',
        '    backups:',
        backup('fresh', ', minCopies: 7, verify: "gzip -t {file}"'),
        backup('stale'),
        backup('truncated'),
        backup('corrupt', ', verify: "gzip -t {file}"'),
        '',
      ].join('\n'),
    );
  });

  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  afterAll(async () => {
    process.env.HOME = saved.home;
    if (saved.agent === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = saved.agent;
    await fleet?.stop();
  });

  async function open(): Promise<Backend> {
    backend = await createBackend({
      dataDir,
      transport: 'websocket',
      workspacePath: workspaceFile,
      watch: false,
      background: false,
    });
    expect(backend.workspace.current().issues).toEqual([]);
    return backend;
  }

  it('verifies every backup on the host and tells each promise kept or broken, worst first', async () => {
    const b = await open();
    const alerts: Array<{ title: string; severity: string }> = [];
    const changed: string[][] = [];
    b.events.subscribe((m) => {
      if (m.event === 'app.alert') alerts.push(m.payload as { title: string; severity: string });
      if (m.event === 'backups.changed') changed.push((m.payload as { keys: string[] }).keys);
    });

    const before = await call<BackupsOverview>(b, 'backups.list', {});
    expect(before.backups.map((s) => [s.key, s.health, s.reason])).toEqual([
      ['shop/corrupt', 'unknown', 'not verified yet'],
      ['shop/fresh', 'unknown', 'not verified yet'],
      ['shop/stale', 'unknown', 'not verified yet'],
      ['shop/truncated', 'unknown', 'not verified yet'],
    ]);

    const after = await call<BackupsOverview>(b, 'backups.verify', {});
    const byKey = Object.fromEntries(after.backups.map((s) => [s.key, s]));
    expect(after.worst).toBe('broken');
    expect(after.backups.map((s) => [s.key, s.health])).toEqual([
      ['shop/corrupt', 'broken'],
      ['shop/stale', 'broken'],
      ['shop/truncated', 'warning'],
      ['shop/fresh', 'ok'],
    ]);
    expect(byKey['shop/fresh']).toMatchObject({
      reason: 'newest copy 2 h old (RPO 26 h), 8 copies',
      copies: 8,
      newest: {
        id: 'orders-100.sql.gz',
        location: join(fleet.hosts[0]?.home ?? '', 'backups/fresh/orders-100.sql.gz'),
      },
    });
    const integrity = byKey['shop/fresh']?.lastVerification?.checks.find((c) => c.kind === 'integrity');
    expect(integrity).toMatchObject({ status: 'ok', proves: 'the gzip stream is complete and its checksum matches' });
    expect(byKey['shop/stale']?.reason).toBe('newest copy 40 h old, past the RPO of 26 h');
    expect(byKey['shop/truncated']?.reason).toMatch(
      /^newest \d+ bytes is 5 % of the median [\d.]+ KB of the 7 copies before it$/,
    );
    expect(byKey['shop/truncated']?.sizes.at(-1)).toMatchObject({ id: 'orders-100.sql.gz', shrunk: true });
    const corrupt = byKey['shop/corrupt']?.lastVerification?.checks.find((c) => c.kind === 'integrity');
    expect(corrupt).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(corrupt?.summary).toMatch(/^failed on orders-100\.sql\.gz \(exit 1\): .*gzip/);
    expect(byKey['shop/corrupt']?.reason).toContain('integrity check failed on orders-100.sql.gz');

    // Each verification is journaled: intent, then the result in words.
    const actions = b.journal.list({ limit: 50 }).actions.filter((a) => a.kind === 'backups.verify');
    expect(actions.map((a) => [a.target, a.status])).toEqual(
      expect.arrayContaining([
        ['shop/fresh', 'succeeded'],
        ['shop/stale', 'failed'],
        ['shop/corrupt', 'failed'],
      ]),
    );
    expect(changed.flat()).toEqual(
      expect.arrayContaining(['shop/fresh', 'shop/stale', 'shop/truncated', 'shop/corrupt']),
    );
    expect(alerts.map((a) => [a.title, a.severity]).sort()).toEqual([
      ['Backup shop/corrupt: integrity check failed', 'critical'],
      ['Backup shop/stale: past its RPO', 'critical'],
      ['Backup shop/truncated: newest copy shrank', 'warning'],
    ]);

    // Verified again: the same episodes stay quiet; history has a point per verification.
    await call(b, 'backups.verify', { service: 'shop', backup: 'stale' });
    expect(alerts).toHaveLength(3);
    const history = await call<{ points: BackupHistoryPoint[]; copies: unknown[] }>(b, 'backups.history', {
      service: 'shop',
      backup: 'stale',
    });
    expect(history.points.map((p) => p.status)).toEqual(['failed', 'failed']);
    expect(history.points[0]?.ageMs).toBeGreaterThan(40 * HOUR - 60_000);
    expect(history.copies).toHaveLength(5);

    await expect(call(b, 'backups.verify', { backup: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('declared: shop/fresh, shop/stale, shop/truncated, shop/corrupt'),
    });
  });

  it('verifies 50 backups on one host in one go, each judged on its own', async () => {
    const b = await open();
    const ws = b.workspace.current().workspace;
    if (!ws) throw new Error('test setup: no workspace');
    const fresh = ws.services.shop?.backups.find((x) => x.id === 'fresh');
    if (!fresh || !('dir' in fresh.source)) throw new Error('test setup: no fresh backup');
    const many = Array.from({ length: 50 }, (_, i) => ({ ...fresh, verify: undefined, id: `copy-${i}` }));
    const services = { ...ws.services, many: { health: [], backups: many } };
    // The feature reads the workspace when asked: swap in a bigger one for this test. (How fast: bench/backups.)
    const current = b.workspace.current;
    b.workspace.current = () => ({ ...current(), workspace: { ...ws, services } });
    const overview = await b.features.backups.verify({ service: 'many' });
    b.workspace.current = current;
    const many50 = overview.backups.filter((s) => s.service === 'many');
    expect(many50).toHaveLength(50);
    expect(many50.every((s) => s.health === 'ok' && s.copies === 8)).toBe(true);
  });

  it('answers `cockpit backups` and `cockpit backups verify` with the exit status a script can use', async () => {
    const args = ['--workspace', workspaceFile, '--data-dir', dataDir];
    const all = recorder();
    expect(await main(['backups', '--json', ...args], all.io)).toBe(1);
    const json = JSON.parse(all.out()) as BackupsOverview;
    expect(json.worst).toBe('broken');
    expect(json.backups.map((s) => s.key)).toEqual(['shop/corrupt', 'shop/stale', 'shop/truncated', 'shop/fresh']);

    const table = recorder();
    expect(await main(['backups', '--cached', ...args], table.io)).toBe(1);
    expect(table.out()).toMatch(/✗ +shop\/stale +40 h \/ 26 h/);
    expect(table.out()).toContain('✗ shop/stale: newest copy 40 h old, past the RPO of 26 h');

    const good = recorder();
    expect(await main(['backups', 'verify', 'fresh', ...args], good.io)).toBe(0);
    expect(good.out()).not.toContain('shop/stale');
    expect(good.out()).toContain('✓ integrity passed on orders-100.sql.gz');
    expect(good.out()).toContain('proves: the gzip stream is complete and its checksum matches');
    expect(good.out()).toContain('does not prove: what is inside the archive is usable (it was not restored)');

    const bad = recorder();
    expect(await main(['backups', 'verify', 'shop/corrupt', ...args], bad.io)).toBe(1);
    expect(bad.out()).toContain('✗ integrity failed on orders-100.sql.gz (exit 1)');

    const unknown = recorder();
    expect(await main(['backups', 'verify', 'nope', ...args], unknown.io)).toBe(1);
    expect(unknown.err()).toContain('No backup "nope" in this workspace');

    const help = recorder();
    expect(await main(['backups', 'verify', '--help'], help.io)).toBe(0);
    expect(help.out()).toContain('Usage: cockpit backups');
  });
});
