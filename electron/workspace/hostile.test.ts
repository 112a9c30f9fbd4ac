import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runValidate } from '../cli/validate';
import { hostileFiles } from './hostile.test-helper';

/** The caps each file must run into: the message says which limit, the place says where. */
const EXPECTED: Record<string, RegExp> = {
  '100k aliases': /too long to be a workspace: more than 120,000 YAML tokens/,
  '300-level merge keys': /aliases expand the file to more than 200,000 values/,
  '100k unknown keys': /too long to be a workspace: more than 120,000 YAML tokens/,
  'one-line 150k-entry mapping': /too long to be a workspace: more than 120,000 YAML tokens/,
  'deep flow nesting': /nested too deeply: more than 64 levels/,
  'deep block nesting': /nested too deeply: more than 64 levels/,
  'deep compact sequences': /nested too deeply: more than 64 levels/,
};

describe('hostile workspace files are judged in bounded time, through `cockpit validate`', () => {
  let dir: string;
  const times: string[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-hostile-'));
  });
  afterAll(() => {
    console.log(`hostile files, judged in: ${times.join(', ')}`);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(hostileFiles().map((f) => [f.name, f] as const))('%s', async (name, { text }) => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, text);
    const out: string[] = [];
    const started = performance.now();
    const code = await runValidate(['--json', file], { stdout: (s) => void out.push(s), stderr: () => undefined });
    const ms = performance.now() - started;
    times.push(`${name} ${Math.round(ms)} ms`);
    const report = JSON.parse(out.join('')) as { issues: { file: string; line: number; message: string }[] };
    expect(code).toBe(1);
    expect(report.issues).toHaveLength(1);
    const [issue] = report.issues;
    expect(issue?.file).toBe(file);
    expect(issue?.line).toBeGreaterThan(1);
    expect(issue?.message).toMatch(EXPECTED[name] ?? /never/);
    // Measured well under 1 s on an idle machine; before the limits each took from 7 s to minutes. The bound is
    // loose so a busy CI machine does not fail it, and still far below what the unbounded parser needed.
    expect(ms).toBeLessThan(5000);
  });

  it('just under the token limit, 20k unknown keys: the first 100 placed, the rest counted', async () => {
    const file = join(dir, 'cockpit.yaml');
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n');
    writeFileSync(file, `version: 1\nname: Many\nenvironments: { prod: {} }\n${keys}\n`);
    const out: string[] = [];
    const started = performance.now();
    expect(await runValidate([file], { stdout: (s) => void out.push(s), stderr: () => undefined })).toBe(1);
    times.push(`20k unknown keys ${Math.round(performance.now() - started)} ms`);
    expect(out).toHaveLength(102);
    expect(out[0]).toMatch(new RegExp(`^${file}:4:1  k0  unknown key "k0"`));
    expect(out[99]).toMatch(new RegExp(`^${file}:103:1  k99  unknown key "k99"`));
    expect(out[100]).toBe(
      `${file}:103:1  19,900 more problems not listed (only the first 100 are) Fix these first: the rest are often the same mistake repeated.`,
    );
    expect(out[101]).toBe(`✗ ${file}: 20000 problems found`);
  });
});
