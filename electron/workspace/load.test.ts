import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_WORKSPACE_BYTES, loadWorkspaceFile } from './load';

describe('loadWorkspaceFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a valid file and names it in issues of a broken one', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'version: 1\nname: Tiny\nenvironments: { prod: {} }\n');
    expect((await loadWorkspaceFile(file)).workspace?.name).toBe('Tiny');
    writeFileSync(file, 'version: 1\nname: Tiny\nenvironments: { prod: { hots: [] } }\n');
    const result = await loadWorkspaceFile(file);
    expect(result.workspace).toBeNull();
    expect(result.issues).toEqual([
      expect.objectContaining({
        file,
        line: 3,
        column: 25,
        path: 'environments.prod.hots',
        message: 'unknown key "hots" — did you mean "hosts"?',
      }),
    ]);
  });

  it('a missing file', async () => {
    const file = join(dir, 'missing.yaml');
    expect((await loadWorkspaceFile(file)).issues).toEqual([
      { file, line: 1, column: 1, path: '', message: 'file not found', expected: 'the path of a cockpit.yaml file' },
    ]);
  });

  it('a directory, with a hint when it holds a cockpit.yaml', async () => {
    const [bare] = (await loadWorkspaceFile(dir)).issues;
    expect(bare).toMatchObject({ line: 1, column: 1, message: 'this is a directory, not a workspace file' });
    expect(bare?.hint).toBeUndefined();
    mkdirSync(join(dir, 'infra'));
    writeFileSync(join(dir, 'infra', 'cockpit.yaml'), 'version: 1\n');
    const [withFile] = (await loadWorkspaceFile(join(dir, 'infra'))).issues;
    expect(withFile?.hint).toBe(`Open ${join(dir, 'infra', 'cockpit.yaml')} instead.`);
  });

  it('an empty file', async () => {
    const file = join(dir, 'empty.yaml');
    writeFileSync(file, '');
    expect((await loadWorkspaceFile(file)).issues).toEqual([
      expect.objectContaining({ line: 1, column: 1, message: 'the file is empty' }),
    ]);
  });

  it('a file far too large to be a workspace', async () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, Buffer.alloc(MAX_WORKSPACE_BYTES + 1, 0x23));
    const [issue] = (await loadWorkspaceFile(file)).issues;
    expect(issue).toMatchObject({ line: 1, column: 1 });
    expect(issue?.message).toMatch(/^the file is 2048 KiB; a workspace file is at most 2048 KiB/);
  });
});
