/**
 * `cockpit drill restore|report|list` end to end, as a person runs them: main() with a recording terminal, a temp
 * data folder, a real local drill host with its own home, copies listed by the real `dir` source, and a scratch
 * folder as the restore target. `--help` never acts.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from './main';
import { recorder } from './test-support/recorder';

interface Shop {
  dir: string;
  dataDir: string;
  home: string;
  workspaceFile: string;
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function shop(options: { protectedEnv?: boolean; restore?: string } = {}): Shop {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-drill-cli-'));
  made.push(dir);
  const dataDir = join(dir, 'data');
  const home = join(dataDir, 'hosts', 'drill-1');
  const backups = join(home, 'backups');
  mkdirSync(backups, { recursive: true });
  for (const day of [5, 6]) {
    const file = join(backups, `orders-2026-12-0${day}.txt`);
    writeFileSync(file, `a\nb\nc\n2026-12-0${day} 02:00:00+00\n`);
    const at = new Date(`2026-12-0${day}T02:30:00Z`);
    utimesSync(file, at, at);
  }
  const workspaceFile = join(dir, 'cockpit.yaml');
  writeFileSync(
    workspaceFile,
    [
      'version: 1',
      'name: Drill Shop',
      'environments:',
      `  staging: { hosts: [drill-1], protected: ${options.protectedEnv ? 'true' : 'false'} }`,
      'hosts:',
      '  drill-1: { local: true, root: hosts/drill-1 }',
      'services:',
      '  shop:',
      '    backups:',
      '      - id: orders',
      `        source: { dir: ${JSON.stringify(backups)}, host: drill-1, match: "*.txt" }`,
      '        rpo: 30d',
      '        drill:',
      '          host: drill-1',
      `          restore: ${JSON.stringify(options.restore ?? 'mkdir {scratch} && cp {file} {scratch}/orders')}`,
      '          checks:',
      '            - { name: orders restored, run: "wc -l < {scratch}/orders", expect: { atLeast: 4 } }',
      '            - { name: newest order, run: "tail -n 1 {scratch}/orders", dataTime: true }',
      '          teardown: rm -rf {scratch}',
      '          rto: 30m',
      '',
    ].join('\n'),
  );
  return { dir, dataDir, home, workspaceFile };
}

async function cli(s: Shop, ...argv: string[]) {
  const r = recorder();
  const code = await main([...argv, '--workspace', s.workspaceFile, '--data-dir', s.dataDir], r.io);
  return { code, out: r.out(), err: r.err() };
}

const scratchDirs = (s: Shop) => readdirSync(s.home).filter((n) => n.startsWith('cockpit_drill_'));

// Each `cli()` opens a whole backend (journal, features): several in one test need more than the default 30 s
// on a busy two-core machine.
describe('cockpit drill', { timeout: 90_000 }, () => {
  it('--help prints help and never acts: no journal, no host touched', async () => {
    const s = shop();
    for (const argv of [
      ['drill', 'restore', 'shop/orders', '--help'],
      ['drill', '-h', 'report', 'x'],
      ['drill', '--help'],
    ]) {
      const r = await cli(s, ...argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: cockpit drill restore SERVICE\/BACKUP/);
    }
    expect(existsSync(join(s.dataDir, 'journal.db'))).toBe(false);
    expect(scratchDirs(s)).toEqual([]);
  });

  it('restores with a live log, prints the evidence, lists the drill and writes its report', async () => {
    const s = shop();
    const r = await cli(s, 'drill', 'restore', 'shop/orders');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/▶ Restore drill of shop\/orders — drill-1 \(run \S+\)/);
    expect(r.out).toMatch(/\[drill-1\] ▸ Restore orders-2026-12-06.txt into cockpit_drill_[0-9a-f]{8}: mkdir/);
    expect(r.out).toMatch(/\[drill-1\] ✓ Check: orders restored/);
    expect(r.out).toMatch(/✓ Drill succeeded: shop\/orders \(run \S+\)/);
    expect(r.out).toMatch(/RTO \S+ (s|ms) \(target 30 min\)/);
    expect(r.out).toContain(`RPO`);
    expect(r.out).toContain(`from the newest data's time (check "newest order")`);
    expect(r.out).toMatch(/✓ check orders restored \(exit 0; expected at least 4\)/);
    expect(scratchDirs(s)).toEqual([]);
    const runId = /\(run (\S+)\)/.exec(r.out)?.[1] ?? '';

    const listed = await cli(s, 'drill', 'list', 'orders');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`shop/orders`);
    expect(listed.out).toContain(runId);

    const out = join(s.dir, 'report.md');
    const rep = await cli(s, 'drill', 'report', runId, '--format', 'md', '--out', out);
    expect(rep.code).toBe(0);
    expect(rep.out).toContain('suggested name: restore-drill-shop-orders-');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# Restore drill: shop/orders');
    expect(text).toContain('**Verdict: ✅ Succeeded**');
    expect(text).toContain('- Copy: `orders-2026-12-06.txt`');
  });

  it('exits 1 when a check fails, with the check and why', async () => {
    const s = shop({ restore: 'mkdir {scratch} && head -n 2 {file} > {scratch}/orders' });
    const r = await cli(s, 'drill', 'restore', 'shop/orders', '--copy', 'orders-2026-12-05.txt');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ Drill failed: shop\/orders/);
    expect(r.out).toContain('✗ check orders restored (exit 0; expected at least 4): printed 2, expected at least 4');
    expect(r.out).toContain('copy      orders-2026-12-05.txt (2026-12-05T02:30:00.000Z; asked for by id)');
    expect(scratchDirs(s)).toEqual([]);
  });

  it('refuses a protected drill host without --confirm, and runs with it', async () => {
    const s = shop({ protectedEnv: true });
    const refused = await cli(s, 'drill', 'restore', 'shop/orders');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('type "staging" to confirm the restore drill of shop/orders');
    expect(refused.err).toContain('Pass --confirm staging.');
    expect(scratchDirs(s)).toEqual([]);
    const confirmed = await cli(s, 'drill', 'restore', 'shop/orders', '--confirm', 'staging', '--json');
    expect(confirmed.code).toBe(0);
    const parsed = JSON.parse(confirmed.out) as { drill: { status: string }; log: unknown[] };
    expect(parsed.drill.status).toBe('succeeded');
    expect(parsed.log.length).toBeGreaterThan(3);
  });

  it('says what is wrong with the command line (exit 2), and names an unknown run (exit 1)', async () => {
    const s = shop();
    const bad = await cli(s, 'drill', 'restore');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('say which backup: cockpit drill restore SERVICE/BACKUP');
    const unknown = await cli(s, 'drill', 'report', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No restore drill "nope"');
  });
});
