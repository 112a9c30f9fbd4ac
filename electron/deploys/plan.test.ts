import { describe, expect, it } from 'vitest';
import { CockpitError } from '../../shared/rpc';
import { workspaceSchema } from '../../shared/workspace';
import { buildDeployPlan, describeUpload, formatBytes } from './plan';
import { checkConfirmation, lockBase, resolveTarget } from './target';

const workspace = workspaceSchema.parse({
  version: 1,
  name: 'Acme',
  environments: {
    staging: { hosts: ['stg-1'] },
    production: { hosts: ['web-1', 'web-2', 'web-3'], protected: true },
    empty: { hosts: [] },
  },
  hosts: { 'stg-1': { ssh: 'stg-1' }, 'web-1': { ssh: 'web-1' }, 'web-2': { ssh: 'web-2' }, 'web-3': { ssh: 'web-3' } },
  services: {
    api: {
      environments: ['staging', 'production'],
      deploy: {
        strategy: 'releases',
        path: '/srv/api',
        keep: 5,
        batch: 2,
        build: { run: 'npm ci && npm run build', dir: '.', upload: ['dist'] },
        shared: ['storage'],
        hooks: { beforeSwitch: 'npm ci --omit=dev', afterSwitch: 'echo switched' },
        restart: 'sudo systemctl restart api',
        gate: ['api-ready'],
      },
    },
    worker: { deploy: { strategy: 'script', deploy: './deploy ${release}', rollback: './rollback ${release}' } },
    docs: {},
  },
});

describe('deploy plans', () => {
  it('lists hosts in rolling batches and every step in order', () => {
    const plan = buildDeployPlan(resolveTarget(workspace, 'api', 'production'), '20250101T000000Z-8b71ff7', '8b71ff7');
    expect(plan).toMatchObject({
      service: 'api',
      environment: 'production',
      strategy: 'releases',
      protected: true,
      hosts: ['web-1', 'web-2', 'web-3'],
      batches: [['web-1', 'web-2'], ['web-3']],
      gate: ['api-ready'],
      gateTimeoutMs: 120_000,
      keep: 5,
    });
    expect(plan.steps.map((s) => s.id)).toEqual([
      'lock',
      'build',
      'inspect',
      'upload',
      'shared',
      'before-switch',
      'switch',
      'after-switch',
      'restart',
      'gate',
      'finish',
    ]);
    expect(plan.steps.find((s) => s.id === 'restart')).toMatchObject({
      scope: 'each-host',
      command: 'sudo systemctl restart api',
    });
  });

  it('plans the script strategy with the team’s deploy command', () => {
    const plan = buildDeployPlan(resolveTarget(workspace, 'worker', 'staging'), 'v1.2.3', 'v1.2.3');
    expect(plan.steps.map((s) => s.id)).toEqual(['lock', 'deploy', 'finish']);
    expect(plan.steps[1]?.command).toBe('./deploy ${release}');
    expect(plan.keep).toBeNull();
  });

  it('says exactly what is missing when the target is wrong', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as CockpitError).code, (e as CockpitError).message];
      }
      return null;
    };
    expect(code(() => resolveTarget(workspace, 'nope', 'staging'))).toEqual([
      'NOT_FOUND',
      'There is no service "nope" in Acme.',
    ]);
    expect(code(() => resolveTarget(workspace, 'api', 'nope'))?.[0]).toBe('NOT_FOUND');
    expect(code(() => resolveTarget(workspace, 'docs', 'staging'))?.[1]).toMatch(/has no deploy: section/);
    expect(code(() => resolveTarget(workspace, 'api', 'empty'))?.[1]).toMatch(/does not run in "empty"/);
    expect(code(() => resolveTarget(workspace, 'worker', 'empty'))?.[1]).toMatch(/has no hosts/);
  });

  it('asks for the environment’s name on protected environments only', () => {
    const production = resolveTarget(workspace, 'api', 'production');
    expect(() => checkConfirmation(production, undefined, 'deploy')).toThrow(
      /type "production" to confirm the deploy of api/,
    );
    expect(() => checkConfirmation(production, 'prod', 'deploy')).toThrow(CockpitError);
    expect(() => checkConfirmation(production, 'production', 'deploy')).not.toThrow();
    expect(() => checkConfirmation(resolveTarget(workspace, 'api', 'staging'), undefined, 'deploy')).not.toThrow();
  });

  it('keeps the lock beside the releases, or under ~/.cockpit for scripts', () => {
    expect(lockBase(resolveTarget(workspace, 'api', 'staging'))).toBe('/srv/api');
    expect(lockBase(resolveTarget(workspace, 'worker', 'staging'))).toBe('~/.cockpit/worker');
  });

  it('states the upload in one line: how many files, how big, from where, and what was left out and why', () => {
    const upload = {
      kind: 'files' as const,
      from: 'dist/',
      files: 42,
      bytes: 1_363_149,
      excluded: [
        { path: '.env', why: 'not under shared:' },
        { path: 'id_rsa', why: 'private key' },
      ],
    };
    const plan = buildDeployPlan(resolveTarget(workspace, 'api', 'staging'), 'r1', null, { upload });
    expect(plan.upload).toEqual(upload);
    expect(describeUpload(upload)).toBe(
      'Upload: 42 files, 1.3 MB from dist/ (2 left out: .env — not under shared:, id_rsa — private key)',
    );
    expect(describeUpload({ ...upload, files: 1, bytes: 12, excluded: [] })).toBe(
      'Upload: 1 file, 12 bytes from dist/',
    );
    expect(describeUpload({ ...upload, files: null, bytes: null, excluded: [] })).toBe(
      'Upload: from dist/ (counted when the deploy runs, after the build or export)',
    );
    expect(
      describeUpload({ kind: 'artifact', from: 'releases/v1.tar.gz', files: null, bytes: 2048, excluded: [] }),
    ).toBe('Upload: releases/v1.tar.gz, 2 KB, unpacked on each host');
    const many = Array.from({ length: 7 }, (_, i) => ({ path: `k${i}.pem`, why: 'private key' }));
    expect(describeUpload({ ...upload, excluded: many })).toMatch(
      /\(7 left out: k0\.pem — private key, .*, and 2 more\)$/,
    );
    expect(buildDeployPlan(resolveTarget(workspace, 'worker', 'staging'), 'v1', 'v1', { upload }).upload).toBeNull();
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(15 * 1024 * 1024)).toBe('15 MB');
  });
});
