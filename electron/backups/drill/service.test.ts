/**
 * Restore drills end to end on this machine: local shells stand in for the drill host (each with its own home),
 * the copies are files listed by the real `dir` source, and the scratch target is a folder. The same service runs
 * over SSH and PostgreSQL in postgres.int.test.ts.
 */
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CockpitError } from '../../../shared/rpc';
import { useTempDir } from '../../journal/test-support/temp-dir';
import { createLocalTransport } from '../../remote/local';
import { type Transport } from '../../remote/types';
import { type DrillRig, createDrillRig } from './testing/drill-rig';

const tempDir = useTempDir('cockpit-drill-');
const rigs: DrillRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

interface Setup {
  rig: DrillRig;
  home: string;
  backups: string;
}

function setup(options: { protectedEnv?: boolean; random?: () => number } = {}): Setup {
  const dir = tempDir();
  const home = join(dir, 'drill-1');
  const backups = join(home, 'backups');
  mkdirSync(backups, { recursive: true });
  for (const [day, rows] of [
    [4, 3],
    [5, 4],
    [6, 5],
  ] as const) {
    const file = join(backups, `orders-2026-12-0${day}.txt`);
    writeFileSync(file, Array.from({ length: rows }, (_, i) => `2026-12-0${day} 0${i}:00:00+00`).join('\n') + '\n');
    // The copy's time is the file's: the nightly job wrote it at 04:30.
    const at = new Date(`2026-12-0${day}T04:30:00Z`);
    utimesSync(file, at, at);
  }
  const transports = new Map<string, Transport>();
  const rig = createDrillRig({
    dir,
    transports: (host) => {
      let t = transports.get(host);
      if (!t) {
        t = createLocalTransport({ host, home, killGraceMs: 200 });
        transports.set(host, t);
      }
      return t;
    },
    environments: {
      staging: { hosts: ['drill-1'], vars: {}, protected: options.protectedEnv ?? false },
    },
    ...(options.random ? { random: options.random } : {}),
  });
  rigs.push(rig);
  return { rig, home, backups };
}

function declare(s: Setup, drill: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  s.rig.declare('shop', [
    {
      id: 'orders',
      source: { dir: s.backups, host: 'drill-1', match: '*.txt' },
      rpo: '26h',
      ...extra,
      drill: {
        host: 'drill-1',
        preflight: 'test ! -e {scratch}',
        restore: 'mkdir {scratch} && cp {file} {scratch}/orders',
        checks: [
          { name: 'orders restored', run: 'wc -l < {scratch}/orders', expect: { atLeast: 5 } },
          { name: 'newest order', run: 'tail -n 1 {scratch}/orders', dataTime: true },
        ],
        teardown: 'rm -rf {scratch}',
        rto: '30m',
        stepTimeout: '20s',
        ...drill,
      },
    },
  ]);
}

const scratchDirs = (home: string) => readdirSync(home).filter((n) => n.startsWith('cockpit_drill_'));

