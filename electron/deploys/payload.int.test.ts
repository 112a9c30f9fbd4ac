/**
 * What a release carries, against a real OpenSSH server: a workspace folder holding an SSH key and an `.env` is
 * never shipped just because nothing was declared; a key named in build.upload is refused with the reason; a
 * key or `.env` inside an uploaded folder is left out and the plan says so. Refusals touch no host and journal
 * no deploy.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CockpitError } from '../../shared/rpc';
import { type Workspace, workspaceSchema } from '../../shared/workspace';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { type TransportRegistry, createTransportRegistry } from '../remote/registry';
import { SshTransport } from '../remote/ssh/transport';
import { type DeployService, createDeployService } from './service';
import { type MemoryJournal, createMemoryJournal } from './test-journal';

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('release payloads over SSH', () => {
  let fleet: SshdFleet;
  let registry: TransportRegistry;
  let journal: MemoryJournal;
  let work: string;
  let home: string;
  /** The deploy section under test; each test sets its own. */
  let deploy: Record<string, unknown> = {};

  const service = (): DeployService =>
    createDeployService({
      workspace: () => ({ workspace: workspaceWith(deploy), dir: work }),
      journal,
      transports: (host) => registry.get(host),
      checkHealth: async () => ({ ok: true, detail: 'no gate' }),
      emit: () => {},
      actor: 'tester',
    });
  const target = { service: 'app', environment: 'staging' };

  function workspaceWith(section: Record<string, unknown>): Workspace {
    const host = fleet.hosts[0];
    if (!host) throw new Error('test setup: no host');
    return workspaceSchema.parse({
      version: 1,
      name: 'Payload',
      environments: { staging: { hosts: ['web1'] } },
      hosts: { web1: { ssh: `${fleet.user}@127.0.0.1`, port: host.port, identityFile: fleet.clientKey } },
      services: { app: { deploy: { strategy: 'releases', path: '~/app', ...section } } },
    });
  }

  async function refusal(promise: Promise<unknown>): Promise<CockpitError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof CockpitError)) throw new Error(`expected a refusal, got ${String(error)}`);
    return error;
  }

  /** Nothing ran: no deploy journaled, no connection opened, nothing on the host. */
  function untouched() {
    expect(journal.actions).toEqual([]);
    const transport = registry.get('web1');
    expect(transport instanceof SshTransport ? transport.connectionsOpened : -1).toBe(0);
    expect(existsSync(join(home, 'app'))).toBe(false);
  }

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 1, prefix: 'payload' });
    home = fleet.hosts[0]?.home ?? '';
    // The workspace folder as a team might have it: the workspace file, a deploy key and the app's secrets.
    work = join(fleet.dir, 'workspace');
    mkdirSync(join(work, 'site', 'keys'), { recursive: true });
    writeFileSync(join(work, 'cockpit.yaml'), 'version: 1\n');
    writeFileSync(join(work, 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n');
    writeFileSync(join(work, '.env'), 'DATABASE_PASSWORD=hunter2\n');
    writeFileSync(join(work, 'site', 'index.html'), '<h1>ok</h1>\n');
    writeFileSync(join(work, 'site', 'keys', 'id_rsa'), 'a nested key\n');
    writeFileSync(join(work, 'site', '.env'), 'API_TOKEN=abc\n');
    const knownHostsFile = join(fleet.dir, 'known_hosts');
    fleet.writeKnownHosts(knownHostsFile);
    registry = createTransportRegistry({
      hosts: () => workspaceWith({}).hosts,
      knownHostsFile,
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      local: { agentSocket: undefined },
      killGraceMs: 500,
    });
  });

  afterAll(async () => {
    try {
      await registry?.closeAll();
    } finally {
      await fleet?.stop();
    }
  });

  it('refuses to plan or deploy when nothing says what a release contains, and touches no host', async () => {
    journal = createMemoryJournal();
    deploy = {};
    const plan = await refusal(service().plan(target));
    expect(plan.message).toMatch(/Nothing says what a release of app contains, so nothing was uploaded/);
    expect(plan.message).toMatch(/build: \{ dir: dist, upload: \[\.\] \}.*artifacts: releases\/.*--source DIR/);
    const deployed = await refusal(service().deploy({ ...target, release: { ref: 'v1' } }));
    expect(deployed.message).toBe(plan.message);
    untouched();
  });

  it('refuses a key named in build.upload, saying why, and touches no host', async () => {
    journal = createMemoryJournal();
    deploy = { build: { upload: ['site', 'id_ed25519'] } };
    const plan = await refusal(service().plan(target));
    expect(plan.message).toBe(
      'build.upload lists "id_ed25519", which is a private key; releases never carry keys — keep it out of build.upload.',
    );
    expect((await refusal(service().deploy(target))).message).toBe(plan.message);
    untouched();
  });

  it('leaves a nested key and .env out of an uploaded folder, says so in the plan, and ships the rest', async () => {
    journal = createMemoryJournal();
    deploy = { build: { upload: ['site'] } };
    const plan = await service().plan(target);
    expect(plan.upload).toEqual({
      kind: 'files',
      from: 'site/',
      files: 1,
      bytes: 12,
      excluded: [
        { path: 'site/.env', why: 'not under shared:' },
        { path: 'site/keys/id_rsa', why: 'private key' },
      ],
    });
    const outcome = await service().deploy({ ...target, release: { ref: 'v1' } });
    expect(outcome.result).toBe('healthy');
    const current = join(home, 'app', 'current');
    expect(readFileSync(join(current, 'site', 'index.html'), 'utf8')).toBe('<h1>ok</h1>\n');
    expect(readdirSync(join(current, 'site')).sort()).toEqual(['index.html', 'keys']);
    expect(readdirSync(join(current, 'site', 'keys'))).toEqual([]);
    expect(existsSync(join(current, 'id_ed25519'))).toBe(false);
    expect(existsSync(join(current, '.env'))).toBe(false);
    // The run's own record says what was not shipped, for whoever reads the history and not the plan.
    const collected = journal.entries.filter((e) => e.actionId === outcome.runId && e.data?.step === 'collect');
    expect(collected).toHaveLength(1);
    expect(collected[0]?.message).toMatch(
      /: 1 file\(s\), 1 KB \(2 left out: site\/\.env — not under shared:, site\/keys\/id_rsa — private key\)$/,
    );
    expect(collected[0]?.data?.excluded).toEqual(plan.upload?.excluded);
  });
});
