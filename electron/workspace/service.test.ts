import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { createFakeJournal, type FakeJournal } from './fake-journal.test-helper';
import { MAX_RECENT, rememberRecent } from './recent';
import { createWorkspaceService } from './service';
import { type WorkspaceService } from './types';

const valid = (name: string, services = 'api: {}') =>
  `version: 1\nname: ${name}\nenvironments:\n  prod: { hosts: [web-1] }\nhosts:\n  web-1: { ssh: web-1 }\nservices:\n  ${services}\n`;
const broken = (name: string) => `version: 1\nname: ${name}\nenvironments:\n  prod: { hosts: [web-9] }\n`;

describe('workspace service', () => {
  let dir: string;
  let journal: FakeJournal;
  let events: WorkspaceState[];
  let waiters: { test: (s: WorkspaceState) => boolean; resolve: (s: WorkspaceState) => void }[];
  let service: WorkspaceService;
  const demoPath = () => join(dir, 'demo', 'cockpit.yaml');

  /** Resolves with the first change event (from now on) that passes `test`. */
  const nextChange = (test: (s: WorkspaceState) => boolean) =>
    new Promise<WorkspaceState>((resolve) => waiters.push({ test, resolve }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-ws-'));
    journal = createFakeJournal();
    events = [];
    waiters = [];
    service = createWorkspaceService({
      journal,
      demoPath: demoPath(),
      debounceMs: 30,
      onChange: (state) => {
        events.push(state);
        waiters = waiters.filter((w) => (w.test(state) ? (w.resolve(state), false) : true));
      },
    });
  });

  afterEach(() => {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the last good workspace while the file is broken, and picks up the fix on save', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, valid('Acme'));

    const opened = await service.open(file);
    expect(opened.workspace?.name).toBe('Acme');
    expect(opened).toMatchObject({
      source: { kind: 'file', path: file },
      loadedFrom: { kind: 'file', path: file },
      issues: [],
    });
    expect(events).toHaveLength(1);
    expect(journal.actions[0]).toMatchObject({
      kind: 'workspace.open',
      target: file,
      status: 'succeeded',
      summary: 'Loaded Acme: 1 environment, 1 service',
    });

    // A broken save: issues reported, Acme still loaded.
    const breaking = nextChange((s) => s.issues.some((i) => i.path === 'environments.prod.hosts.0'));
    writeFileSync(file, broken('Acme Broken'));
    const brokenState = await breaking;
    expect(brokenState.workspace?.name).toBe('Acme');
    expect(brokenState.loadedFrom).toEqual({ kind: 'file', path: file });
    expect(brokenState.issues).toEqual([
      expect.objectContaining({ file, line: 4, path: 'environments.prod.hosts.0', message: 'unknown host "web-9"' }),
    ]);
    expect(service.current()).toBe(brokenState);
    expect(journal.actions.at(-1)).toMatchObject({
      kind: 'workspace.reload',
      status: 'failed',
      summary: '1 issue; kept Acme',
    });

    // The fix, saved the way many editors do: write elsewhere, rename over the file.
    const fixing = nextChange((s) => s.workspace?.name === 'Acme Fixed');
    writeFileSync(join(dir, '.cockpit.yaml.swp'), valid('Acme Fixed', 'api: {}\n  web: {}'));
    renameSync(join(dir, '.cockpit.yaml.swp'), file);
    const fixed = await fixing;
    expect(fixed.workspace?.name).toBe('Acme Fixed');
    expect(journal.actions.at(-1)).toMatchObject({
      kind: 'workspace.reload',
      status: 'succeeded',
      summary: 'Loaded Acme Fixed: 1 environment, 2 services',
    });

    // Watching survived the rename: the next save is seen too.
    const again = nextChange((s) => s.workspace?.name === 'Acme Again');
    writeFileSync(file, valid('Acme Again'));
    await again;
  });

  it('opening a broken file keeps the previous workspace and watches the new file for its fix', async () => {
    const good = join(dir, 'good.yaml');
    const other = join(dir, 'other.yaml');
    writeFileSync(good, valid('Good'));
    writeFileSync(other, broken('Other'));

    await service.open(good);
    const state = await service.open(other);
    expect(state.workspace?.name).toBe('Good');
    expect(state.source).toEqual({ kind: 'file', path: other });
    expect(state.loadedFrom).toEqual({ kind: 'file', path: good });
    expect(state.issues).toHaveLength(1);
    expect(journal.actions.at(-1)).toMatchObject({
      kind: 'workspace.open',
      target: other,
      status: 'failed',
      summary: '1 issue; kept Good',
    });
    expect(service.recent().map((r) => r.path)).toEqual([good]);

    const fixing = nextChange((s) => s.workspace?.name === 'Other');
    writeFileSync(other, valid('Other'));
    const fixed = await fixing;
    expect(fixed.loadedFrom).toEqual({ kind: 'file', path: other });
    expect(service.recent().map((r) => [r.path, r.name])).toEqual([
      [other, 'Other'],
      [good, 'Good'],
    ]);
  });

  it('a missing file is an issue at line 1, and a relative path is resolved', async () => {
    const state = await service.open(join(dir, 'nope', '..', 'missing.yaml'));
    expect(state.workspace).toBeNull();
    expect(state.source?.path).toBe(join(dir, 'missing.yaml'));
    expect(state.issues).toEqual([expect.objectContaining({ line: 1, column: 1, message: 'file not found' })]);
    expect(journal.actions[0]).toMatchObject({ status: 'failed', summary: '1 issue; no workspace loaded' });

    // Creating it is picked up by the watcher.
    const appearing = nextChange((s) => s.workspace?.name === 'Late');
    writeFileSync(join(dir, 'missing.yaml'), valid('Late'));
    await appearing;
  });

  it('opens the demo as the demo, keeps it out of the recent list, and validates without opening', async () => {
    mkdirSync(join(dir, 'demo'));
    writeFileSync(demoPath(), valid('Demo Shop'));
    const demo = await service.openDemo();
    expect(demo.source).toEqual({ kind: 'demo', path: demoPath() });
    expect(demo.workspace?.name).toBe('Demo Shop');
    expect(journal.actions[0]).toMatchObject({
      kind: 'workspace.open',
      status: 'succeeded',
      title: 'Open the demo workspace',
    });
    expect(service.recent()).toEqual([]);

    const other = join(dir, 'other.yaml');
    writeFileSync(other, broken('Other'));
    const result = await service.validate(other);
    expect(result.issues).toHaveLength(1);
    expect(service.current()).toBe(demo);
    expect(journal.actions).toHaveLength(1);
  });

  it('reload reads the file again and journals it', async () => {
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, valid('One'));
    await service.open(file);
    const state = await service.reload();
    expect(state.workspace?.name).toBe('One');
    expect(journal.actions.map((a) => [a.kind, a.status])).toEqual([
      ['workspace.open', 'succeeded'],
      ['workspace.reload', 'succeeded'],
    ]);
    expect(journal.entries.filter((e) => e.phase === 'result').map((e) => e.message)).toEqual([
      'Loaded One: 1 environment, 1 service',
      'Loaded One: 1 environment, 1 service',
    ]);
  });
});

describe('recent workspaces', () => {
  it('are newest first, deduplicated and at most ten', () => {
    const journal = createFakeJournal();
    for (let i = 0; i < 12; i++) rememberRecent(journal, { path: `/w/${i}.yaml`, name: `W${i}`, openedAt: `t${i}` });
    rememberRecent(journal, { path: '/w/5.yaml', name: 'W5 again', openedAt: 't12' });
    const recent = journal.getSetting<{ path: string; name: string }[]>('recentWorkspaces') ?? [];
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent.slice(0, 3).map((r) => r.name)).toEqual(['W5 again', 'W11', 'W10']);
    expect(recent.filter((r) => r.path === '/w/5.yaml')).toHaveLength(1);
  });
});