describe('a restore drill', () => {
  it('restores the newest copy, runs the checks, tears down, and keeps the evidence', async () => {
    const s = setup();
    declare(s);
    const { runId, done } = await s.rig.service.start({ service: 'shop', backup: 'orders', actor: 'cli:alice' });
    expect(s.rig.service.running('shop', 'orders')).toBe(runId);
    const drill = await done;

    expect(drill.status).toBe('succeeded');
    expect(drill.copy?.id).toBe('orders-2026-12-06.txt');
    expect(drill.copyChoice).toBe('newest');
    expect(drill.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(drill.scratch).toMatch(/^cockpit_drill_[0-9a-f]{8}$/);
    expect(drill.phases.map((p) => [p.name, p.ok])).toEqual([
      ['preflight', true],
      ['restore', true],
      ['checks', true],
      ['teardown', true],
    ]);
    expect(drill.checks.map((c) => [c.name, c.ok, c.exitCode, c.output])).toEqual([
      ['orders restored', true, 0, '5'],
      ['newest order', true, 0, '2026-12-06 04:00:00+00'],
    ]);
    expect(drill.checks[0]?.expected).toBe('at least 5');
    expect(drill.rtoMs).toBeGreaterThan(0);
    expect(drill.rpoFrom).toBe(`the newest data's time (check "newest order")`);
    expect(drill.rpoMs).toBe(Date.parse(drill.startedAt) - Date.parse('2026-12-06T04:00:00Z'));
    expect(drill.teardownOk).toBe(true);
    expect(drill.actor).toBe('cli:alice');
    expect(drill.summary).toMatch(
      /^Restored orders-2026-12-06.txt in .*; 2 of 2 checks passed; RTO .* \(target 30 min\)/,
    );
    expect(drill.commands.map((c) => c.phase)).toEqual(['preflight', 'restore', 'checks', 'checks', 'teardown']);
    expect(drill.commands[1]?.command).toBe(
      `mkdir ${drill.scratch} && cp ${drill.copy?.location} ${drill.scratch}/orders`,
    );
    expect(scratchDirs(s.home)).toEqual([]);

    // Kept: the evidence, the log, the journal action, the report; the lock is gone.
    const kept = s.rig.service.get(runId);
    expect(kept?.drill).toEqual(drill);
    expect(kept?.log[0]).toMatchObject({ type: 'run.started', kind: 'backups.drill' });
    expect(kept?.log.at(-1)).toMatchObject({ type: 'run.ended', status: 'succeeded' });
    expect(s.rig.service.last('shop', 'orders')).toEqual(drill);
    expect(s.rig.service.running('shop', 'orders')).toBeNull();
    expect(s.rig.service.list({ limit: 5 })).toEqual([drill]);
    expect(s.rig.ended).toEqual([drill]);
    const action = s.rig.journal.get(runId);
    expect(action?.action).toMatchObject({ kind: 'backups.drill', status: 'succeeded', summary: drill.summary });
    expect(s.rig.service.report(runId)?.text).toContain('**Verdict: ✅ Succeeded**');
    expect(existsSync(join(s.home, '.cockpit', 'drill-locks', 'shop.orders'))).toBe(false);
  });

  it('records a failing check with its output and exit code, runs every check, and still tears down', async () => {
    const s = setup();
    declare(s, {
      checks: [
        { name: 'enough orders', run: 'wc -l < {scratch}/orders', expect: { atLeast: 100 } },
        { name: 'customers table', run: 'echo "ERROR: relation customers does not exist" >&2; exit 3' },
        { name: 'file present', run: 'test -f {scratch}/orders && echo present', expect: { equals: 'present' } },
      ],
    });
    const drill = await (await s.rig.service.start({ service: 'shop', backup: 'orders' })).done;
    expect(drill.status).toBe('failed');
    expect(drill.checks.map((c) => [c.name, c.ok, c.exitCode, c.detail])).toEqual([
      ['enough orders', false, 0, 'printed 5, expected at least 100'],
      ['customers table', false, 3, 'exited with 3'],
      ['file present', true, 0, null],
    ]);
    expect(drill.checks[1]?.output).toContain('ERROR: relation customers does not exist');
    expect(drill.rtoMs).toBeNull();
    expect(drill.teardownOk).toBe(true);
    expect(scratchDirs(s.home)).toEqual([]);
    expect(drill.summary).toMatch(
      /^Drill of orders-2026-12-06.txt failed: checks: 2 of 3 checks failed: enough orders: printed 5/,
    );
    expect(s.rig.journal.get(drill.runId)?.action.status).toBe('failed');
  });

  it('is cancelled during a slow restore, and the teardown still runs', async () => {
    const s = setup();
    declare(s, { restore: 'mkdir {scratch} && sleep 30' });
    const { runId, done } = await s.rig.service.start({ service: 'shop', backup: 'orders' });
    await s.rig.waitFor((e) => e.type === 'step.started' && e.step === 'restore');
    await new Promise((r) => setTimeout(r, 300));
    expect(scratchDirs(s.home)).toHaveLength(1);
    const t0 = Date.now();
    expect(s.rig.service.cancel(runId)).toBe(true);
    const drill = await done;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(drill.status).toBe('cancelled');
    expect(drill.teardownOk).toBe(true);
    expect(drill.phases.map((p) => [p.name, p.ok])).toEqual([
      ['preflight', true],
      ['restore', false],
      ['teardown', true],
    ]);
    expect(scratchDirs(s.home)).toEqual([]);
    expect(drill.summary).toBe('Cancelled while restoring orders-2026-12-06.txt; teardown ran.');
    expect(s.rig.journal.get(runId)?.action.status).toBe('cancelled');
    expect(s.rig.service.cancel(runId)).toBe(false);
  });

  it('stops at a failed preflight: nothing restored, nothing to tear down, and it says so', async () => {
    const s = setup();
    declare(s, { preflight: 'echo "scratch database exists" >&2; exit 1' });
    const drill = await (await s.rig.service.start({ service: 'shop', backup: 'orders' })).done;
    expect(drill.status).toBe('failed');
    expect(drill.phases.map((p) => p.name)).toEqual(['preflight']);
    expect(drill.phases[0]?.detail).toMatch(
      /^the preflight check failed, so nothing was restored \(and there is nothing to tear down\)/,
    );
    expect(drill.commands.map((c) => c.phase)).toEqual(['preflight']);
    expect(drill.commands[0]?.output).toContain('scratch database exists');
    expect(drill.teardownOk).toBeNull();
    expect(s.rig.service.report(drill.runId)?.text).toContain(
      'Nothing was restored, so there was nothing to tear down.',
    );
  });

  it('fails when the teardown fails, naming what may be left behind', async () => {
    const s = setup();
    declare(s, { teardown: 'exit 1' });
    const drill = await (await s.rig.service.start({ service: 'shop', backup: 'orders' })).done;
    expect(drill.status).toBe('failed');
    expect(drill.teardownOk).toBe(false);
    expect(drill.phases.at(-1)?.detail).toMatch(
      new RegExp(`^teardown failed: the scratch target ${drill.scratch} may still exist on drill-1`),
    );
    expect(drill.summary).toContain(`Teardown failed: teardown failed: the scratch target ${drill.scratch}`);
  });

  it('restores the copy asked for, and rotates through the last N so each gets its turn', async () => {
    const s = setup({ random: () => 0 });
    declare(s, { copy: 'random-of-last-3' });
    const asked = await (
      await s.rig.service.start({ service: 'shop', backup: 'orders', copy: 'orders-2026-12-04.txt' })
    ).done;
    expect([asked.copy?.id, asked.copyChoice]).toEqual(['orders-2026-12-04.txt', 'asked for by id']);
    const picked: string[] = [];
    for (let i = 0; i < 2; i++) {
      const d = await (await s.rig.service.start({ service: 'shop', backup: 'orders' })).done;
      expect(d.copyChoice).toMatch(/^random of the last 3/);
      picked.push(d.copy?.id ?? '');
    }
    expect(picked.sort()).toEqual(['orders-2026-12-05.txt', 'orders-2026-12-06.txt']);
  });
});

describe('a restore drill is refused before anything runs', () => {
  async function refusal(s: Setup, input: Parameters<DrillRig['service']['start']>[0]): Promise<CockpitError> {
    const error = await s.rig.service.start(input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CockpitError);
    return error as CockpitError;
  }

  it('when the drill host is in a protected environment and its name was not typed', async () => {
    const s = setup({ protectedEnv: true });
    declare(s);
    const error = await refusal(s, { service: 'shop', backup: 'orders', confirmation: 'prod' });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe(
      'The drill host drill-1 is in staging, which is protected: type "staging" to confirm the restore drill of shop/orders.',
    );
    expect(scratchDirs(s.home)).toEqual([]);
    const [action] = s.rig.journal.list({ limit: 1, kind: 'backups.drill' }).actions;
    expect(action).toMatchObject({ status: 'failed', summary: `Refused: ${error.message}` });
    expect(s.rig.service.list({ limit: 5 })).toEqual([]);
    const ok = await (await s.rig.service.start({ service: 'shop', backup: 'orders', confirmation: 'staging' })).done;
    expect(ok.status).toBe('succeeded');
  });

  it('when no drill is declared, the backup is unknown, or the copy asked for is not listed', async () => {
    const s = setup();
    s.rig.declare('shop', [{ id: 'orders', source: { dir: s.backups, host: 'drill-1' } }]);
    expect((await refusal(s, { service: 'shop', backup: 'orders' })).message).toMatch(
      /^shop\/orders has no restore drill declared\. Add a `drill:`/,
    );
    expect((await refusal(s, { service: 'shop', backup: 'nope' })).code).toBe('NOT_FOUND');
    declare(s);
    const missing = await refusal(s, { service: 'shop', backup: 'orders', copy: 'orders-1999.txt' });
    expect(missing.message).toMatch(/^Copy "orders-1999.txt" is not among the 3 copies/);
  });

  it('when there is no copy to restore', async () => {
    const s = setup();
    declare(s, {}, { source: { dir: s.backups, host: 'drill-1', match: '*.none' } });
    expect((await refusal(s, { service: 'shop', backup: 'orders' })).message).toMatch(/^No copy to restore: /);
  });

  it('when a drill of the backup is already running here', async () => {
    const s = setup();
    declare(s, { restore: 'mkdir {scratch} && sleep 30' });
    const first = await s.rig.service.start({ service: 'shop', backup: 'orders' });
    const error = await refusal(s, { service: 'shop', backup: 'orders' });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`A restore drill of shop/orders is already running (run ${first.runId})`);
    s.rig.service.cancel(first.runId);
    expect((await first.done).status).toBe('cancelled');
  });

  it('when the drill host holds the lock of another drill, and says how to free a stale one', async () => {
    const s = setup();
    declare(s);
    const lock = join(s.home, '.cockpit', 'drill-locks', 'shop.orders');
    mkdirSync(lock, { recursive: true });
    const info = {
      who: 'bob',
      when: '2026-12-06T10:00:00Z',
      what: 'restore drill of shop/orders',
      why: 'x',
      from: 'elsewhere',
      token: 't',
    };
    writeFileSync(join(lock, 'info.json'), JSON.stringify(info));
    const live = await refusal(s, { service: 'shop', backup: 'orders' });
    expect(live.code).toBe('CONFLICT');
    expect(live.message).toMatch(
      /^A drill of shop\/orders is already running on drill-1: the drill lock is held by bob on elsewhere/,
    );

    writeFileSync(
      join(lock, 'info.json'),
      JSON.stringify({ ...info, from: hostname(), pid: 999_999_999, bootId: 'x' }),
    );
    const stale = await refusal(s, { service: 'shop', backup: 'orders' });
    expect(stale.message).toContain(
      'so it is stale. Free it with `ssh drill-1 rm -rf ~/.cockpit/drill-locks/shop.orders`',
    );
    expect(existsSync(lock)).toBe(true);
    // A refusal on the lock is journaled, and is not a drill in the evidence.
    expect(s.rig.service.list({ limit: 5 })).toEqual([]);
  });
});
