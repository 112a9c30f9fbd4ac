/**
 * An encrypted SSH key and no ssh-agent, against a real sshd: the passphrase is asked through the prompt broker
 * (the dialog every window shows), answered the way a window answers, and the command runs. Wrong, missing and
 * late passphrases fail with messages naming the key, and the next action asks again. The passphrase never reaches
 * an event, the journal or the cockpit's files.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PromptRequest } from '../../shared/api/prompts';
import { type EventMessage } from '../../shared/rpc';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { EventBus } from '../api/events';
import { type Backend, createBackend } from '../backend';
import { main } from '../cli/main';
import { type TransportRegistry, createTransportRegistry } from '../remote/registry';
import { TransportError } from '../remote/types';
import { createPromptsFeature } from './feature';

const SECRET = 'open sesame 42';

describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('SSH key passphrase through the prompt broker', () => {
  let fleet: SshdFleet;
  let key: string;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 1, prefix: 'locked' });
    key = join(fleet.dir, 'encrypted_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', SECRET, '-C', 'cockpit-test-encrypted', '-f', key]);
    appendFileSync(join(fleet.dir, 'authorized_keys'), readFileSync(`${key}.pub`));
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(async () => fleet?.stop());

  const host = () => ({ ssh: `${fleet.user}@127.0.0.1`, port: fleet.hosts[0]?.port, identityFile: key });

  /** The feature and a pool over the one host, as the backend wires them; `answer` plays the window. */
  function pool(
    answer: (request: PromptRequest) => { passphrase: string } | { cancel: true } | null,
    timeoutMs?: number,
  ) {
    const events = new EventBus();
    const heard: EventMessage[] = [];
    const prompts = createPromptsFeature({ events, ...(timeoutMs ? { passphraseTimeoutMs: timeoutMs } : {}) });
    events.subscribe((m) => {
      heard.push(m);
      if (m.event !== 'prompts.requested') return;
      const request = m.payload as PromptRequest;
      const reply = answer(request);
      if (reply) setTimeout(() => void prompts.handlers['prompts.answer']({ id: request.id, ...reply }), 20);
    });
    const knownHostsFile = join(fleet.dir, `known_hosts-${Math.random().toString(36).slice(2)}`);
    fleet.writeKnownHosts(knownHostsFile);
    const reg: TransportRegistry = createTransportRegistry({
      hosts: () => ({ locked1: host() }),
      knownHostsFile,
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      local: { agentSocket: undefined },
      prompt: prompts.passphrase,
    });
    cleanups.push(
      () => reg.closeAll(),
      () => prompts.close(),
    );
    const asked = () =>
      heard.filter((m) => m.event === 'prompts.requested').map((m) => (m.payload as { attempt: number }).attempt);
    return { reg, heard, asked };
  }

  async function authError(promise: Promise<unknown>): Promise<TransportError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof TransportError)) throw new Error(`expected a TransportError, got ${String(error)}`);
    expect(error.kind).toBe('auth-failed');
    return error;
  }

  it('asks, takes a wrong passphrase then the right one, runs the command, and asks again after the pool closes', async () => {
    let answers = 0;
    const { reg, heard, asked } = pool(() => ({ passphrase: answers++ === 0 ? 'nope' : SECRET }));
    expect((await reg.get('locked1').exec('echo unlocked')).stdout).toBe('unlocked\n');
    expect((await reg.get('locked1').exec('echo again')).stdout).toBe('again\n');
    expect(asked()).toEqual([1, 2]);
    const [first] = heard.filter((m) => m.event === 'prompts.requested');
    expect(first?.payload).toMatchObject({ kind: 'passphrase', host: 'locked1', keyFile: key, maxAttempts: 3 });
    expect(heard.filter((m) => m.event === 'prompts.settled').map((m) => m.payload)).toMatchObject([
      { outcome: 'answered' },
      { outcome: 'answered' },
    ]);
    expect(JSON.stringify(heard)).not.toContain(SECRET);

    await reg.closeAll();
    expect((await reg.get('locked1').exec('echo later')).stdout).toBe('later\n');
    expect(asked()).toEqual([1, 2, 1]);
  });

  it('a wrong passphrase every time fails naming the key, and the next action asks again', async () => {
    let wrong = true;
    const { reg, asked } = pool(() => ({ passphrase: wrong ? 'nope' : SECRET }));
    const error = await authError(reg.get('locked1').exec('true'));
    expect(error.message).toContain(`authentication failed — wrong passphrase for ${key} (3 tries)`);
    expect(error.message).toContain(`ssh-add ${key}`);
    expect(asked()).toEqual([1, 2, 3]);
    wrong = false;
    expect((await reg.get('locked1').exec('echo fixed')).stdout).toBe('fixed\n');
    expect(asked()).toEqual([1, 2, 3, 1]);
  });

  it('says so when the person cancels, or nobody answers in time', async () => {
    const cancelled = pool(() => ({ cancel: true }));
    expect((await authError(cancelled.reg.get('locked1').exec('true'))).message).toContain(
      `the passphrase for ${key} was not given (cancelled)`,
    );
    const late = pool(() => null, 1_000);
    const error = await authError(late.reg.get('locked1').exec('true'));
    expect(error.message).toContain(`no passphrase given for ${key} on locked1 (nobody answered within 1 second)`);
    expect(late.heard.filter((m) => m.event === 'prompts.settled').map((m) => m.payload)).toMatchObject([
      { outcome: 'timed-out' },
    ]);
  });

  describe('through the whole backend, as a window answers', () => {
    let backend: Backend | undefined;
    const saved = { home: process.env.HOME, agent: process.env.SSH_AUTH_SOCK };
    afterEach(async () => {
      await backend?.close();
      backend = undefined;
      process.env.HOME = saved.home;
      if (saved.agent === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved.agent;
    });

    /** A workspace with the one host and its encrypted key, and this process seen as a machine without an agent. */
    function lockedWorkspace() {
      // No agent and no ~/.ssh/config of the developer's: only the workspace's encrypted key can get in.
      const home = join(fleet.dir, 'local-home');
      mkdirSync(join(home, '.ssh'), { recursive: true });
      process.env.HOME = home;
      delete process.env.SSH_AUTH_SOCK;
      const dataDir = join(fleet.dir, `backend-data-${Math.random().toString(36).slice(2)}`);
      mkdirSync(dataDir, { recursive: true });
      fleet.writeKnownHosts(join(dataDir, 'known_hosts'));
      const workspaceFile = join(fleet.dir, 'cockpit.yaml');
      const h = host();
      writeFileSync(
        workspaceFile,
        [
          'version: 1',
          'name: Locked key',
          'environments:',
          '  staging: { hosts: [locked1] }',
          'hosts:',
          `  locked1: { ssh: "${h.ssh}", port: ${h.port}, identityFile: "${key}" }`,
          'services:',
          '  app:',
          '    deploy: { strategy: releases, path: ~/app }',
          '',
        ].join('\n'),
      );
      mkdirSync(join(fleet.hosts[0]?.home ?? '', 'app', 'releases', '20260301T100000Z-v1.0.0'), { recursive: true });
      return { dataDir, workspaceFile };
    }

    it('reads deploy history over SSH once the passphrase arrives through prompts.answer', async () => {
      const { dataDir, workspaceFile } = lockedWorkspace();
      backend = await createBackend({
        dataDir,
        transport: 'websocket',
        workspacePath: workspaceFile,
        watch: false,
        background: false,
      });
      const b = backend;
      expect(b.workspace.current().issues).toEqual([]);
      const heard: EventMessage[] = [];
      b.events.subscribe((m) => {
        heard.push(m);
        if (m.event === 'prompts.requested') {
          const id = (m.payload as PromptRequest).id;
          setTimeout(() => void b.dispatch({ id: 7, method: 'prompts.answer', input: { id, passphrase: SECRET } }), 20);
        }
      });
      const response = await b.dispatch({
        id: 8,
        method: 'deploys.history',
        input: { service: 'app', environment: 'staging' },
      });
      expect(response).toMatchObject({
        ok: true,
        value: { unreachable: [], records: [expect.objectContaining({ releaseId: '20260301T100000Z-v1.0.0' })] },
      });
      expect(heard.filter((m) => m.event === 'prompts.requested')).toHaveLength(1);
      expect(JSON.stringify(heard)).not.toContain(SECRET);
      await b.close();
      backend = undefined;
      // Nothing the cockpit wrote holds the passphrase: journal (and its WAL), known_hosts, settings.
      for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
        if (file.isFile()) expect(readFileSync(join(file.parentPath, file.name)).includes(SECRET)).toBe(false);
      }
    });

    it('the CLI without a terminal fails at once, pointing at ssh-agent', async () => {
      const { dataDir, workspaceFile } = lockedWorkspace();
      const out: string[] = [];
      const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t) };
      // stdin as a script's or CI's: not a terminal (whatever the test runner was started from).
      const tty = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
      Object.defineProperty(process.stdin, 'isTTY', { value: false, configurable: true });
      let code: number;
      try {
        code = await main(
          ['history', 'app', '--env', 'staging', '--workspace', workspaceFile, '--data-dir', dataDir],
          io,
        );
      } finally {
        if (tty) Object.defineProperty(process.stdin, 'isTTY', tty);
        else delete (process.stdin as { isTTY?: boolean }).isTTY;
      }
      expect(code).toBe(1);
      const text = out.join('\n');
      expect(text).toContain(`${key} needs a passphrase, and there is no terminal to type it in (stdin is not a TTY)`);
      expect(text).toContain(`ssh-add ${key}`);
    });
  });
});
