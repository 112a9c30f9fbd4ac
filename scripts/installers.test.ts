/**
 * The installers (`npm run dist`, electron-builder.yml): everything about them that can be checked on one Linux
 * machine without Electron's binary or the other platforms. The icons are read back byte by byte; the config goes
 * through electron-builder's own loader, schema validation and icon resolution; the release workflow is held to the
 * README's commands and to the file names electron-builder will write; and on Linux the app is really packaged,
 * with a stand-in for the Electron binary, to see what the installers would contain and that the fuses flip.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  appIconPixels,
  encodeIcns,
  encodeIco,
  encodePng,
  icnsTypes,
  icoSizes,
  linuxSizes,
  pngSize,
} from '../resources/icons/generate-icons.mjs';
import { inCI } from '../test/support/system-tool';

const root = fileURLToPath(new URL('..', import.meta.url));
const fromRoot = (...parts: string[]) => join(root, ...parts);
// electron-builder's own modules (CommonJS), so the checks use its logic rather than a copy of it.
const load = createRequire(import.meta.url);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// ── PNG, ICO and ICNS readers ──────────────────────────────────────────────────────────────────────────────────

/** The RGBA pixels of a PNG as generate-icons.mjs writes it: 8-bit RGBA, no interlace, every row filter 0. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
  const idat: Buffer[] = [];
  let pos = 8;
  let ended = false;
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    if (type === 'IDAT') idat.push(png.subarray(pos + 8, pos + 8 + length));
    if (type === 'IEND') ended = true;
    pos += 12 + length;
  }
  expect(ended, 'PNG ends with IEND').toBe(true);
  expect(pos).toBe(png.length);
  const { width, height } = pngSize(png);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  expect([...png.subarray(24, 29)]).toEqual([8, 6, 0, 0, 0]); // depth 8, RGBA, deflate, filter set 0, no interlace
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  expect(raw.length).toBe((stride + 1) * height);
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (stride + 1)], `row ${y} filter`).toBe(0);
    raw.copy(rgba, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { width, height, rgba };
}

interface IcoEntry {
  width: number;
  height: number;
  colors: number;
  reserved: number;
  planes: number;
  bitCount: number;
  bytes: number;
  offset: number;
  png: Buffer;
}

function readIco(ico: Buffer): IcoEntry[] {
  expect(ico.readUInt16LE(0), 'ICO reserved').toBe(0);
  expect(ico.readUInt16LE(2), 'ICO type (1 = icon)').toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    const bytes = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    return {
      width: ico[at] || 256,
      height: ico[at + 1] || 256,
      colors: ico[at + 2] ?? -1,
      reserved: ico[at + 3] ?? -1,
      planes: ico.readUInt16LE(at + 4),
      bitCount: ico.readUInt16LE(at + 6),
      bytes,
      offset,
      png: ico.subarray(offset, offset + bytes),
    };
  });
}

function readIcns(icns: Buffer): { type: string; length: number; png: Buffer }[] {
  expect(icns.toString('ascii', 0, 4), 'ICNS magic').toBe('icns');
  expect(icns.readUInt32BE(4), 'ICNS total length').toBe(icns.length);
  const entries: { type: string; length: number; png: Buffer }[] = [];
  let pos = 8;
  while (pos < icns.length) {
    const type = icns.toString('ascii', pos, pos + 4);
    const length = icns.readUInt32BE(pos + 4);
    expect(length, `${type} length`).toBeGreaterThan(8);
    expect(pos + length, `${type} fits in the file`).toBeLessThanOrEqual(icns.length);
    entries.push({ type, length, png: icns.subarray(pos + 8, pos + length) });
    pos += length;
  }
  expect(pos, 'entries end exactly at the end of the file').toBe(icns.length);
  return entries;
}

const rendered = new Map<number, Buffer>();
/** The generator's drawing at `size`, rendered once per size. */
function drawn(size: number): Buffer {
  let pixels = rendered.get(size);
  if (!pixels) {
    pixels = appIconPixels(size);
    rendered.set(size, pixels);
  }
  return pixels;
}

/** The committed PNG shows exactly what generate-icons.mjs draws today (pixels, not bytes: zlib builds differ). */
function expectDrawnAppIcon(png: Buffer, size: number, what: string): void {
  const decoded = decodePng(png);
  expect([decoded.width, decoded.height], `${what} size`).toEqual([size, size]);
  expect(decoded.rgba.equals(drawn(size)), `${what} has the generator's pixels (run generate-icons.mjs)`).toBe(true);
}

