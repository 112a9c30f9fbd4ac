import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { type Workspace } from '../../shared/workspace';
import { parseWorkspaceText } from '../workspace/parse';
import { ordersBefore } from './demo-orders';
import { dirLinkType, seedDemoHosts } from './seed';
import { nightName, nightsUpTo, seedDemoBackups } from './seed-backups';

describe('dirLinkType', () => {
  it('makes junctions on Windows, where symbolic links need an administrator or Developer Mode', () => {
    expect(dirLinkType('win32')).toBe('junction');
    expect(dirLinkType('linux')).toBe('dir');
    expect(dirLinkType('darwin')).toBe('dir');
  });
});

describe('seedDemoHosts', () => {
  let dataDir = '';
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("gives each pretend host a `current` link, relative, to the service's oldest good release", () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-seed-'));
    const file = fileURLToPath(new URL('../../resources/demo/cockpit.yaml', import.meta.url));
    const parsed = parseWorkspaceText(readFileSync(file, 'utf8'), file);
    if (!parsed.workspace) throw new Error('the demo workspace does not parse');
    const seeded = seedDemoHosts({
      dataDir,
      workspace: parsed.workspace,
      workspaceDir: dirname(file),
      now: new Date(),
    });

    const checkout = seeded.find((s) => s.service === 'checkout' && s.host === 'demo-prod-1');
    expect(checkout?.release).toMatch(/^\d{8}T\d{6}Z-v1\.4\.0$/);
    const current = join(dataDir, 'demo', 'hosts', 'demo-prod-1', 'checkout', 'current');
    expect(readlinkSync(current)).toBe(join('releases', checkout?.release ?? ''));
    expect(readFileSync(join(realpathSync(current), 'VERSION'), 'utf8').trim()).toBe('v1.4.0');
    // The script strategy's service is seeded under its plain name.
    expect(seeded.find((s) => s.service === 'webhooks')?.release).toBe('v2.0.0');
  });
});

