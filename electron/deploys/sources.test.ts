import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deploySchema } from '../../shared/workspace';
import { collectReleasePayload } from './sources';

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
