import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

describe('electron/app', () => {
  it("imports 'electron' only in its two entry files, so everything else runs under tests with fakes", () => {
    const importers = readdirSync(here)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .filter((name) =>
        /from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)/.test(readFileSync(join(here, name), 'utf8')),
      );
    expect(importers.sort()).toEqual(['main.ts', 'preload.ts']);
  });

  it('ships every icon the tray and window refer to', () => {
    const icons = readdirSync(join(here, '..', '..', 'resources', 'icons'));
    for (const status of ['up', 'degraded', 'down', 'unknown']) {
      expect(icons).toContain(`tray-${status}.png`);
      expect(icons).toContain(`tray-${status}@2x.png`);
    }
    expect(icons).toEqual(expect.arrayContaining(['trayTemplate.png', 'trayTemplate@2x.png', 'icon.png']));
  });
});