describe('seedDemoBackups', () => {
  let dataDir = '';
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const demoFile = fileURLToPath(new URL('../../resources/demo/cockpit.yaml', import.meta.url));
  function demoWorkspace(): Workspace {
    const parsed = parseWorkspaceText(readFileSync(demoFile, 'utf8'), demoFile);
    if (!parsed.workspace) throw new Error('the demo workspace does not parse');
    return parsed.workspace;
  }
  const ordersDir = () => join(dataDir, 'demo', 'hosts', 'demo-stg', 'backups', 'orders');
  const uploadsDir = () => join(dataDir, 'demo', 'hosts', 'demo-prod-1', 'backups', 'uploads');
  /** Local time, as the nightly job and the file names use it. */
  const local = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute);

  it('writes 14 nightly orders copies dated 02:00, growing, with one a few nights back cut short', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-backups-'));
    const seeded = seedDemoBackups({ dataDir, workspace: demoWorkspace(), now: local(6, 9, 30) });

    const orders = seeded.filter((c) => c.backup === 'orders-db');
    // Nothing is deployed on the drill host, yet its drills need a home to start in.
    expect(existsSync(join(dataDir, 'demo', 'hosts', 'demo-drill'))).toBe(true);
    expect(orders.map((c) => c.file)).toEqual(
      Array.from({ length: 14 }, (_, i) =>
        i < 8 ? `orders-2026-11-${23 + i}.sql.gz` : `orders-2026-12-0${i - 7}.sql.gz`,
      ),
    );
    for (const copy of orders) {
      const stat = statSync(join(ordersDir(), copy.file));
      expect(new Date(stat.mtimeMs)).toEqual(copy.at);
      expect(copy.at.getHours()).toBe(2);
    }
    const sizes = orders.map((c) => statSync(join(ordersDir(), c.file)).size);
    const cut = orders.findIndex((c) => c.file === 'orders-2026-12-02.sql.gz');
    const whole = sizes.filter((_, i) => i !== cut);
    expect(whole).toEqual([...whole].sort((a, b) => a - b)); // each night holds more orders
    expect(sizes[cut]).toBeLessThan((sizes[cut - 1] ?? 0) * 0.1);
    // The short copy is a gzip stream cut off: reading it fails, as `gzip -t` would.
    expect(() => gunzipSync(readFileSync(join(ordersDir(), 'orders-2026-12-02.sql.gz')))).toThrow();

    const newest = gunzipSync(readFileSync(join(ordersDir(), 'orders-2026-12-06.sql.gz'))).toString('utf8');
    const inserts = newest.split('\n').filter((l) => l.startsWith('INSERT INTO orders '));
    expect(inserts.length).toBeGreaterThan(1000);
    expect(inserts.length).toBe(ordersBefore(local(6, 2)));
    const newestTime = new Date(/'([^']*)'\);$/.exec(inserts.at(-1) ?? '')?.[1]?.replace(' ', 'T') + ':00');
    expect(newestTime.getTime()).toBeLessThan(local(6, 2).getTime());
    expect(local(6, 2).getTime() - newestTime.getTime()).toBeLessThan(2 * 3_600_000);
  });

  it('the newest copy is the last night when the demo opens before 02:00', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-backups-'));
    const seeded = seedDemoBackups({ dataDir, workspace: demoWorkspace(), now: local(6, 1, 30) });
    expect(seeded.filter((c) => c.backup === 'orders-db').at(-1)?.file).toBe('orders-2026-12-05.sql.gz');
  });

  it('tops up only the nights after the newest copy, never rewriting one, and never cuts another short', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-backups-'));
    const workspace = demoWorkspace();
    seedDemoBackups({ dataDir, workspace, now: local(6, 9, 30) });
    // The user touched a copy: a later launch must leave it as it is.
    const touched = join(ordersDir(), 'orders-2026-12-06.sql.gz');
    writeFileSync(touched, 'mine');
    const before = new Map(readdirSync(ordersDir()).map((f) => [f, readFileSync(join(ordersDir(), f))]));

    expect(seedDemoBackups({ dataDir, workspace, now: local(6, 23, 0) })).toEqual([]);
    const later = seedDemoBackups({ dataDir, workspace, now: local(9, 8, 0) });

    expect(later.map((c) => c.file)).toEqual([
      'orders-2026-12-07.sql.gz',
      'orders-2026-12-08.sql.gz',
      'orders-2026-12-09.sql.gz',
    ]);
    for (const [file, content] of before) expect(readFileSync(join(ordersDir(), file)).equals(content)).toBe(true);
    expect(readFileSync(touched, 'utf8')).toBe('mine');
    const sizes = later.map((c) => statSync(join(ordersDir(), c.file)).size);
    expect(Math.min(...sizes)).toBeGreaterThan(statSync(join(ordersDir(), 'orders-2026-12-05.sql.gz')).size);
    // The stopped uploads job is not topped up: that backup stays stale.
    expect(readdirSync(uploadsDir())).toHaveLength(10);
  });

  it('after a long pause, tops up the last 14 nights only', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-backups-'));
    const workspace = demoWorkspace();
    seedDemoBackups({ dataDir, workspace, now: local(1, 9, 0) });
    const later = seedDemoBackups({ dataDir, workspace, now: new Date(2027, 0, 20, 9, 0) });
    expect(later.map((c) => c.file)[0]).toBe('orders-2027-01-07.sql.gz');
    expect(later).toHaveLength(14);
  });

  it('writes ten uploads tarballs that stopped three days ago', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-backups-'));
    const now = local(6, 9, 30);
    const uploads = seedDemoBackups({ dataDir, workspace: demoWorkspace(), now }).filter((c) => c.backup === 'uploads');
    expect(uploads).toHaveLength(10);
    expect(uploads.at(-1)?.file).toBe('uploads-2026-12-03.tar.gz');
    const age = now.getTime() - statSync(join(uploadsDir(), 'uploads-2026-12-03.tar.gz')).mtimeMs;
    expect(age).toBeGreaterThan(3 * 86_400_000);
  });
});

describe('nightsUpTo', () => {
  it('counts back from the last 02:00, across a month end', () => {
    const nights = nightsUpTo(new Date(2026, 11, 2, 2, 0), 3);
    expect(nights.map(nightName)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(nights.every((n) => n.getHours() === 2 && n.getMinutes() === 0)).toBe(true);
  });
});
