import { describe, expect, it } from 'vitest';
import { type DeployTarget, chooseHosts } from './target';

const target = {
  service: 'checkout',
  environment: 'production',
  hosts: ['web-1', 'web-2', 'web-3'],
  config: { strategy: 'releases', batch: 1 },
  env: { hosts: ['web-1', 'web-2', 'web-3'], protected: true },
} as unknown as DeployTarget; // a partial config: chooseHosts reads only hosts and batch

describe('choosing hosts', () => {
  it('leaves out a host that is down, with a reason, and keeps the order', () => {
    const { target: t, skipped } = chooseHosts(target, { skipHosts: ['web-2'], reason: 'web-2 is down' });
    expect(t.hosts).toEqual(['web-1', 'web-3']);
    expect(skipped).toEqual(['web-2']);
  });

  it('acts on only the hosts named, and overrides the batch size', () => {
    const { target: t, skipped } = chooseHosts(target, { hosts: ['web-3', 'web-1'], batch: 2 });
    expect(t.hosts).toEqual(['web-1', 'web-3']);
    expect(t.config.batch).toBe(2);
    expect(skipped).toEqual(['web-2']);
  });

  it('refuses unknown names, an empty choice, and skipping without a reason', () => {
    expect(() => chooseHosts(target, { hosts: ['web-9'] })).toThrow(/web-9 is not a host of production/);
    expect(() => chooseHosts(target, { skipHosts: ['web-1', 'web-2', 'web-3'], reason: 'x' })).toThrow(
      /No host of production is left/,
    );
    expect(() => chooseHosts(target, { skipHosts: ['web-1'] })).toThrow(/needs a reason/);
  });

  it('changes nothing when nothing is chosen', () => {
    expect(chooseHosts(target, {}).target.hosts).toEqual(target.hosts);
  });
});
