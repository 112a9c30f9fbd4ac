import { describe, expect, it } from 'vitest';
import { type ServiceHealth } from '../../shared/model/health';
import { buildOverview } from './overview';
import { splitLine, withSplitFleet } from './split-fleet';

const NOW = Date.parse('2026-12-06T22:00:00Z');

function service(over: Partial<ServiceHealth> = {}): ServiceHealth {
  return {
    service: 'checkout',
    environment: 'production',
    status: 'up',
    reason: 'all 3 checks passing',
    since: NOW - 3_600_000,
    flapping: false,
    checks: [],
    ...over,
  };
}

const split = [
  { host: 'prod-1', release: '20261203T100000Z-v1.4.0' },
  { host: 'prod-2', release: '20261206T213000Z-v1.5.0' },
  { host: 'prod-3', release: '20261203T100000Z-v1.4.0' },
];

describe('a fleet split across releases', () => {
  it('names the odd hosts first, with release names as people say them', () => {
    expect(splitLine(split)).toBe('prod-2 runs v1.5.0, prod-1, prod-3 run v1.4.0');
  });

  it('is not split when every host that runs something runs the same release, or nothing was read', () => {
    expect(splitLine(null)).toBeNull();
    expect(
      splitLine([
        { host: 'a', release: 'v1' },
        { host: 'b', release: 'v1' },
        { host: 'c', release: null },
      ]),
    ).toBeNull();
  });

  it('turns an up service degraded with the split as its reason, and leaves an unsplit one alone', () => {
    const folded = withSplitFleet(service(), split);
    expect(folded).toMatchObject({
      status: 'degraded',
      reason: 'split: prod-2 runs v1.5.0, prod-1, prod-3 run v1.4.0',
    });
    expect(withSplitFleet(service(), split.slice(0, 1))).toEqual(service());
  });

  it('keeps a down service down and adds the split to what it says', () => {
    const folded = withSplitFleet(service({ status: 'down', reason: 'checkout: 503 from /health/ready' }), split);
    expect(folded.status).toBe('down');
    expect(folded.reason).toBe(
      'checkout: 503 from /health/ready · split: prod-2 runs v1.5.0, prod-1, prod-3 run v1.4.0',
    );
  });

  it('makes the verdict and the matrix say the service is degraded, and why', () => {
    const overview = buildOverview({
      at: NOW,
      services: [withSplitFleet(service(), split), service({ environment: 'staging' })],
      checksOf: () => [],
      lastDeploy: () => null,
      watching: true,
      problems: [],
    });
    expect(overview.verdict).toMatchObject({
      status: 'degraded',
      title: 'checkout is degraded in production',
      detail: 'split: prod-2 runs v1.5.0, prod-1, prod-3 run v1.4.0',
    });
    expect(overview.services[0]).toMatchObject({ environment: 'production', status: 'degraded' });
    expect(overview.counts).toMatchObject({ up: 1, degraded: 1 });
  });
});
