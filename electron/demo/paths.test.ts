import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpacked } from '../paths';
import { demoSandboxScript } from './paths';

describe('unpacked', () => {
  it('points a path inside the packaged app.asar at its unpacked copy next to it', () => {
    const packaged = join(sep, 'opt', 'Reliability Cockpit', 'resources', 'app.asar', 'resources', 'demo', 'x.mjs');
    expect(unpacked(packaged)).toBe(
      join(sep, 'opt', 'Reliability Cockpit', 'resources', 'app.asar.unpacked', 'resources', 'demo', 'x.mjs'),
    );
  });

  it('leaves every other path alone, including one that only looks like an archive', () => {
    const plain = join(sep, 'work', 'main', 'resources', 'demo', 'sandbox', 'server.mjs');
    expect(unpacked(plain)).toBe(plain);
    const lookalike = join(sep, 'srv', 'app.asar.bak', 'server.mjs');
    expect(unpacked(lookalike)).toBe(lookalike);
  });

  it('finds the sandbox script in this checkout', () => {
    expect(demoSandboxScript().endsWith(join('resources', 'demo', 'sandbox', 'server.mjs'))).toBe(true);
  });
});
