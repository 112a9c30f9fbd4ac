import { describe, expect, it } from 'vitest';
import { main } from './main';
import { recorder } from './test-support/recorder';

describe('cockpit backups: the command line', () => {
  it('prints help wherever --help appears and does nothing else', async () => {
    const r = recorder();
    expect(await main(['backups', 'verify', 'shop/orders', '--help'], r.io)).toBe(0);
    expect(r.out()).toContain('Usage: cockpit backups [--cached] [--json]');
    expect(r.out()).toContain('proves and what it does not');
    expect(r.err()).toBe('');
  });

  it('answers a mistake with what was wrong and the help (exit 2)', async () => {
    const typo = recorder();
    expect(await main(['backups', 'verfy'], typo.io)).toBe(2);
    expect(typo.err()).toContain('unknown argument "verfy" (did you mean `cockpit backups verify verfy`?)');
    const two = recorder();
    expect(await main(['backups', 'verify', 'a', 'b'], two.io)).toBe(2);
    expect(two.err()).toContain('name one backup at most');
    const cached = recorder();
    expect(await main(['backups', 'verify', '--cached'], cached.io)).toBe(2);
    expect(cached.err()).toContain('--cached is for `cockpit backups`');
  });

  it('is listed in the cockpit usage', async () => {
    const r = recorder();
    await main(['--help'], r.io);
    expect(r.out()).toMatch(/backups +backups against their RPO/);
  });
});
