/**
 * `cockpit scorecard` as CI runs it: main() with a recording terminal against a temp data folder and a small
 * workspace whose score is known (40: production protected, a critical check and no incident in 90 days are green,
 * desktop-only alerts and no releases deploy amber, the rest red). Exit 1 below the threshold, 0 at or above it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Scorecard } from '../../shared/model/readiness';
import { main } from './main';
import { recorder } from './test-support/recorder';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function shop(threshold: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-scorecard-cli-'));
  made.push(dir);
  const file = join(dir, 'cockpit.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'name: Shop',
      'environments: { staging: {}, production: {} }',
      'services:',
      '  api:',
      '    health: [{ id: ready, http: "http://127.0.0.1:1/health", critical: true }]',
      `readiness: { threshold: ${threshold} }`,
      '',
    ].join('\n'),
  );
  return ['--data-dir', join(dir, 'data'), '--workspace', file];
}

describe('cockpit scorecard', () => {
  it('prints each item with its mark, evidence and fix, and passes at the workspace’s threshold', async () => {
    const r = recorder();
    expect(await main(['scorecard', ...shop(40)], r.io)).toBe(0);
    const out = r.out();
    expect(out).toContain('Readiness 40/100 — reaches the threshold of 40 (3 green, 2 amber, 5 red)');
    expect(out).toMatch(/✓ {2}Production protected +production is protected/);
    expect(out).toMatch(
      /! {2}Alerts reach a person \(desktop and Slack\) +Desktop notifications on; no Slack webhook\./,
    );
    expect(out).toMatch(/✕ {2}Rollback practised within 90 days +No service declares a rollback drill/);
    expect(out).toContain('→ Declare a drill (Drills screen)');
    expect(r.err()).toBe('');
  });

  it('exits 1 below the threshold, which --threshold overrides, so CI can gate on it', async () => {
    const args = shop(40);
    const r = recorder();
    expect(await main(['scorecard', '--threshold', '41', ...args], r.io)).toBe(1);
    expect(r.out()).toContain('Readiness 40/100 — below the threshold of 41');

    const json = recorder();
    expect(await main(['scorecard', '--json', ...args], json.io)).toBe(0);
    const card = JSON.parse(json.out()) as Scorecard;
    expect(card).toMatchObject({ score: 40, threshold: 40 });
    expect(card.items.map((i) => i.id)).toContain('incident-figures');
    // Both runs were today: one point in the trend, the day's last score.
    expect(card.trend).toEqual([{ day: card.computedAt.slice(0, 10), score: 40 }]);
  });

  it('answers usage mistakes with the help (exit 2) and prints help without acting', async () => {
    for (const wrong of [['--threshold', '101'], ['--threshold', 'high'], ['now']]) {
      const r = recorder();
      expect(await main(['scorecard', ...wrong], r.io)).toBe(2);
      expect(r.err()).toContain('Usage: cockpit scorecard');
    }
    const help = recorder();
    expect(await main(['scorecard', '--help'], help.io)).toBe(0);
    expect(help.out()).toContain('Exit status: 0 the score reaches the threshold, 1 below it');
    const listed = recorder();
    await main(['--help'], listed.io);
    expect(listed.out()).toMatch(/scorecard +the readiness scorecard/);
  });
});
