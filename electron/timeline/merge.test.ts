import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TimelineEntry } from '../../shared/model/timeline';
import { type TimelineSource } from '../features/types';
import { log } from '../log';
import { mergeTimeline } from './merge';

const T0 = Date.parse('2026-12-06T20:00:00.000Z');
const MIN = 60_000;
const range = { from: T0, to: T0 + 60 * MIN };

function entry(id: string, minutes: number, overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    id,
    kind: 'deploy',
    at: new Date(T0 + minutes * MIN).toISOString(),
    endAt: null,
    service: 'checkout',
    environment: 'production',
    title: id,
    detail: null,
    tone: 'info',
    practice: false,
    link: null,
    ...overrides,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('merging the features’ timelines', () => {
  it('puts every source’s entries on one axis, oldest first', async () => {
    const deploys: TimelineSource = () => [entry('deploy', 10), entry('deploy-2', 40)];
    const health: TimelineSource = async () => [
      entry('down', 12, { kind: 'health' }),
      entry('up', 30, { kind: 'health' }),
    ];
    const merged = await mergeTimeline([deploys, health], range, {}, 100);
    expect(merged.entries.map((e) => e.id)).toEqual(['deploy', 'down', 'up', 'deploy-2']);
    expect(merged.truncated).toBe(false);
  });

  it('keeps what overlaps the range: a run still going at its start, not one that ended before', async () => {
    const source: TimelineSource = () => [
      entry('ended-before', -30, { endAt: new Date(T0 - 20 * MIN).toISOString() }),
      entry('still-going', -5, { endAt: new Date(T0 + 5 * MIN).toISOString() }),
      entry('open-incident', -120, { kind: 'incident', endAt: null }),
      entry('after', 61),
    ];
    const merged = await mergeTimeline([source], range, {}, 100);
    expect(merged.entries.map((e) => e.id)).toEqual(['open-incident', 'still-going']);
  });

  it('filters by service, environment and kind; entries of no service leave a service’s timeline', async () => {
    const source: TimelineSource = () => [
      entry('checkout-prod', 1),
      entry('checkout-stg', 2, { environment: 'staging' }),
      entry('auth-prod', 3, { service: 'auth' }),
      entry('budget', 4, { kind: 'budget', service: null, environment: null }),
      entry('alert', 5, { kind: 'alert' }),
    ];
    const ids = async (filter: Parameters<typeof mergeTimeline>[2]) =>
      (await mergeTimeline([source], range, filter, 100)).entries.map((e) => e.id);
    expect(await ids({ service: 'checkout' })).toEqual(['checkout-prod', 'checkout-stg', 'alert']);
    expect(await ids({ service: 'checkout', environment: 'production' })).toEqual(['checkout-prod', 'alert']);
    expect(await ids({ kinds: ['budget', 'alert'] })).toEqual(['budget', 'alert']);
    expect(await ids({})).toHaveLength(5);
  });

  it('keeps the newest entries when there are more than the limit, and says so', async () => {
    const source: TimelineSource = () => Array.from({ length: 10 }, (_, i) => entry(`e${i}`, i));
    const merged = await mergeTimeline([source], range, {}, 3);
    expect(merged.entries.map((e) => e.id)).toEqual(['e7', 'e8', 'e9']);
    expect(merged.truncated).toBe(true);
  });

  it('leaves out a source that fails, logs it, and still answers with the others', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const broken: TimelineSource = function backups() {
      throw new Error('no such table: backup_verifications');
    };
    const rejecting: TimelineSource = async () => Promise.reject(new Error('disk I/O error'));
    const deploys: TimelineSource = () => [entry('deploy', 10)];
    const merged = await mergeTimeline([broken, rejecting, deploys], range, {}, 100);
    expect(merged.entries.map((e) => e.id)).toEqual(['deploy']);
    expect(logged).toHaveBeenCalledTimes(2);
    expect(String(logged.mock.calls[0])).toContain('"backups"');
    expect(String(logged.mock.calls[0])).toContain('no such table');
  });

  it('marks health changes during a rollback drill of the same service and environment as practice', async () => {
    const source: TimelineSource = () => [
      entry('drill', 10, {
        kind: 'drill',
        practice: true,
        environment: 'staging',
        endAt: new Date(T0 + 20 * MIN).toISOString(),
      }),
      entry('down-during', 12, { kind: 'health', environment: 'staging' }),
      entry('down-elsewhere', 12, { kind: 'health', environment: 'production' }),
      entry('down-after', 25, { kind: 'health', environment: 'staging' }),
    ];
    // Even when the drills themselves are filtered out.
    const merged = await mergeTimeline([source], range, { kinds: ['health'] }, 100);
    expect(merged.entries.map((e) => [e.id, e.practice])).toEqual([
      ['down-during', true],
      ['down-elsewhere', false],
      ['down-after', false],
    ]);
  });
});
