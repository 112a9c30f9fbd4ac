import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspaceChecker } from './checker';
import { createFakeJournal } from './fake-journal.test-helper';
import { loadWorkspaceFile } from './load';
import { createWorkspaceService } from './service';
import { type WorkspaceService } from './types';

/** Near the heaviest file that passes every limit: 6,000 hosts (115k tokens), each read by the schema check. */
function heavyWorkspace(): string {
  const hosts = Array.from({ length: 6000 }, (_, i) => `  h${i}: { ssh: deploy@h${i}, port: 22 }`);
  return `version: 1\nname: Heavy\nenvironments:\n  prod: { hosts: [h0] }\nhosts:\n${hosts.join('\n')}\n`;
}

/** The longest wait between ticks of a 5 ms timer while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<{ stall: number; ticks: number; ms: number }> {
  let last = performance.now();
  let stall = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
    ticks += 1;
  }, 5);
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  stall = Math.max(stall, performance.now() - last);
  clearInterval(timer);
  return { stall, ticks, ms };
}

describe('the workspace checker (a worker thread)', () => {
  let dir: string;
  let service: WorkspaceService | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-checker-'));
  });
  afterEach(() => {
    service?.close();
    service = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const newService = (options: Partial<Parameters<typeof createWorkspaceService>[0]> = {}) =>
    (service = createWorkspaceService({
      journal: createFakeJournal(),
      demoPath: join(dir, 'demo.yaml'),
      onChange: () => undefined,
      watch: false,
      ...options,
    }));

  it('keeps the event loop free while a worst-case file is judged on reload', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'version: 1\nname: Small\nenvironments: { prod: {} }\n');
    const workspace = newService();
    expect((await workspace.open(file)).workspace?.name).toBe('Small');

    writeFileSync(file, heavyWorkspace());
    const inWorker = await longestStall(() => workspace.reload());
    expect(workspace.current().workspace?.name).toBe('Heavy');
    const inProcess = await longestStall(() => loadWorkspaceFile(file));
    console.log(
      `heavy file: judged in the worker in ${Math.round(inWorker.ms)} ms (longest timer stall ${Math.round(inWorker.stall)} ms, ${inWorker.ticks} ticks); on the main thread it stalls the timer ${Math.round(inProcess.stall)} ms`,
    );
    // The timer kept firing all through the worker's check, while the same check on the main thread stops it.
    expect(inWorker.ticks).toBeGreaterThanOrEqual(Math.min(10, inWorker.ms / 20));
    expect(inWorker.stall).toBeLessThan(Math.max(100, inProcess.stall / 2));
  });

  it('says so when the worker cannot start, and does not judge on the main thread instead', async () => {
    const missing = pathToFileURL(join(dir, 'no-such-worker.js'));
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'version: 1\nname: Small\nenvironments: { prod: {} }\n');
    const workspace = newService({ checker: createWorkspaceChecker({ script: { url: missing, execArgv: [] } }) });
    const state = await workspace.open(file);
    expect(state.workspace).toBeNull();
    expect(state.issues).toEqual([
      expect.objectContaining({
        file,
        line: 1,
        message: `cannot check the workspace: cannot start the workspace checker: ${join(dir, 'no-such-worker.js')} is missing (run \`npm run build\`)`,
      }),
    ]);
  });

  it('stops a check that overruns its time and reports it as an issue; the next check gets a fresh worker', async () => {
    // A worker that takes every request and never answers.
    const script = join(dir, 'silent-worker.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => {});\n");
    const silent = pathToFileURL(script);
    const checker = createWorkspaceChecker({ timeoutMs: 300, script: { url: silent, execArgv: [] } });
    try {
      const result = await checker.check('/x/cockpit.yaml');
      expect(result.issues).toEqual([
        expect.objectContaining({
          file: '/x/cockpit.yaml',
          line: 1,
          message: 'checking the file took longer than 300 ms and was stopped',
        }),
      ]);
      expect((await checker.check('/x/cockpit.yaml')).issues[0]?.message).toMatch(/took longer than/);
    } finally {
      checker.close();
    }
  });
  it('keeps one worker through a burst of saves, and gives it back once idle', async () => {
    // A worker that answers with its thread id, so the test can tell which worker judged each check.
    const script = join(dir, 'thread-worker.mjs');
    writeFileSync(
      script,
      [
        "import { parentPort, threadId } from 'node:worker_threads';",
        'parentPort.on(\'message\', ({ id, path }) => parentPort.postMessage({ id, result: { workspace: null, issues: [{ file: path, line: 1, column: 1, path: "", message: String(threadId) }] } }));',
      ].join('\n'),
    );
    const checker = createWorkspaceChecker({ idleMs: 150, script: { url: pathToFileURL(script), execArgv: [] } });
    const threadOf = async () => (await checker.check('/x/cockpit.yaml')).issues[0]?.message;
    try {
      const first = await threadOf();
      expect(await threadOf()).toBe(first);
      expect(await threadOf()).toBe(first);
      await new Promise((done) => setTimeout(done, 600));
      const afterIdle = await threadOf();
      expect(afterIdle).toBeDefined();
      expect(afterIdle).not.toBe(first);
    } finally {
      checker.close();
    }
  });
});

describe('workspace.validate (reachable over the socket)', () => {
  let dir: string;
  let service: WorkspaceService;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-validate-api-'));
    service = createWorkspaceService({
      journal: createFakeJournal(),
      demoPath: join(dir, 'demo.yaml'),
      onChange: () => undefined,
      watch: false,
    });
  });
  afterEach(() => {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses files that are not .yaml/.yml, by name or through a symlink, without a word of their content', async () => {
    const secret = join(dir, 'notes.txt');
    writeFileSync(secret, 'DB_PASSWORD=hunter2-very-secret\n');
    const link = join(dir, 'environ.yaml');
    symlinkSync('/proc/self/environ', link);
    const disguised = join(dir, 'secret.yml');
    symlinkSync(secret, disguised);

    for (const path of ['/proc/self/environ', secret, link, disguised]) {
      const result = await service.validate(path);
      expect(result).toEqual({
        workspace: null,
        issues: [
          {
            file: path,
            line: 1,
            column: 1,
            path: '',
            message: 'not checked: only .yaml and .yml files are workspace files',
            expected: 'the path of a cockpit.yaml file',
          },
        ],
      });
      const said = JSON.stringify(result);
      expect(said).not.toContain('hunter2');
      expect(said).not.toContain(process.env.PATH ?? 'PATH=');
    }
  });

  it('checks .yaml and .yml files as before', async () => {
    const yml = join(dir, 'cockpit.YML');
    writeFileSync(yml, 'version: 1\nname: Fine\nenvironments: { prod: {} }\n');
    expect(await service.validate(yml)).toMatchObject({ workspace: { name: 'Fine' }, issues: [] });
    expect((await service.validate(join(dir, 'missing.yaml'))).issues[0]?.message).toBe('file not found');
  });
});