// ── the icons ──────────────────────────────────────────────────────────────────────────────────────────────────

describe('icons (resources/icons, written by generate-icons.mjs)', () => {
  const icons = (name: string) => readFileSync(fromRoot('resources', 'icons', name));

  it('icon.ico: header, one directory entry per size with its length and offset, the PNGs packed in order', () => {
    const ico = icons('icon.ico');
    const entries = readIco(ico);
    expect(entries.map((e) => e.width)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    let expectedOffset = 6 + 16 * entries.length;
    for (const entry of entries) {
      const what = `${entry.width} px entry`;
      expect(entry.height, what).toBe(entry.width);
      expect([entry.colors, entry.reserved, entry.planes, entry.bitCount], what).toEqual([0, 0, 1, 32]);
      expect(entry.offset, `${what} offset`).toBe(expectedOffset);
      expect(entry.png.subarray(0, 8).equals(PNG_SIGNATURE), `${what} is a PNG`).toBe(true);
      expect(pngSize(entry.png), `${what} PNG size`).toEqual({ width: entry.width, height: entry.width });
      expectDrawnAppIcon(entry.png, entry.width, `icon.ico ${what}`);
      expectedOffset += entry.bytes;
    }
    expect(expectedOffset, 'the last PNG ends at the end of the file').toBe(ico.length);
  });

  it('icon.icns: magic and total length, each entry a PNG-typed block of the size its type means', () => {
    const entries = readIcns(icons('icon.icns'));
    expect(entries.map((e) => e.type)).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
    expect(new Set(entries.map((e) => e.type)).size, 'no type twice').toBe(entries.length);
    const largestPng = decodePng(icons('icon.png'));
    for (const { type, length, png } of entries) {
      const size = icnsTypes[type];
      expect(size, `${type} is a PNG type`).toBeDefined();
      expect(length).toBe(png.length + 8);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${type} is a PNG`).toBe(true);
      expect(pngSize(png), `${type} size`).toEqual({ width: size, height: size });
      if (size !== undefined && size <= 256) expectDrawnAppIcon(png, size, `icon.icns ${type}`);
      if (size === 512) expect(decodePng(png).rgba.equals(largestPng.rgba), 'ic09 is icon.png').toBe(true);
      if (size === 1024) expect(decodePng(png).rgba.length).toBe(1024 * 1024 * 4);
    }
  });

  it('icon.png, icon-256.png and the Linux set show the same drawing at every size', () => {
    expectDrawnAppIcon(icons('icon-256.png'), 256, 'icon-256.png');
    const largest = decodePng(icons('icon.png'));
    expect([largest.width, largest.height]).toEqual([512, 512]);
    const files = readdirSync(fromRoot('resources', 'icons', 'linux')).sort();
    expect(files).toEqual(linuxSizes.map((s) => `${s}x${s}.png`).sort());
    for (const size of linuxSizes) {
      const png = icons(`linux/${size}x${size}.png`);
      if (size <= 256) expectDrawnAppIcon(png, size, `linux/${size}x${size}.png`);
      else expect(decodePng(png).rgba.equals(largest.rgba), `linux/${size}x${size}.png is icon.png`).toBe(true);
    }
  });

  it('the container encoders: 256 px is written as 0 in ICO, and what a container cannot hold is refused', () => {
    const solid = (size: number) => encodePng(size, size, Buffer.alloc(size * size * 4, 0x80));
    const ico = encodeIco([solid(16), solid(256)]);
    expect(ico[6 + 16]).toBe(0);
    expect(readIco(ico).map((e) => [e.width, e.offset])).toEqual([
      [16, 38],
      [256, 38 + solid(16).length],
    ]);
    expect(() => encodeIco([solid(257)])).toThrow(/at most 256/);
    expect(readIcns(encodeIcns([['ic07', solid(128)]])).map((e) => e.type)).toEqual(['ic07']);
    expect(() => encodeIcns([['ic7', solid(128)]])).toThrow(/four ASCII characters/);
    expect(icoSizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });
});

// ── electron-builder.yml ───────────────────────────────────────────────────────────────────────────────────────

interface TargetSpec {
  target: string;
  arch: string[];
}
interface FileAssociation {
  ext: string | string[];
  name?: string;
  role?: string;
  rank?: string;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  artifactName: string;
  directories: { output: string; buildResources: string };
  files: (string | { filter?: string[] })[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  fileAssociations?: FileAssociation[];
  extraMetadata: { desktopName: string };
  mac: {
    icon: string;
    target: TargetSpec[];
    entitlements: string;
    entitlementsInherit: string;
    fileAssociations?: FileAssociation[];
  };
  win: { icon: string; target: TargetSpec[]; fileAssociations?: FileAssociation[] };
  nsis: { oneClick: boolean; perMachine: boolean; createStartMenuShortcut: boolean; include: string };
  linux: {
    icon: string;
    category: string;
    target: TargetSpec[];
    mimeTypes: string[];
    fileAssociations?: FileAssociation[];
    desktop: { entry: Record<string, string> };
  };
  deb: { fpm: string[] };
  [key: string]: unknown;
}

/** The fuses the installers set (issue #8), each in the state the packaged binary must have. */
const wantedFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

const configModule = load('app-builder-lib/out/util/config/config.js') as {
  getConfig: (projectDir: string, configPath: string | null, fromOptions: unknown) => Promise<BuilderConfig>;
  validateConfiguration: (config: unknown, debugLogger: { isEnabled: boolean }) => Promise<void>;
};
const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as {
  name: string;
  version: string;
  productName: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** What electron-builder itself loads from the project (electron-builder.yml, merged as it merges). */
let config: BuilderConfig;
beforeAll(async () => {
  config = await configModule.getConfig(root, null, null);
});

const matchesAny = (path: string, patterns: readonly string[]) => patterns.some((p) => posix.matchesGlob(path, p));
/** electron-builder's loader turns `files` into file sets ({ filter: [...] }); the patterns, either way. */
const patternsOf = (sets: readonly (string | { filter?: string[] })[]) =>
  sets.flatMap((set) => (typeof set === 'string' ? [set] : (set.filter ?? [])));

/** Files in the repository under a folder, as posix paths from the root. */
function filesUnder(dir: string): string[] {
  return readdirSync(fromRoot(dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation, which does reject an unknown key', async () => {
    await expect(configModule.validateConfiguration(structuredClone(config), { isEnabled: false })).resolves.toBe(
      undefined,
    );
    const misspelt = { ...structuredClone(config), nsis: { ...config.nsis, perMachin: false } };
    await expect(configModule.validateConfiguration(misspelt, { isEnabled: false })).rejects.toThrow(
      /configuration\.nsis/,
    );
  });

  it('uses the AppUserModelId the app sets as appId, and the productName of package.json', () => {
    const appSources = readdirSync(fromRoot('electron', 'app'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(fromRoot('electron', 'app', f), 'utf8'))
      .join('\n');
    expect(appSources, 'electron/app sets an AppUserModelId').toMatch(/setAppUserModelId\(/);
    const literalIds = [...appSources.matchAll(/setAppUserModelId\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) => m[2]);
    if (literalIds.length > 0) for (const id of literalIds) expect(id).toBe(config.appId);
    else expect(appSources, 'the id (from a constant) is spelled in electron/app').toContain(`'${config.appId}'`);
    expect(config.productName).toBe('Reliability Cockpit');
    expect(config.productName).toBe(pkg.productName);
  });

  it('ships what the app loads at run time, unpacks what other processes read, and leaves the rest out', () => {
    const runtime = [
      'package.json',
      'out/main/index.js',
      'out/main/chunks/x.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index.js',
      ...filesUnder('resources/demo'),
      ...['icon.png', 'trayTemplate.png', 'trayTemplate@2x.png', 'tray-up.png', 'tray-down@2x.png'].map(
        (f) => `resources/icons/${f}`,
      ),
    ];
    const files = patternsOf(config.files);
    for (const path of runtime) expect(matchesAny(path, files), `${path} is shipped`).toBe(true);
    const notShipped = [
      'bin/cockpit.js',
      'electron/app/main.ts',
      'renderer/index.html',
      'shared/api.ts',
      'scripts/start.mjs',
      'resources/icons/generate-icons.mjs',
      'resources/icons/icon.icns',
      'resources/icons/icon.ico',
      'resources/icons/linux/16x16.png',
      'build/installer.nsh',
    ];
    for (const path of notShipped) expect(matchesAny(path, files), `${path} is not shipped`).toBe(false);

    const unpacked = [
      ...filesUnder('resources/demo'),
      'resources/icons/tray-up.png',
      'resources/icons/trayTemplate.png',
    ];
    for (const path of unpacked) expect(matchesAny(path, config.asarUnpack), `${path} is unpacked`).toBe(true);
    for (const path of ['out/main/index.js', 'resources/icons/icon.png', 'package.json']) {
      expect(matchesAny(path, config.asarUnpack), `${path} stays in app.asar`).toBe(false);
    }
  });

  it('flips exactly the fuses asked for', () => {
    expect(config.electronFuses).toEqual({ ...wantedFuses, resetAdHocDarwinSignature: true });
  });

  it('builds dmg and zip per Mac architecture, a per-user NSIS installer, an AppImage and a deb', () => {
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, createStartMenuShortcut: true });
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(config.directories.output).toBe('dist');
  });

  it('gives the Linux desktop entry its categories, and the windows the same name (desktopName)', () => {
    expect(config.linux.category).toBe('Development;Utility');
    expect(config.extraMetadata.desktopName).toBe(`${pkg.name}.desktop`);
    expect(config.linux.desktop.entry).not.toHaveProperty('Exec'); // electron-builder refuses it
  });

  it('uses the committed icons as they are: electron-builder resolves them without its conversion tool', async () => {
    const { convertIcon } = load('app-builder-lib/out/util/iconConverter.js') as {
      convertIcon: (options: {
        sources: string[];
        fallbackSources: string[];
        roots: string[];
        format: 'ico' | 'icns' | 'set';
        outDir: string;
      }) => Promise<{ icons: { file: string; size: number }[]; isFallback: boolean }>;
    };
    const outDir = mkdtempSync(join(tmpdir(), 'cockpit-icons-'));
    try {
      const resolve = (source: string, format: 'ico' | 'icns' | 'set') =>
        convertIcon({ sources: [source], fallbackSources: [], roots: [fromRoot('build'), root], format, outDir });
      expect(await resolve(config.win.icon, 'ico')).toEqual({
        icons: [{ file: fromRoot('resources', 'icons', 'icon.ico'), size: 256 }],
        isFallback: false,
      });
      expect(await resolve(config.mac.icon, 'icns')).toEqual({
        icons: [{ file: fromRoot('resources', 'icons', 'icon.icns'), size: 0 }],
        isFallback: false,
      });
      const set = await resolve(config.linux.icon, 'set');
      expect(set.isFallback).toBe(false);
      expect(set.icons.map((icon) => icon.size)).toEqual(linuxSizes);
      expect(readdirSync(outDir), 'nothing had to be converted').toEqual([]);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  describe('the workspace file association', () => {
    it('never makes the app the default for .yaml on Windows: no fileAssociations outside macOS', () => {
      expect(config.fileAssociations).toBeUndefined();
      expect(config.win.fileAssociations).toBeUndefined();
      expect(config.linux.fileAssociations).toBeUndefined();
    });

    it('macOS: offered for .yaml and .yml files as an Editor, ranked Alternate', () => {
      expect(config.mac.fileAssociations).toEqual([
        { ext: ['yaml', 'yml'], name: 'YAML document', role: 'Editor', rank: 'Alternate' },
      ]);
    });

    it('Linux: a MIME type for cockpit.yaml and *.cockpit.yaml, installed by the deb and named by the desktop entry', () => {
      const [mapping] = config.deb.fpm;
      const [source, target] = (mapping ?? '').split('=');
      expect(target).toMatch(/^\/usr\/share\/mime\/packages\/[\w.-]+\.xml$/);
      const xml = readFileSync(fromRoot(source ?? ''), 'utf8');
      const type = /<mime-type type="([^"]+)">/.exec(xml)?.[1];
      expect(config.linux.mimeTypes).toEqual([type]);
      const globs = [...xml.matchAll(/<glob pattern="([^"]+)"/g)].map((m) => m[1]);
      expect(globs).toEqual(['cockpit.yaml', '*.cockpit.yaml']);
      expect(xml).toContain('<sub-class-of type="application/yaml"/>');
    });

    it('Windows: build/installer.nsh adds an "Open with" entry for YAML per user, and removes it on uninstall', () => {
      expect(config.nsis.include).toBe('build/installer.nsh');
      const nsh = readFileSync(fromRoot(config.nsis.include), 'utf8');
      const macro = (name: string) => new RegExp(`!macro ${name}\\n([\\s\\S]*?)!macroend`).exec(nsh)?.[1] ?? '';
      const install = macro('customInstall');
      const uninstall = macro('customUnInstall');
      expect(/!define COCKPIT_PROGID "([^"]+)"/.exec(nsh)?.[1]).toBe('ReliabilityCockpit.Workspace');
      const progIdKey = 'SHELL_CONTEXT "Software\\Classes\\${COCKPIT_PROGID}';
      expect(install).toContain(`WriteRegStr ${progIdKey}\\shell\\open\\command" "" '"$appExe" "%1"'`);
      expect(uninstall).toContain(`DeleteRegKey ${progIdKey}"`);
      for (const ext of ['yaml', 'yml']) {
        const openWith = `SHELL_CONTEXT "Software\\Classes\\.${ext}\\OpenWithProgids" "\${COCKPIT_PROGID}"`;
        expect(install).toContain(`WriteRegNone ${openWith}`);
        expect(uninstall).toContain(`DeleteRegValue ${openWith}`);
        // The default app for .yaml is the value of Software\Classes\.yaml itself: never written.
        expect(nsh).not.toContain(`"Software\\Classes\\.${ext}" `);
      }
      // Registry writes go to SHELL_CONTEXT only, which is HKEY_CURRENT_USER for a per-user install.
      expect(nsh).not.toMatch(/Reg\w* (HKLM|HKCU|HKCR|HKEY_)/);
    });
  });

  it('signs (when configured) with the hardened runtime and only the JIT entitlement', () => {
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const plist = readFileSync(fromRoot(config.mac.entitlements), 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });
});

// ── the release workflow ───────────────────────────────────────────────────────────────────────────────────────

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { matrix: { os: string[] } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { push?: { tags?: string[] }; workflow_dispatch?: unknown };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(fromRoot('.github', 'workflows', 'release.yml'), 'utf8')) as Workflow;
/** `runner.os` of a hosted runner label: macos-latest → macOS, windows-latest → Windows, ubuntu-24.04 → Linux. */
const runnerOses: Record<string, string> = { macos: 'macOS', windows: 'Windows', ubuntu: 'Linux' };
const runnerOs = (label: string) => runnerOses[label.split('-')[0] ?? ''] ?? `unknown runner ${label}`;

/** Whether a step runs on a runner OS, for the conditions this workflow uses. */
function runsOn(step: Step, os: string): boolean {
  if (step.if === undefined) return true;
  const condition = /^runner\.os (==|!=) '(\w+)'$/.exec(step.if);
  if (!condition) throw new Error(`unexpected step condition: ${step.if}`);
  return condition[1] === '==' ? os === condition[2] : os !== condition[2];
}

/**
 * Why a `run:` is not one of the commands the README and package.json give, or null when it is: `npm ci`, npm
 * scripts, `npx playwright test`, under `xvfb-run -a` on Linux; plus, on Linux only, the runner's own setup
 * (`sudo apt-get`, `sudo sysctl`), which no npm script could do.
 */
function notAllowed(command: string, linuxOnly: boolean): string | null {
  for (const part of command.split('&&').map((p) => p.trim())) {
    const xvfb = /^xvfb-run -a (.+)$/.exec(part);
    if (xvfb) {
      if (!linuxOnly) return `${part}: xvfb-run exists only on Linux`;
      const inner = notAllowed(xvfb[1] ?? '', linuxOnly);
      if (inner) return inner;
      continue;
    }
    if (/^sudo (apt-get|sysctl) /.test(part)) {
      if (!linuxOnly) return `${part}: runner setup belongs to a Linux-only step`;
      continue;
    }
    if (part === 'npm ci' || part === 'npm test' || /^npx playwright test( |$)/.test(part)) continue;
    const script = /^npm run ([\w:-]+)$/.exec(part)?.[1];
    if (script !== undefined) {
      if (!(script in pkg.scripts)) return `${part}: package.json has no "${script}" script`;
      continue;
    }
    return `${part}: not an npm ci / npm script / npx playwright command`;
  }
  return null;
}

/** Every installer electron-builder.yml makes, named as electron-builder names it (its own macro expansion). */
function artifactNames(): string[] {
  const { expandMacro } = load('app-builder-lib/out/util/macroExpander.js') as {
    expandMacro: (pattern: string, arch: string | null, appInfo: object, extra: object) => string;
  };
  const { getArtifactArchName, Arch } = load('builder-util') as {
    getArtifactArchName: (arch: number, ext: string) => string;
    Arch: Record<string, number>;
  };
  const appInfo = { name: pkg.name, version: pkg.version, productName: pkg.productName };
  const extOf: Record<string, string> = { dmg: 'dmg', zip: 'zip', nsis: 'exe', AppImage: 'AppImage', deb: 'deb' };
  const platforms = { mac: config.mac, win: config.win, linux: config.linux } as const;
  const names: string[] = [];
  for (const [os, platform] of Object.entries(platforms)) {
    for (const { target, arch } of platform.target) {
      const ext = extOf[target];
      if (!ext) throw new Error(`no file extension known for target ${target}`);
      const targetOptions = config[target === 'AppImage' ? 'appImage' : target] as
        { artifactName?: string } | undefined;
      const pattern = targetOptions?.artifactName ?? (platform as { artifactName?: string }).artifactName;
      for (const a of arch) {
        const archName = getArtifactArchName(Arch[a] ?? -1, ext);
        names.push(expandMacro(pattern ?? config.artifactName, archName, appInfo, { os, ext }));
      }
    }
  }
  return names;
}

describe('.github/workflows/release.yml', () => {
  const build = workflow.jobs.installers;
  const release = workflow.jobs.release;
  const stepsOn = (os: string) => (build?.steps ?? []).filter((step) => runsOn(step, os));
  const oses = (build?.strategy?.matrix.os ?? []).map(runnerOs);

  it('runs on a pushed v* tag and by hand, on macOS, Windows and Linux runners', () => {
    expect(workflow.on.push?.tags).toEqual(['v*']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(build?.['runs-on']).toBe('${{ matrix.os }}');
    expect([...oses].sort()).toEqual(['Linux', 'Windows', 'macOS']);
  });

  it('runs only npm ci, package.json scripts and Playwright (plus Linux runner setup)', () => {
    for (const step of build?.steps ?? []) {
      if (step.run === undefined) continue;
      const linuxOnly = step.if === "runner.os == 'Linux'";
      expect(notAllowed(step.run, linuxOnly), step.name ?? step.run).toBeNull();
    }
    expect(pkg.scripts.dist, 'package.json has the "dist" script').toMatch(/electron-builder/);
    expect(pkg.scripts.dist).toMatch(/--publish never/);
  });

  it('installs with the real Electron binary: ELECTRON_SKIP_BINARY_DOWNLOAD is set nowhere', () => {
    const envs = [workflow.env, build?.env, ...(build?.steps ?? []).map((s) => s.env)];
    for (const env of envs) expect(Object.keys(env ?? {})).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });

  it('on every OS: checkout, Node from .nvmrc, npm ci, (npm test on Linux), dist, the Electron e2e, upload', () => {
    expect(readFileSync(fromRoot('.nvmrc'), 'utf8').trim()).toBe('24');
    for (const os of oses) {
      const steps = stepsOn(os).map((step) => step.uses?.replace(/@.*/, '') ?? step.run ?? '?');
      const core = steps.filter((s) => !s.startsWith('sudo '));
      const e2e =
        os === 'Linux'
          ? 'xvfb-run -a npx playwright test --project electron'
          : 'npx playwright test --project electron';
      expect(core, os).toEqual([
        'actions/checkout',
        'actions/setup-node',
        'npm ci',
        ...(os === 'Linux' ? ['xvfb-run -a npm test'] : []),
        'npm run dist',
        e2e,
        'actions/upload-artifact',
      ]);
    }
    const setupNode = build?.steps.find((s) => s.uses?.startsWith('actions/setup-node'));
    expect(setupNode?.with?.['node-version-file']).toBe('.nvmrc');
  });

  it('uploads exactly the installers electron-builder names, and attaches the same files to the release', () => {
    const upload = build?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    const patterns = String(upload?.with?.path ?? '')
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    const files = artifactNames().map((name) => `${config.directories.output}/${name}`);
    const stem = `dist/reliability-cockpit-${pkg.version}`;
    expect(files.sort()).toEqual([
      `${stem}-linux-amd64.deb`,
      `${stem}-linux-x86_64.AppImage`,
      `${stem}-mac-arm64.dmg`,
      `${stem}-mac-arm64.zip`,
      `${stem}-mac-x64.dmg`,
      `${stem}-mac-x64.zip`,
      `${stem}-win-x64.exe`,
    ]);
    for (const file of files) {
      expect(matchesAny(file, patterns), `${file} is uploaded`).toBe(true);
      expect(file, 'GitHub keeps the name as it is').toMatch(/^[\w./-]+$/);
    }
    for (const pattern of patterns) {
      expect(
        files.some((f) => posix.matchesGlob(f, pattern)),
        `${pattern} matches an installer`,
      ).toBe(true);
    }

    expect(release?.needs).toBe('installers');
    expect(release?.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release?.permissions).toEqual({ contents: 'write' });
    const publish = release?.steps.find((s) => s.uses?.startsWith('softprops/action-gh-release'));
    const attached = String(publish?.with?.files ?? '')
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    expect(attached).toEqual(patterns);
  });
});

// ── packaging for real, with a stand-in Electron ───────────────────────────────────────────────────────────────

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's fuse order (@electron/fuses FuseV1Options) and the state an unmodified Electron ships with. */
const electronDefaultFuses = [
  ['runAsNode', true],
  ['enableCookieEncryption', false],
  ['enableNodeOptionsEnvironmentVariable', true],
  ['enableNodeCliInspectArguments', true],
  ['enableEmbeddedAsarIntegrityValidation', false],
  ['onlyLoadAppFromAsar', false],
  ['loadBrowserProcessSpecificV8Snapshot', false],
  ['grantFileProtocolExtraPrivileges', true],
] as const;

const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) =>
  existsSync(fromRoot(f)),
);
const canPackage = process.platform === 'linux' && built;
if (process.platform === 'linux' && !built) {
  const message = 'out/ is not built: `npm run build` first to package the app in installers.test.ts';
  if (inCI) throw new Error(`${message}. CI must not skip tests.`);
  console.warn(`\n*** SKIPPING: ${message} ***\n`);
}

