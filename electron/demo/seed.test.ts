import { mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWorkspaceText } from '../workspace/parse';
import { dirLinkType, seedDemoHosts } from './seed';

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
