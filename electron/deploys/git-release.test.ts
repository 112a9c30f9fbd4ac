/**
 * Deploying a git ref builds and ships that commit — not the working tree — through the `local` transport: a temp
 * repository with two commits (and an uncommitted change on top), the workspace file in a sub-folder of it, the
 * app in another. History shows the commit; an unknown ref fails clearly and leaves nothing behind.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CockpitError } from '../../shared/rpc';
import { workspaceSchema } from '../../shared/workspace';
import { hasTools } from '../../test/support/system-tool';
import { createLocalTransport } from '../remote/local';
import { createDeployService } from './service';
import { createMemoryJournal } from './test-journal';

const root = mkdtempSync(join(tmpdir(), 'cockpit-git-release-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const repo = join(root, 'repo');
const scratch = join(root, 'scratch');
const home = join(root, 'hosts', 'web-1');
const app = join(home, 'app');
mkdirSync(join(repo, 'infra'), { recursive: true });
mkdirSync(join(repo, 'app'), { recursive: true });
mkdirSync(scratch, { recursive: true });
mkdirSync(home, { recursive: true });

function git(...args: string[]): string {
  const identity = [
    '-c',
    'user.name=Test',
    '-c',
    'user.email=test@example.com',
    '-c',
    'commit.gpgsign=false',
    '-c',
    'init.defaultBranch=main',
  ];
  return execFileSync('git', [...identity, ...args], { cwd: repo, encoding: 'utf8' }).trim();
}

function commit(version: string): string {
  writeFileSync(join(repo, 'app', 'version'), version);
  git('add', '-A');
  git('commit', '-q', '-m', `version ${version}`);
  return git('rev-parse', 'HEAD');
}

const workspace = workspaceSchema.parse({
  version: 1,
  name: 'Git Shop',
  environments: { staging: { hosts: ['web-1'] } },
  hosts: { 'web-1': { local: true } },
  services: {
    shop: {
      deploy: {
        strategy: 'releases',
        path: '~/app',
        // The build says what it was told, so the test sees the commit it built.
        build: {
          run: 'rm -rf out && mkdir out && cp version out/ && printf %s "$COCKPIT_COMMIT" > out/commit && printf %s "$COCKPIT_REF" > out/ref',
          dir: '../app',
          upload: ['out'],
        },
      },
    },
  },
});

const journal = createMemoryJournal();
const local = createLocalTransport({ host: 'web-1', home });
const service = createDeployService({
  workspace: () => ({ workspace, dir: join(repo, 'infra') }),
  journal,
  transports: () => local,
  checkHealth: async () => ({ ok: true, detail: 'no gate' }),
  emit: () => {},
  actor: 'me',
  scratchDir: scratch,
});
const target = { service: 'shop', environment: 'staging' };
const current = () => readlinkSync(join(app, 'current')).replace('releases/', '');
const shipped = (file: string) => readFileSync(join(app, 'current', 'out', file), 'utf8');

describe.skipIf(!hasTools('git', 'tar'))('deploying a git ref (local transport)', () => {
  let first = '';
  let second = '';

  it('sets up a repository with two commits and an uncommitted change', () => {
    git('init', '-q');
    // The workspace file is committed with the infrastructure, as a team keeps it (its content is not read here).
    writeFileSync(join(repo, 'infra', 'cockpit.yaml'), 'version: 1\nname: Git Shop\n');
    first = commit('one');
    git('tag', 'v1');
    second = commit('two');
    // Never committed: a deploy of a ref must not ship it.
    writeFileSync(join(repo, 'app', 'version'), 'uncommitted');
    expect(first).not.toBe(second);
  });

  it('plans with the commit the ref names: its short sha ends the release id', async () => {
    const plan = await service.plan({ ...target, release: { ref: 'v1' } });
    expect(plan.commit).toBe(first);
    expect(plan.ref).toBe('v1');
    expect(plan.releaseId).toMatch(new RegExp(`^\\d{8}T\\d{6}Z-${first.slice(0, 7)}$`));
    expect(plan.steps.map((s) => s.id)).toEqual(expect.arrayContaining(['resolve', 'export', 'build']));
  });

  it('deploys the first commit’s content, tells the build its ref and commit, and removes the export', async () => {
    const outcome = await service.deploy({ ...target, release: { ref: 'v1' } });
    expect(outcome.result).toBe('healthy');
    expect(outcome.releaseId).toMatch(new RegExp(`-${first.slice(0, 7)}$`));
    expect(current()).toBe(outcome.releaseId);
    expect(shipped('version')).toBe('one');
    expect(shipped('commit')).toBe(first);
    expect(shipped('ref')).toBe('v1');
    expect(readdirSync(scratch)).toEqual([]);
    // The working tree is as it was: the build ran in the export, not here.
    expect(readFileSync(join(repo, 'app', 'version'), 'utf8')).toBe('uncommitted');
    expect(existsSync(join(repo, 'app', 'out'))).toBe(false);

    const steps = journal.entriesOf(outcome.runId).map((e) => e.data?.step);
    expect(steps).toEqual(expect.arrayContaining(['resolve', 'export', 'build', 'collect']));
  });

  it('deploys a commit named by its sha, and history shows each commit', async () => {
    const outcome = await service.deploy({ ...target, release: { ref: second.slice(0, 10) } });
    expect(outcome.result).toBe('healthy');
    expect(shipped('version')).toBe('two');
    const history = await service.history(target);
    expect(history.records.map((r) => [r.ref, r.commit])).toEqual([
      [second.slice(0, 7), second],
      [first.slice(0, 7), first],
    ]);
    expect(history.releases.map((r) => r.ref)).toEqual([second.slice(0, 7), first.slice(0, 7)]);
  });

  it('refuses an unknown ref clearly, and leaves no export, no release and no lock behind', async () => {
    const before = readdirSync(join(app, 'releases')).sort();
    const live = current();

    const planned = (await service.plan({ ...target, release: { ref: 'no-such-ref' } }).catch((e: unknown) => e)) as
      CockpitError | undefined;
    expect(planned?.code).toBe('BAD_REQUEST');
    expect(planned?.message).toMatch(/git ref "no-such-ref" does not name a commit/);

    const outcome = await service.deploy({ ...target, release: { ref: 'no-such-ref' } });
    expect(outcome.result).toBe('failed');
    expect(outcome.failure?.step).toBe('resolve');
    expect(outcome.summary).toMatch(/Nothing was deployed: .*"no-such-ref" does not name a commit/);
    expect(readdirSync(scratch)).toEqual([]);
    expect(readdirSync(join(app, 'releases')).sort()).toEqual(before);
    expect(current()).toBe(live);
    expect(existsSync(join(app, '.cockpit-lock'))).toBe(false);
  });

  it('never reads a ref as an option', async () => {
    const error = (await service.plan({ ...target, release: { ref: '--output=x' } }).catch((e: unknown) => e)) as
      CockpitError | undefined;
    expect(error?.code).toBe('BAD_REQUEST');
    expect(error?.message).toMatch(/"--output=x" is not a git ref/);
  });
});
