/**
 * `cockpit runbook list|show|run` as a person runs them: main() with a recording terminal, a temp data folder and
 * a workspace whose hosts are local folders of it, and a health endpoint the gate waits for.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';
import { recorder } from './test-support/recorder';

let dir: string;
let server: Server;
let args: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-runbook-cli-'));
  server = createServer((_req, res) => res.writeHead(200).end('ok'));
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  mkdirSync(join(dir, 'runbooks'));
  writeFileSync(join(dir, 'runbooks', 'restart.md'), '# Restart\n');
  const file = join(dir, 'cockpit.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'name: Shop',
      'environments:',
      `  staging: { hosts: [h1, h2], vars: { port: ${port}, note: "it's fine" } }`,
      `  production: { hosts: [h1], vars: { port: ${port}, note: prod } }`,
      'hosts:',
      '  h1: { local: true, root: hosts/h1 }',
      '  h2: { local: true, root: hosts/h2 }',
      'services:',
      '  api:',
      `    health: [{ id: api-ready, http: "http://127.0.0.1:\${port}/ready", critical: true }]`,
      'runbooks:',
      '  - id: restart-api',
      '    title: Restart the API',
      '    service: api',
      '    doc: runbooks/restart.md',
      '    for: [api-ready]',
      '    steps:',
      '      - confirm: Restart the API?',
      '      - run: echo restarted ${note} on ${host} > restarted.txt && cat restarted.txt',
      '        title: Restart',
      '      - gate: []',
      '  - id: broken',
      '    title: Broken',
      '    service: api',
      '    steps: [{ run: echo "no space left" >&2; exit 3, on: first }]',
      '',
    ].join('\n'),
  );
  args = ['--workspace', file, '--data-dir', join(dir, 'data')];
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cockpit(...argv: string[]) {
  const r = recorder();
  const code = await main(['runbook', ...argv, ...args], r.io);
  return { code, out: r.out(), err: r.err() };
}

describe('cockpit runbook', () => {
  it('lists the runbooks with what they answer', async () => {
    const { code, out } = await cockpit('list');
    expect(code).toBe(0);
    expect(out).toContain(
      'restart-api  Restart the API — api (staging, production) · for api-ready · 3 steps · never run',
    );
    const json = await cockpit('list', '--json');
    expect(JSON.parse(json.out).runbooks.map((r: { id: string }) => r.id)).toEqual(['restart-api', 'broken']);
  });

  it('shows the steps as they will run in an environment, and where the doc is', async () => {
    const { code, out } = await cockpit('show', 'restart-api', '--env', 'staging');
    expect(code).toBe(0);
    expect(out).toContain('Restart the API (restart-api) — api in staging');
    expect(out).toContain(`doc: ${join(dir, 'runbooks', 'restart.md')}`);
    expect(out).toContain('  1. Confirm: Restart the API?');
    expect(out).toContain('  2. Restart — on h1, h2');
    expect(out).toContain(`h1: echo restarted 'it'\\''s fine' on h1 > restarted.txt && cat restarted.txt`);
    expect(out).toContain('  3. Health gate: api-ready');
  });

  it('runs it with --yes: live log per host, the gate, exit 0, journaled as the CLI user', async () => {
    const { code, out } = await cockpit('run', 'restart-api', '--env', 'staging', '--yes');
    expect(code).toBe(0);
    expect(out).toContain('? Restart the API? yes (--yes)');
    expect(out).toContain("[h1]   restarted it's fine on h1");
    expect(out).toContain("[h2]   restarted it's fine on h2");
    expect(out).toContain('✓ Health gate: api-ready');
    expect(out).toMatch(/✓ Restart the API: 3 steps done on h1, h2 in /);
    expect(readFileSync(join(dir, 'data', 'hosts', 'h2', 'restarted.txt'), 'utf8')).toBe("restarted it's fine on h2\n");
    const list = await cockpit('list');
    expect(list.out).toContain(`last run succeeded in staging at`);
    expect(list.out).toContain(`by cli:${userInfo().username}`);
  });

  it('without a terminal and without --yes, a confirm step is declined and nothing runs', async () => {
    const { code, out } = await cockpit('run', 'restart-api', '--env', 'staging');
    expect(code).toBe(1);
    expect(out).toContain('✗ Stopped at step 1 of 3');
  });

  it('a failing step: exit 1, with the host, exit code and output', async () => {
    const { code, out } = await cockpit('run', 'broken', '--env', 'staging');
    expect(code).toBe(1);
    expect(out).toContain('[h1] ✗ Run echo "no space left" >&2; exit 3 — exit 3');
    expect(out).toContain('✗ Stopped at step 1 of 1');
    expect(out).toContain('no space left');
  });

  it('a protected environment needs --confirm, and refuses before anything runs', async () => {
    const { code, err } = await cockpit('run', 'broken', '--env', 'production');
    expect(code).toBe(1);
    expect(err).toBe('cockpit runbook: production is protected: pass --confirm production to run "Broken"');
    const wrong = await cockpit('run', 'broken', '--env', 'production', '--confirm', 'prod');
    expect(wrong.err).toBe(
      'cockpit runbook: production is protected: type "production" to confirm the run of "Broken" on api.',
    );
  });

  it('usage errors exit 2; an unknown runbook exits 1 naming the ones there are', async () => {
    expect((await cockpit()).code).toBe(2);
    expect((await cockpit('run', 'broken')).err).toContain('say which environment with --env ENV');
    expect((await cockpit('show', 'restart-api', '--yes')).code).toBe(2);
    const missing = await cockpit('show', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      'cockpit runbook: There is no runbook "nope" in Shop (its runbooks: restart-api, broken).',
    );
    const help = await cockpit('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('cockpit runbook run ID --env ENV');
  });
});
