import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchDirectory, parseLaunchRequest, workspaceArg, workspaceFileArg } from './args';

const scratch = mkdtempSync(join(tmpdir(), 'cockpit-args-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const infra = join(scratch, 'infra');
mkdirSync(join(infra, 'folder.yaml'), { recursive: true }); // a folder named like a workspace file
writeFileSync(join(infra, 'cockpit.yaml'), 'version: 1\n');
writeFileSync(join(infra, 'notes.txt'), 'not a workspace\n');

describe('workspaceArg', () => {
  it('reads --workspace PATH and --workspace=PATH, relative to the given directory', () => {
    expect(workspaceArg(['electron', '.', '--workspace', '/srv/cockpit.yaml'], '/home/me')).toBe('/srv/cockpit.yaml');
    expect(workspaceArg(['app', '--workspace=infra/cockpit.yaml'], '/home/me')).toBe(
      resolve('/home/me', 'infra/cockpit.yaml'),
    );
    expect(workspaceArg(['app', '--workspace', '--inspect'], '/home/me')).toBeUndefined();
    expect(workspaceArg(['app', '--workspace'], '/home/me')).toBeUndefined();
    expect(workspaceArg(['app', '--workspaces', 'x'], '/home/me')).toBeUndefined();
  });
});

describe('launchDirectory', () => {
  it("is npm's INIT_CWD (where `npm start` was typed) when set, else the process's own directory", () => {
    expect(launchDirectory({ INIT_CWD: '/home/me/infra' }, '/opt/cockpit')).toBe('/home/me/infra');
    expect(launchDirectory({}, '/opt/cockpit')).toBe('/opt/cockpit');
    expect(launchDirectory({ INIT_CWD: '' }, '/opt/cockpit')).toBe('/opt/cockpit');
    expect(launchDirectory({ INIT_CWD: 'relative/dir' }, '/opt/cockpit')).toBe('/opt/cockpit');
  });
});

describe('workspaceFileArg (file association launches: app.exe C:\\path\\cockpit.yaml)', () => {
  it('takes an existing .yaml/.yml file passed as a plain argument, resolved against the directory', () => {
    expect(workspaceFileArg(['/opt/cockpit/cockpit-app', join(infra, 'cockpit.yaml')], '/elsewhere')).toBe(
      join(infra, 'cockpit.yaml'),
    );
    expect(workspaceFileArg(['app', 'cockpit.yaml'], infra)).toBe(join(infra, 'cockpit.yaml'));
  });

  it('never takes a switch, a missing file, a folder, another kind of file, or argv[0]', () => {
    expect(workspaceFileArg(['app', '--config=cockpit.yaml'], infra)).toBeUndefined();
    expect(workspaceFileArg(['app', 'missing.yaml'], infra)).toBeUndefined();
    expect(workspaceFileArg(['app', 'folder.yaml'], infra)).toBeUndefined();
    expect(workspaceFileArg(['app', 'notes.txt'], infra)).toBeUndefined();
    expect(workspaceFileArg([join(infra, 'cockpit.yaml')], infra)).toBeUndefined();
  });
});

describe('parseLaunchRequest', () => {
  it('reads the request from a command line Chromium has added switches to', () => {
    const argv = [
      '/usr/lib/electron/electron',
      '--no-sandbox',
      '--allow-file-access-from-files',
      '.',
      '--workspace',
      'x.yaml',
      '--original-process-start-time=123',
    ];
    expect(parseLaunchRequest(argv, '/home/me')).toEqual({ workspace: resolve('/home/me', 'x.yaml'), demo: false });
    expect(parseLaunchRequest([...argv, '--demo'], '/home/me').demo).toBe(true);
  });

  it('prefers --workspace over a plain file argument, and asks for nothing when there is neither', () => {
    expect(parseLaunchRequest(['app', 'cockpit.yaml', '--workspace=/srv/other.yaml'], infra)).toEqual({
      workspace: '/srv/other.yaml',
      demo: false,
    });
    expect(parseLaunchRequest(['app', '--workspace', '--demo', 'cockpit.yaml'], infra)).toEqual({
      workspace: join(infra, 'cockpit.yaml'), // the reordered case: the file argument still names it
      demo: true,
    });
    expect(parseLaunchRequest(['electron', '.', '--inspect=9229'], infra)).toEqual({ workspace: null, demo: false });
  });
});