describe.skipIf(!canPackage)('`electron-builder --linux dir` with a stand-in Electron binary', () => {
  let work = '';
  let appDir = '';
  let asarPath = '';
  let files: string[] = [];
  const asar = load('@electron/asar') as {
    listPackage: (archive: string, options: { isPack: boolean }) => string[];
    statFile: (archive: string, file: string) => { unpacked?: boolean; files?: unknown };
    extractFile: (archive: string, file: string) => Buffer;
  };
  const inAsar = (file: string) => asar.extractFile(asarPath, file);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'cockpit-dist-'));
    // An "Electron" that is only a fuse wire at Electron's defaults: enough for electron-builder to copy, rename
    // and flip, never to run. No download, no native rebuild (that needs Electron's headers).
    const electronDist = join(work, 'electron');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    mkdirSync(join(electronDist, 'locales'));
    const wire = Buffer.from(electronDefaultFuses.map(([, on]) => (on ? '1' : '0')).join(''), 'latin1');
    writeFileSync(
      join(electronDist, 'electron'),
      Buffer.concat([
        Buffer.from('#!/bin/sh\nexit 0\n'),
        Buffer.from(FUSE_SENTINEL),
        Buffer.from([1, wire.length]),
        wire,
      ]),
      { mode: 0o755 },
    );
    writeFileSync(join(electronDist, 'chrome-sandbox'), '');
    const raw = parse(readFileSync(fromRoot('electron-builder.yml'), 'utf8')) as BuilderConfig;
    const configFile = join(work, 'electron-builder.yml');
    writeFileSync(
      configFile,
      stringify({
        ...raw,
        electronDist,
        npmRebuild: false,
        directories: { ...raw.directories, output: join(work, 'dist') },
      }),
    );
    const cli = load.resolve('electron-builder/cli.js');
    const args = [cli, '--linux', 'dir', '--x64', '--publish', 'never', '--config', configFile];
    await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`electron-builder failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
      },
    );
    appDir = join(work, 'dist', 'linux-unpacked');
    asarPath = join(appDir, 'resources', 'app.asar');
    files = asar.listPackage(asarPath, { isPack: false }).map((f) => f.split(sep).join('/').replace(/^\//, ''));
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('sets every fuse in the packaged binary to its wanted state, from Electron’s defaults', async () => {
    const { getCurrentFuseWire } = load('@electron/fuses') as {
      getCurrentFuseWire: (path: string) => Promise<Record<string, number | string>>;
    };
    const current = await getCurrentFuseWire(join(appDir, pkg.name));
    const flipped = Object.fromEntries(
      electronDefaultFuses.map(([name], i) => [name, current[i] === '1'.charCodeAt(0)]),
    );
    expect(flipped).toEqual(wantedFuses);
  });

  it('app.asar holds out/, the demo, the runtime icons and package.json (with desktopName), nothing else of ours', () => {
    const topLevel = new Set(files.map((f) => f.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json', 'resources']);
    for (const file of filesUnder('out')) expect(files, file).toContain(file);
    for (const file of filesUnder('resources/demo')) expect(files, file).toContain(file);
    const icons = files.filter((f) => f.startsWith('resources/icons/'));
    expect(
      icons.every((f) => /^resources\/icons\/[\w@-]+\.png$/.test(f)),
      icons.join(' '),
    ).toBe(true);
    expect(icons).toContain('resources/icons/icon.png');
    const packaged = JSON.parse(inAsar('package.json').toString('utf8')) as { main: string; desktopName: string };
    expect(packaged.main).toBe('out/main/index.js');
    expect(packaged.desktopName).toBe(config.extraMetadata.desktopName);
  });

  it('unpacks the demo and the tray images next to app.asar, byte for byte', () => {
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked');
    const wanted = [
      ...filesUnder('resources/demo'),
      ...filesUnder('resources/icons').filter((f) => /\/tray[^/]*\.png$/.test(f)),
    ];
    for (const file of wanted) {
      expect(asar.statFile(asarPath, file).unpacked, `${file} marked unpacked`).toBe(true);
      expect(readFileSync(join(unpacked, file)).equals(readFileSync(fromRoot(file))), file).toBe(true);
    }
    expect(asar.statFile(asarPath, 'out/main/index.js').unpacked).toBeFalsy();
  });

  it('brings every package the main process imports, with its whole production dependency tree, and no dev tools', () => {
    const packages = new Set(
      files.flatMap((f) => {
        const match = /^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(
          f,
        );
        return match?.[1] ? [match[1]] : [];
      }),
    );
    const installed = (name: string, from: string) => {
      // Node's lookup: node_modules next to the requiring package, then each folder above it.
      for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
        const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
        if (packages.has(candidate)) return true;
        if (!dir) return false;
      }
    };
    // The bundles' own import statements (whole lines), dynamic imports and requires: never text inside strings.
    const importPatterns = [
      /^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["'];?$/gm,
      /\bimport\(\s*["']([^"']+)["']\s*\)/g,
      /\brequire\(\s*["']([^"']+)["']\s*\)/g,
    ];
    const imports = new Set(
      filesUnder('out/main').flatMap((f) => {
        const code = readFileSync(fromRoot(f), 'utf8');
        return importPatterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1] ?? ''));
      }),
    );
    const bare = [...imports].filter(
      (name) => /^(@[\w-][\w.-]*\/)?[\w-][\w.-]*(\/.*)?$/.test(name) && !isBuiltin(name) && name !== 'electron',
    );
    expect(bare.length).toBeGreaterThan(0);
    for (const name of bare) {
      const packageName = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? name);
      expect(installed(packageName, ''), `${packageName} (imported by out/main) is packaged`).toBe(true);
    }
    for (const dir of packages) {
      const manifest = JSON.parse(inAsar(`${dir}/package.json`).toString('utf8')) as {
        dependencies?: Record<string, string>;
        optionalDependencies?: Record<string, string>;
      };
      const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
      for (const dep of Object.keys(manifest.dependencies ?? {}).filter((d) => !optional.has(d))) {
        expect(installed(dep, dir), `${dep} (needed by ${dir}) is packaged`).toBe(true);
      }
    }
    for (const name of Object.keys(pkg.dependencies)) expect(installed(name, ''), name).toBe(true);
    for (const name of Object.keys(pkg.devDependencies)) {
      expect(packages.has(`node_modules/${name}`), `devDependency ${name} is left out`).toBe(false);
    }
  });

  it('unpacks native addons, which cannot be loaded from inside app.asar', () => {
    const addons = files.filter((f) => f.endsWith('.node'));
    for (const addon of addons) expect(asar.statFile(asarPath, addon).unpacked, addon).toBe(true);
  });
});
