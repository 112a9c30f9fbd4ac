/**
 * The built-in demo through the backend, with nothing installed: its backup copies appear when first needed (a
 * verification, a drill), not when the demo opens, and the drill restores one and leaves nothing behind.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BackupsOverview } from '../../shared/api/backups';
import { type Backend, createBackend } from '../backend';

describe.skipIf(process.platform === 'win32')('the demo’s backups', () => {
  let backend: Backend | undefined;
  let dataDir = '';
  afterEach(async () => {
    await backend?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('are made at the first verification, then verified: a stale one, and orders-db keeping its promises', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-backups-'));
    backend = await createBackend({ dataDir, transport: 'websocket', demo: true, watch: false, background: false });
    const orders = join(dataDir, 'demo', 'hosts', 'demo-stg', 'backups', 'orders');
    expect(existsSync(orders)).toBe(false);

    const overview = (await backend.handlers['backups.verify']({})) as BackupsOverview;
    expect(readdirSync(orders)).toHaveLength(14);
    expect(overview.backups.map((s) => [s.id, s.health])).toEqual([
      ['uploads', 'broken'],
      ['orders-db', 'warning'], // never drilled yet
    ]);
    expect(overview.backups[1]?.sizes.filter((s) => s.shrunk)).toHaveLength(1);

    const { done } = await backend.features.backups.drills.start({ service: 'checkout', backup: 'orders-db' });
    const drill = await done;
    expect(drill).toMatchObject({ status: 'succeeded', teardownOk: true });
    expect(drill.checks.map((c) => c.ok)).toEqual([true, true]);
    expect(
      readdirSync(join(dataDir, 'demo', 'hosts', 'demo-drill')).filter((f) => f.startsWith('cockpit_drill')),
    ).toEqual([]);
    expect(backend.features.backups.overview().backups.find((s) => s.id === 'orders-db')?.health).toBe('ok');
  });
});
