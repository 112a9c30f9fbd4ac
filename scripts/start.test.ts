import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The electron package exports its binary's path, and throws when the binary was never downloaded. */
function electronBinaryInstalled(): boolean {
  try {
    createRequire(import.meta.url)('electron');
    return true;
  } catch {
    return false;
  }
}

const hasElectron = electronBinaryInstalled();
if (hasElectron) console.warn('[start.test] the Electron binary is installed: `npm start` opens the desktop app here.');

describe.skipIf(hasElectron)('`npm start` without the Electron binary', () => {
  let dataDir = '';
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says so in one line, starts serve mode on 127.0.0.1 with a token, and stops with the terminal', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-start-'));
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--demo', '--data-dir', dataDir], {
      cwd: root,
      env: { ...process.env, COCKPIT_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const lines: string[] = [];
    const url = await new Promise<string>((found, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL in 20 s:\n${lines.join('\n')}`)), 20_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{16,}/.exec(line);
        if (match) {
          clearTimeout(timer);
          found(match[0]);
        }
      });
    });
    expect(lines[0]).toMatch(/^Electron binary not installed .* starting serve mode instead/);
    expect(lines.join('\n')).toContain('Demo Shop');

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');

    child.kill('SIGTERM');
    await exited;
    await expect(fetch(url)).rejects.toThrow();
  });
});
