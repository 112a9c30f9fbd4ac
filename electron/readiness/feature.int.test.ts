/**
 * The scorecard through a real backend with the built-in demo: every feature's items arrive, in the contract's
 * order, quickly (under 200 ms), without a single SSH connection or Cost Explorer request, and the day's score is
 * kept for the trend. A workspace with an SSH host gets the host-keys item from the backend's known_hosts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readinessItemIds } from '../../shared/model/readiness';
import { type Backend, createBackend } from '../backend';

describe('the readiness scorecard through the backend', () => {
  let backend: Backend | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-readiness-'));
    dirs.push(dir);
    return dir;
  }

  it('answers for the demo in under 200 ms with no SSH or AWS request, and records the day for the trend', async () => {
    backend = await createBackend({
      dataDir: dataDir(),
      transport: 'websocket',
      demo: true,
      watch: false,
      background: false,
    });
    const connections = vi.spyOn(backend.context.transports, 'get');
    const requests = () =>
      (backend?.journal.db.prepare('SELECT count(*) AS n FROM cost_requests').get() as { n: number }).n;
    const before = requests();

    const started = performance.now();
    const card = await backend.handlers['readiness.scorecard']({});
    const took = performance.now() - started;

    expect(took).toBeLessThan(200);
    expect(connections).not.toHaveBeenCalled();
    expect(requests()).toBe(before);
    // The demo has no SSH host, so host keys do not apply; every other item is there, in order.
    expect(card.items.map((i) => i.id)).toEqual(readinessItemIds.filter((id) => id !== 'host-keys-pinned'));
    const status = Object.fromEntries(card.items.map((i) => [i.id, i.status]));
    expect(status).toMatchObject({
      'critical-checks': 'amber', // webhooks and worker are watched, but by no critical check
      'alerts-reach-a-person': 'amber', // desktop only
      'production-protected': 'green',
      'budget-alerts': 'green', // both budgets alert at 80 % and 100 % (the second by the default alerts)
    });
    expect(card.items.find((i) => i.id === 'previous-release-kept')?.evidence).toContain('Not read yet');
    expect(card.items.find((i) => i.id === 'spend-tagged')?.evidence).toContain('No cost data yet');
    expect(card.threshold).toBe(70);
    expect(card.score).toBeGreaterThan(0);
    expect(card.trend).toEqual([{ day: card.computedAt.slice(0, 10), score: card.score }]);
  });

  it('scores a workspace’s SSH host keys from the known_hosts a connection would check, without connecting', async () => {
    const dir = dataDir();
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'name: Shop',
        'environments: { production: { hosts: [web-1] } }',
        'hosts: { web-1: { ssh: deploy@203.0.113.7 } }',
        'services: { api: { health: [{ id: ready, http: "http://127.0.0.1:1/", critical: true }] } }',
        'readiness: { threshold: 90 }',
        '',
      ].join('\n'),
    );
    backend = await createBackend({
      dataDir: join(dir, 'data'),
      transport: 'websocket',
      workspacePath: file,
      watch: false,
      background: false,
    });
    const connections = vi.spyOn(backend.context.transports, 'get');
    const card = await backend.handlers['readiness.scorecard']({});
    expect(connections).not.toHaveBeenCalled();
    expect(card.threshold).toBe(90);
    expect(card.items.find((i) => i.id === 'host-keys-pinned')).toMatchObject({
      status: 'red',
      fix: { route: 'deploys', id: 'web-1' },
    });
    expect(card.items.find((i) => i.id === 'budget-alerts')?.evidence).toContain('No cloud cost watched');
    expect(card.items.some((i) => i.id === 'spend-tagged')).toBe(false);
  });
});
