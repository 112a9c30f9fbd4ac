/**
 * Runbooks against two real OpenSSH servers ("hosts" ops1, ops2, each with its own home), with the real SQLite
 * journal: a runbook that asks, runs on both hosts with a placeholder whose value is hostile, and waits for a
 * health gate; one whose step fails; one cancelled while its command runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunEvent } from '../../shared/model/deploys';
import { type Workspace, workspaceSchema } from '../../shared/workspace';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { type SqliteJournal, openJournal } from '../journal/journal';
import { type TransportRegistry, createTransportRegistry } from '../remote/registry';
import { RUNBOOK_RUN_KIND } from './journal-runs';
import { type RunbookService, createRunbookService } from './service';

// Commands write under ~: a session starts in the real user's home, while each host's HOME is its own folder.
/** A value with spaces, both quotes and a command substitution: it must arrive as the same text, never run. */
const HOSTILE = `it's "two words" $(touch pwned) ; rm -rf ~`;

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('runbooks over SSH on two hosts', () => {
  let fleet: SshdFleet;
  let registry: TransportRegistry;
  let journal: SqliteJournal;
  let service: RunbookService;
  let workspace: Workspace;
  const events: RunEvent[] = [];
  const asked: string[] = [];

  const home = (name: string) => fleet.hosts.find((h) => h.name === name)?.home ?? '';
  const hostNames = () => fleet.hosts.map((h) => h.name);

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 2, prefix: 'ops' });
    const knownHostsFile = join(fleet.dir, 'known_hosts');
    fleet.writeKnownHosts(knownHostsFile);
    workspace = workspaceSchema.parse({
      version: 1,
      name: 'Integration',
      environments: { production: { hosts: hostNames(), vars: { message: HOSTILE } } },
      hosts: Object.fromEntries(
        fleet.hosts.map((h) => [
          h.name,
          { ssh: `${fleet.user}@127.0.0.1`, port: h.port, identityFile: fleet.clientKey },
        ]),
      ),
      services: { app: { health: [{ id: 'app-ready', http: 'http://127.0.0.1:1/ready', critical: true }] } },
      runbooks: [
        {
          id: 'restart',
          title: 'Restart the app',
          service: 'app',
          steps: [
            { confirm: 'Restart the app on every host?' },
            { run: 'printf "%s\\n" ${message} > ~/restarted.txt && echo restarted ${host}', title: 'Restart' },
            { gate: ['app-ready'], timeout: '10s' },
          ],
        },
        {
          id: 'failing',
          title: 'Clean up',
          service: 'app',
          steps: [{ run: 'echo "no space left on ${host}" >&2; exit 4', title: 'Clean' }, { run: 'touch ~/after.txt' }],
        },
        {
          id: 'slow',
          title: 'Slow',
          service: 'app',
          steps: [{ run: 'echo started; sleep 30; touch ~/slept.txt', title: 'Wait' }, { run: 'touch ~/next.txt' }],
        },
      ],
    });
    registry = createTransportRegistry({
      hosts: () => workspace.hosts,
      knownHostsFile,
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      local: { agentSocket: undefined },
      killGraceMs: 500,
    });
    journal = openJournal({ file: join(fleet.dir, 'journal.db'), actor: 'tester' });
    service = createRunbookService({
      workspace: () => ({ workspace, dir: fleet.dir }),
      journal,
      transports: (host) => registry.get(host),
      // The gate passes once every host has written its file: what the restart step leaves behind.
      checkHealth: async (target) => {
        const done = hostNames().filter((h) => existsSync(join(home(h), 'restarted.txt')));
        return { ok: done.length === 2, detail: `${target.service}: ${done.length} of 2 hosts restarted` };
      },
      emit: (e) => events.push(e),
      changed: () => undefined,
      openIncident: () => null,
      confirm: async (prompt) => {
        asked.push(prompt);
        return true;
      },
      actor: 'tester',
      gateIntervalMs: 50,
    });
  });

  afterAll(async () => {
    try {
      await service?.close();
      await registry?.closeAll();
      journal?.close();
    } finally {
      await fleet?.stop();
    }
  });

  it('asks, runs on both hosts with the placeholder intact, passes the gate, and journals it', async () => {
    const { runId } = service.start({ id: 'restart', environment: 'production', confirmation: 'production' });
    const run = await service.wait(runId);
    expect(run.status, run.summary ?? '').toBe('succeeded');
    expect(asked).toEqual(['Restart the app on every host?']);
    for (const host of hostNames()) {
      expect(readFileSync(join(home(host), 'restarted.txt'), 'utf8')).toBe(`${HOSTILE}\n`);
      expect(existsSync(join(home(host), 'pwned'))).toBe(false);
    }
    const ended = events.filter((e) => e.runId === runId && e.type === 'step.ended');
    expect(ended.map((e) => (e.type === 'step.ended' ? [e.host, e.title, e.ok] : null))).toEqual([
      [null, 'Confirm', true],
      ['ops1', 'Restart', true],
      ['ops2', 'Restart', true],
      [null, 'Health gate: app-ready', true],
    ]);
    const journaled = journal.get(runId);
    expect(journaled?.action).toMatchObject({
      kind: RUNBOOK_RUN_KIND,
      target: 'app@production',
      status: 'succeeded',
      title: 'Runbook: Restart the app (app, production)',
    });
    expect(journaled?.entries.some((e) => e.phase === 'output' && e.message.includes('restarted ops2'))).toBe(true);
  });

  it('stops at a failing step, naming the host, the command, its exit code and its output', async () => {
    const run = await service.wait(
      service.start({ id: 'failing', environment: 'production', confirmation: 'production' }).runId,
    );
    expect(run.status).toBe('failed');
    expect(run.failure).toMatchObject({ host: 'ops1', exitCode: 4, reason: 'exit' });
    expect(run.failure?.command).toBe('echo "no space left on "ops1"" >&2; exit 4');
    expect(run.failure?.outputTail).toContain('no space left on ops1');
    expect(run.summary).toContain('Stopped at step 1 of 2');
    expect(run.summary).toContain('on ops1');
    expect(run.summary).toContain('exited with 4');
    for (const host of hostNames()) expect(existsSync(join(home(host), 'after.txt'))).toBe(false);
    expect(journal.get(run.runId)?.action).toMatchObject({ status: 'failed', summary: run.summary });
  });

  it('cancel stops the command running and nothing after it starts', async () => {
    const { runId } = service.start({ id: 'slow', environment: 'production', confirmation: 'production' });
    while (!events.some((e) => e.runId === runId && e.type === 'output' && e.text.includes('started'))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const asked = Date.now();
    expect(service.cancel(runId)).toEqual({ cancelling: true });
    const run = await service.wait(runId);
    expect(run.status).toBe('cancelled');
    expect(Date.now() - asked).toBeLessThan(5000);
    for (const host of hostNames()) {
      expect(existsSync(join(home(host), 'slept.txt'))).toBe(false);
      expect(existsSync(join(home(host), 'next.txt'))).toBe(false);
    }
    expect(journal.get(runId)?.action.status).toBe('cancelled');
    // The log survives the process: a later one reads it from the journal.
    const later = createRunbookService({
      workspace: () => ({ workspace, dir: fleet.dir }),
      journal,
      transports: (host) => registry.get(host),
      checkHealth: async () => ({ ok: true, detail: '' }),
      emit: () => undefined,
      changed: () => undefined,
      openIncident: () => null,
    });
    const log = later.runLog(runId);
    expect(log.run.status).toBe('cancelled');
    expect(log.events.some((e) => e.type === 'output' && e.text.includes('started'))).toBe(true);
  });
});
