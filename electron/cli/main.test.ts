import { describe, expect, it } from 'vitest';
import { appVersion } from '../paths';
import { type CliIO } from './io';
import { commands, main } from './main';

function recorder(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe('cockpit', () => {
  it('prints its version', async () => {
    const io = recorder();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out.trim()).toBe(appVersion());
  });

  it('lists every command in --help and exits 0', async () => {
    const io = recorder();
    expect(await main(['--help'], io)).toBe(0);
    for (const name of Object.keys(commands)) expect(io.out).toContain(`  ${name}`);
  });

  it('with no command prints usage and exits 2', async () => {
    const io = recorder();
    expect(await main([], io)).toBe(2);
    expect(io.out).toContain('Usage: cockpit <command>');
  });

  it('names an unknown command instead of guessing', async () => {
    const io = recorder();
    expect(await main(['deploi'], io)).toBe(2);
    expect(io.err).toContain('unknown command "deploi"');
  });

  it('serve --help prints its options and starts nothing', async () => {
    const io = recorder();
    expect(await main(['serve', '--help'], io)).toBe(0);
    expect(io.out).toContain('127.0.0.1');
    expect(io.out).toContain('--port');
  });

  it('serve rejects a bad port before starting anything', async () => {
    const io = recorder();
    expect(await main(['serve', '--port', 'eighty'], io)).toBe(2);
    expect(io.err).toContain('--port must be a number');
  });
});
