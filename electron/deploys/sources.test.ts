import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CockpitError } from '../../shared/rpc';
import { deploySchema } from '../../shared/workspace';
import { checkNamedUploads, collectReleasePayload, requireDeclaredRelease, uploadFrom } from './sources';

const root = mkdtempSync(join(tmpdir(), 'cockpit-sources-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'build', 'dist', 'assets'), { recursive: true });
mkdirSync(join(root, 'build', '.git'), { recursive: true });
writeFileSync(join(root, 'build', 'dist', 'index.js'), 'console.log(1)');
writeFileSync(join(root, 'build', 'dist', 'assets', 'app.css'), 'body{}');
writeFileSync(join(root, 'build', 'package.json'), '{}');
writeFileSync(join(root, 'build', '.git', 'HEAD'), 'ref');
writeFileSync(join(root, 'app.tar.gz'), 'not really gzip');

const config = (upload?: string[]) => {
  const parsed = deploySchema.parse({
    strategy: 'releases',
    path: '/srv/x',
    ...(upload ? { build: { dir: 'build', upload } } : {}),
  });
  if (parsed.strategy !== 'releases') throw new Error('unreachable');
  return parsed;
};

describe('release payloads', () => {
  it('lists the files named in build.upload, walking directories, with their modes', async () => {
    const payload = await collectReleasePayload({
      workspaceDir: root,
      config: config(['dist', 'package.json']),
      source: {},
    });
    expect(payload.kind).toBe('files');
    expect(payload.files.map((f) => f.relative)).toEqual(['dist/assets/app.css', 'dist/index.js', 'package.json']);
    expect(payload.dirs).toEqual(['dist', 'dist/assets']);
    expect(payload.totalBytes).toBe(14 + 6 + 2);
  });

  it('ships a whole directory without version-control folders when nothing is listed', async () => {
    const payload = await collectReleasePayload({ workspaceDir: root, config: config(), source: { dir: 'build' } });
    expect(payload.files.map((f) => f.relative)).not.toContain('.git/HEAD');
    expect(payload.files).toHaveLength(3);
  });

  it('names the same content with the same hash, and different content differently', async () => {
    const a = await collectReleasePayload({ workspaceDir: root, config: config(['dist']), source: {} });
    const b = await collectReleasePayload({ workspaceDir: root, config: config(['dist']), source: {} });
    expect(a.contentHash).toMatch(/^[0-9a-f]{7}$/);
    expect(a.contentHash).toBe(b.contentHash);
    writeFileSync(join(root, 'build', 'dist', 'index.js'), 'console.log(2)');
    const c = await collectReleasePayload({ workspaceDir: root, config: config(['dist']), source: {} });
    expect(c.contentHash).not.toBe(a.contentHash);
  });

  it('takes an artifact as one file to unpack', async () => {
    const payload = await collectReleasePayload({
      workspaceDir: root,
      config: config(),
      source: { artifact: 'app.tar.gz' },
    });
    expect(payload).toMatchObject({ kind: 'artifact', artifact: join(root, 'app.tar.gz') });
    expect(payload.files.map((f) => f.relative)).toEqual(['.cockpit-artifact.tar.gz']);
  });

  it('says what is missing, and refuses paths outside the build directory', async () => {
    await expect(
      collectReleasePayload({ workspaceDir: root, config: config(['missing']), source: {} }),
    ).rejects.toThrow(/build.upload lists "missing".*did the build run/);
    await expect(
      collectReleasePayload({ workspaceDir: root, config: config(['../app.tar.gz']), source: {} }),
    ).rejects.toThrow(/outside the build directory/);
    await expect(
      collectReleasePayload({ workspaceDir: root, config: config(), source: { artifact: 'nope.tgz' } }),
    ).rejects.toThrow(/does not exist/);
  });
});

describe('what a release may contain', () => {
  const ws = join(root, 'workspace');
  mkdirSync(join(ws, 'dist', 'config'), { recursive: true });
  mkdirSync(join(ws, 'dist', '.git'), { recursive: true });
  mkdirSync(join(ws, 'data'), { recursive: true });
  writeFileSync(join(ws, 'cockpit.yaml'), 'version: 1\n');
  writeFileSync(join(ws, 'id_ed25519'), 'not shown');
  writeFileSync(join(ws, '.env'), 'SECRET=1');
  writeFileSync(join(ws, 'data', 'journal.db'), '');
  writeFileSync(join(ws, 'dist', 'index.js'), 'ok');
  writeFileSync(join(ws, 'dist', '.git', 'HEAD'), 'ref');
  writeFileSync(join(ws, 'dist', 'config', 'id_rsa'), 'key');
  writeFileSync(join(ws, 'dist', 'config', '.env'), 'A=1');
  writeFileSync(join(ws, 'dist', 'config', 'creds.txt'), '-----BEGIN PRIVATE KEY-----\nMIIE\n');

  const releases = (extra: Record<string, unknown> = {}) => {
    const parsed = deploySchema.parse({ strategy: 'releases', path: '/srv/x', ...extra });
    if (parsed.strategy !== 'releases') throw new Error('unreachable');
    return parsed;
  };
  const message = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CockpitError);
    return (error as CockpitError).message;
  };

  it('refuses a deploy that declares nothing, saying what to add, instead of shipping the workspace folder', async () => {
    const text = await message(
      collectReleasePayload({ workspaceDir: ws, config: releases(), source: {}, service: 'api' }),
    );
    expect(text).toMatch(/^Nothing says what a release of api contains, so nothing was uploaded\./);
    expect(text).toContain('build: { dir: dist, upload: [.] }');
    expect(text).toContain('artifacts: releases/');
    expect(text).toContain('--source DIR');
    expect(() => requireDeclaredRelease('api', releases({ artifacts: 'releases' }), { ref: 'v9' })).toThrow(
      /"v9" is not a release in its artifacts folder \(releases\)/,
    );
    expect(() => requireDeclaredRelease('api', releases(), { dir: 'dist' })).not.toThrow();
    expect(() => requireDeclaredRelease('api', releases({ build: { upload: ['dist'] } }), {})).not.toThrow();
  });

  it('leaves keys, version control, stray .env files and the data folder out of a walked folder, and says so', async () => {
    const payload = await collectReleasePayload({ workspaceDir: ws, config: releases(), source: { dir: '.' } });
    expect(payload.files.map((f) => f.relative)).toEqual(['cockpit.yaml', 'dist/index.js']);
    expect(payload.excluded).toEqual([
      { path: '.env', why: 'not under shared:' },
      { path: 'data/', why: "the cockpit's data folder" },
      { path: 'dist/.git/', why: 'version control' },
      { path: 'dist/config/.env', why: 'not under shared:' },
      { path: 'dist/config/creds.txt', why: 'private key' },
      { path: 'dist/config/id_rsa', why: 'private key' },
      { path: 'id_ed25519', why: 'private key' },
    ]);
  });

  it('ships an .env file that shared: lists', async () => {
    const payload = await collectReleasePayload({
      workspaceDir: ws,
      config: releases({ build: { dir: 'dist', upload: ['.'] }, shared: ['config/.env'] }),
      source: {},
    });
    expect(payload.files.map((f) => f.relative)).toEqual(['config/.env', 'index.js']);
  });

  it('refuses a denied file or folder named in build.upload, saying why, before and after a build', async () => {
    const named = releases({ build: { upload: ['id_ed25519', 'dist'] } });
    expect(() => checkNamedUploads(named)).toThrow(
      'build.upload lists "id_ed25519", which is a private key; releases never carry keys — keep it out of build.upload.',
    );
    expect(() => checkNamedUploads(releases({ build: { upload: ['dist/.git/HEAD'] } }))).toThrow(/version control/);
    expect(() => checkNamedUploads(releases({ build: { upload: ['.env'] } }))).toThrow(/under shared:/);
    expect(() => checkNamedUploads(releases({ build: { upload: ['.env'] }, shared: ['.env'] }))).not.toThrow();
    expect(await message(collectReleasePayload({ workspaceDir: ws, config: named, source: {} }))).toMatch(
      /id_ed25519", which is a private key/,
    );
    // Only its content gives this one away.
    const sniffed = releases({ build: { upload: ['dist/config/creds.txt'] } });
    expect(() => checkNamedUploads(sniffed)).not.toThrow();
    expect(await message(collectReleasePayload({ workspaceDir: ws, config: sniffed, source: {} }))).toMatch(
      /creds\.txt", which is a private key/,
    );
    expect(
      await message(
        collectReleasePayload({ workspaceDir: ws, config: releases({ build: { upload: ['data'] } }), source: {} }),
      ),
    ).toMatch(/data", which is the cockpit's data folder/);
    expect(
      await message(collectReleasePayload({ workspaceDir: ws, config: releases(), source: { dir: 'data' } })),
    ).toMatch(/The folder to deploy is .*data, which is the cockpit's data folder/);
  });

  it('says where the upload comes from, relative to the workspace file', () => {
    expect(uploadFrom(ws, releases({ build: { upload: ['dist'] } }), {})).toBe('dist/');
    expect(uploadFrom(ws, releases({ build: { dir: 'dist', upload: ['index.js', 'config'] } }), {})).toBe(
      'dist/index.js, dist/config/',
    );
    expect(uploadFrom(ws, releases(), { dir: 'dist' })).toBe('dist/');
    expect(uploadFrom(ws, releases(), { dir: root })).toBe(`${root}/`);
  });
});
