import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runValidate } from './validate';

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
}

const ACME = `version: 1
name: Acme Shop
environments:
  staging: { hosts: [stg-1] }
  production: { hosts: [web-1], protected: true }
hosts:
  stg-1: { ssh: deploy@stg-1 }
  web-1: { ssh: web-1 }
services:
  api: {}
  web: {}
  worker: {}
`;

describe('cockpit validate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-validate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a valid file: exit 0 and one line saying what it holds', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, ACME);
    const { io, out, err } = recorder();
    expect(await runValidate([file], io)).toBe(0);
    expect(out).toEqual([`✓ ${file} is valid: Acme Shop — 2 environments, 3 services`]);
    expect(err).toEqual([]);
  });

  it('the demo workspace is valid', async () => {
    const demo = fileURLToPath(new URL('../../resources/demo/cockpit.yaml', import.meta.url));
    const { io, out } = recorder();
    expect(await runValidate([demo], io)).toBe(0);
    expect(out[0]).toMatch(/is valid: Demo Shop — 2 environments, 4 services$/);
  });

  it('an invalid file: exit 1, each issue like a compiler, and a summary', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, ACME.replace('[web-1]', '[web-9]').replace('name: Acme Shop', 'nmae: Acme Shop'));
    const { io, out } = recorder();
    expect(await runValidate([file], io)).toBe(1);
    expect(out).toEqual([
      `${file}:1:1  name  missing required field "name" (expected text)`,
      `${file}:2:1  nmae  unknown key "nmae" — did you mean "name"? (expected one of: version, name, description, environments, hosts, services, cost, alerts, runbooks, readiness)`,
      `✗ ${file}: 2 problems found`,
    ]);
  });

  it('prints where a secret belongs, without the secret', async () => {
    const file = join(dir, 'cockpit.yaml');
    const url = 'https://hooks.slack.com/services/T0/B0/abcdefghijklmnop';
    writeFileSync(file, `${ACME}alerts:\n  slack: { webhook: "${url}" }\n`);
    const { io, out } = recorder();
    expect(await runValidate([file], io)).toBe(1);
    expect(out[0]).toContain(`${file}:14:21  alerts.slack.webhook  looks like a Slack webhook URL`);
    expect(out[0]).toContain('env:COCKPIT_SLACK_WEBHOOK');
    expect(out.join('\n')).not.toContain('abcdefghijklmnop');
  });

  it('--json prints the issues as JSON, with the same exit codes', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, ACME.replace('[web-1]', '[web-9]'));
    const { io, out } = recorder();
    expect(await runValidate(['--json', file], io)).toBe(1);
    const report = JSON.parse(out.join('')) as { ok: boolean; issues: unknown[] };
    expect(report.ok).toBe(false);
    expect(report.issues).toEqual([
      expect.objectContaining({
        file,
        line: 5,
        column: 25,
        path: 'environments.production.hosts.0',
        message: 'unknown host "web-9" — did you mean "web-1"?',
      }),
    ]);

    writeFileSync(file, ACME);
    const ok = recorder();
    expect(await runValidate([file, '--json'], ok.io)).toBe(0);
    expect(JSON.parse(ok.out.join(''))).toMatchObject({
      ok: true,
      workspace: { name: 'Acme Shop', services: ['api', 'web', 'worker'] },
      issues: [],
    });
  });

  it('a missing file is a problem (exit 1), not a usage error', async () => {
    const { io, out } = recorder();
    expect(await runValidate([join(dir, 'nope.yaml')], io)).toBe(1);
    expect(out[0]).toBe(`${join(dir, 'nope.yaml')}:1:1  file not found (expected the path of a cockpit.yaml file)`);
  });

  it('usage errors exit 2 on stderr; --help prints usage and acts on nothing', async () => {
    const none = recorder();
    expect(await runValidate([], none.io)).toBe(2);
    expect(none.err[0]).toMatch(/^cockpit validate: which file\?/);
    expect(none.out).toEqual([]);

    const two = recorder();
    expect(await runValidate(['a.yaml', 'b.yaml'], two.io)).toBe(2);
    expect(two.err[0]).toContain('one file at a time');

    const unknown = recorder();
    expect(await runValidate(['--strict', 'a.yaml'], unknown.io)).toBe(2);
    expect(unknown.err[0]).toContain('unknown option "--strict"');

    // --help wins even next to a path that does not exist: nothing is read.
    const help = recorder();
    expect(await runValidate([join(dir, 'nope.yaml'), '--help'], help.io)).toBe(0);
    expect(help.out[0]).toMatch(/^Usage: cockpit validate \[--json\] PATH/);
    expect(help.err).toEqual([]);
  });
});
