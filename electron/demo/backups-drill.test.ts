/**
 * The demo's backups work on a machine with nothing installed: its seeded folders list through the `dir` source
 * on the pretend hosts, its integrity commands pass on good copies and fail on the cut-short one, and its restore
 * drill's own commands (preflight, restore, checks, teardown), run the way the drill runner fills them, restore the
 * newest copy into a scratch folder, print what the checks expect, and clean up; and the drill service itself runs
 * the demo's drill to success.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type BackupCopy } from '../../shared/model/backups';
import { type BackupConfig, type Workspace } from '../../shared/workspace';
import { hasTools } from '../../test/support/system-tool';
import { judgeOutput } from '../backups/drill/expect';
import { createDrillRig } from '../backups/drill/testing/drill-rig';
import { dirKind } from '../backups/sources/dir';
import { type SourceContext } from '../backups/sources/types';
import { createLocalTransport } from '../remote/local';
import { fillPlaceholders } from '../remote/quote';
import { type ExecOptions, type ExecResult, type Transport } from '../remote/types';
import { parseWorkspaceText } from '../workspace/parse';
import { localHostHome } from './layout';
import { seedDemoBackups } from './seed-backups';

const demoFile = fileURLToPath(new URL('../../resources/demo/cockpit.yaml', import.meta.url));

describe.skipIf(process.platform === 'win32' || !hasTools('sh', 'gzip', 'tar', 'find', 'sed', 'grep'))(
  "the demo's backups and restore drill, with nothing installed",
  () => {
    let dataDir = '';
    let workspace: Workspace;
    const transports = new Map<string, Transport>();
    const now = new Date();

    beforeAll(() => {
      // A space in the path, as in macOS's "Application Support": every {file} must survive it.
      dataDir = mkdtempSync(join(tmpdir(), 'cockpit demo drill-'));
      const parsed = parseWorkspaceText(readFileSync(demoFile, 'utf8'), demoFile);
      if (!parsed.workspace) throw new Error('the demo workspace does not parse');
      workspace = parsed.workspace;
      seedDemoBackups({ dataDir, workspace, now });
      for (const [name, host] of Object.entries(workspace.hosts)) {
        transports.set(name, createLocalTransport({ host: name, home: localHostHome(dataDir, host) }));
      }
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    function on(host: string | undefined, command: string, options: ExecOptions = {}): Promise<ExecResult> {
      const transport = host ? transports.get(host) : undefined;
      if (!transport) throw new Error(`no demo host ${host ?? '(none)'}`);
      return transport.exec(command, { timeoutMs: 30_000, ...options });
    }

    function homeOf(host: string): string {
      const config = workspace.hosts[host];
      const home = config ? localHostHome(dataDir, config) : undefined;
      if (!home) throw new Error(`${host} is not a local demo host with a root`);
      return home;
    }

    const ctx: SourceContext = {
      exec: (host, command, options) => on(host, command, options),
      resolveSecret: () => Promise.reject(new Error('the demo has no secrets')),
      now: () => now,
    };

    function backup(id: string): BackupConfig {
      const found = Object.values(workspace.services)
        .flatMap((s) => s.backups)
        .find((b) => b.id === id);
      if (!found) throw new Error(`the demo declares no backup ${id}`);
      return found;
    }

    async function copiesOf(config: BackupConfig): Promise<BackupCopy[]> {
      if (!dirKind.accepts(config.source)) throw new Error(`${config.id} is not a dir source`);
      return dirKind.list(config.source, ctx);
    }

    function filled(template: string, copy: BackupCopy, scratch = ''): string {
      return fillPlaceholders(
        template,
        { file: copy.location, copy: copy.id, time: copy.time, scratch, run: 'ab12cd34' },
        { form: 'brace' },
      );
    }

    it('orders-db lists 14 fresh nightly copies through the dir source, newest first', async () => {
      const config = backup('orders-db');
      const copies = await copiesOf(config);
      expect(copies).toHaveLength(14);
      const newest = copies[0];
      if (!newest) throw new Error('no copies');
      expect(newest.location.startsWith('/')).toBe(true);
      expect(now.getTime() - Date.parse(newest.time)).toBeLessThan(config.rpo);
    });

    it("orders-db's integrity command passes on the newest copy and fails on the cut-short one", async () => {
      const config = backup('orders-db');
      const copies = await copiesOf(config);
      const newest = copies[0];
      const cut = copies.reduce((a, b) => ((a.size ?? 0) <= (b.size ?? 0) ? a : b));
      if (!newest || !config.verify) throw new Error('no copy or no verify command');
      expect((await on('demo-stg', filled(config.verify, newest))).exitCode).toBe(0);
      expect(cut.id).not.toBe(newest.id);
      const broken = await on('demo-stg', filled(config.verify, cut));
      expect(broken.exitCode).not.toBe(0);
    });

    it('the drill restores the newest copy on demo-drill, its checks pass, and teardown leaves nothing', async () => {
      const config = backup('orders-db');
      const drill = config.drill;
      if (!drill) throw new Error('orders-db has no drill');
      const [newest] = await copiesOf(config);
      if (!newest) throw new Error('no copies');
      const scratch = drill.scratch.replace('{run}', 'ab12cd34');
      const drillHome = homeOf(drill.host);

      if (drill.preflight) expect((await on(drill.host, filled(drill.preflight, newest, scratch))).exitCode).toBe(0);
      const restored = await on(drill.host, filled(drill.restore, newest, scratch));
      expect(restored.stderr).toBe('');
      expect(restored.exitCode).toBe(0);
      expect(existsSync(join(drillHome, scratch, 'orders.sql'))).toBe(true);
      // A second drill with the same scratch name would be refused before it restores anything.
      if (drill.preflight)
        expect((await on(drill.host, filled(drill.preflight, newest, scratch))).exitCode).not.toBe(0);

      expect(drill.checks).toHaveLength(2);
      const outputs: string[] = [];
      for (const check of drill.checks) {
        const result = await on(drill.host, filled(check.run, newest, scratch));
        expect(result.exitCode).toBe(0);
        const judged = judgeOutput(result.stdout, check, now);
        expect(judged.detail).toBeNull();
        expect(judged.ok).toBe(true);
        outputs.push(result.stdout.trim());
      }
      expect(Number(outputs[0])).toBeGreaterThan(1000);
      // The newest order was placed before the copy was taken, and within two hours of it.
      const newestOrder = judgeOutput(outputs[1] ?? '', drill.checks[1] ?? { dataTime: true }, now).dataTime;
      const orderAge = Date.parse(newest.time) - Date.parse(newestOrder ?? '');
      expect(orderAge).toBeGreaterThan(0);
      expect(orderAge).toBeLessThan(2 * 3_600_000);

      if (!drill.teardown) throw new Error('the demo drill must clean up');
      expect((await on(drill.host, filled(drill.teardown, newest, scratch))).exitCode).toBe(0);
      expect(existsSync(join(drillHome, scratch))).toBe(false);
    });

    it('a drill of the cut-short copy fails at restore, and teardown still cleans up', async () => {
      const config = backup('orders-db');
      const drill = config.drill;
      if (!drill?.teardown) throw new Error('orders-db has no drill teardown');
      const copies = await copiesOf(config);
      const cut = copies.reduce((a, b) => ((a.size ?? 0) <= (b.size ?? 0) ? a : b));
      const scratch = 'cockpit_drill_cut';
      const restored = await on(drill.host, filled(drill.restore, cut, scratch));
      expect(restored.exitCode).not.toBe(0);
      expect(restored.stderr).toMatch(/unexpected end of file|end of file|truncated/i);
      expect((await on(drill.host, filled(drill.teardown, cut, scratch))).exitCode).toBe(0);
      expect(existsSync(join(homeOf(drill.host), scratch))).toBe(false);
    });

    it("the drill service runs the demo's drill to success and keeps the evidence", async () => {
      const rig = createDrillRig({
        dir: mkdtempSync(join(dataDir, 'rig-')),
        transports: (host) => {
          const transport = transports.get(host);
          if (!transport) throw new Error(`no demo host ${host}`);
          return transport;
        },
        environments: workspace.environments,
      });
      try {
        // As the file says it, so the service parses the demo's own text.
        const file = parseYaml(readFileSync(demoFile, 'utf8')) as { services: { checkout: { backups: unknown[] } } };
        rig.declare('checkout', file.services.checkout.backups);
        const { runId, done } = await rig.service.start({ service: 'checkout', backup: 'orders-db', actor: 'tester' });
        const drill = await done;

        expect(drill.status).toBe('succeeded');
        expect(drill.phases.map((p) => [p.name, p.ok])).toEqual([
          ['preflight', true],
          ['restore', true],
          ['checks', true],
          ['teardown', true],
        ]);
        expect(drill.rpoFrom).toMatch(/newest order/);
        expect(drill.rpoMs).toBeLessThan(backup('orders-db').rpo);
        expect(rig.service.report(runId)?.text).toContain('orders restored');
        expect(readdirSync(homeOf('demo-drill')).filter((n) => n.startsWith('cockpit_drill_'))).toEqual([]);
      } finally {
        await rig.close();
      }
    });

    it('uploads is past its RPO, with enough copies that all pass their integrity command', async () => {
      const config = backup('uploads');
      const copies = await copiesOf(config);
      expect(copies.length).toBeGreaterThanOrEqual(config.minCopies);
      const newest = copies[0];
      if (!newest || !config.verify) throw new Error('no copy or no verify command');
      expect(now.getTime() - Date.parse(newest.time)).toBeGreaterThan(config.rpo);
      const host = dirKind.accepts(config.source) ? dirKind.hostOf(config.source) : undefined;
      const checked = await on(host, filled(config.verify, newest));
      expect(checked.stderr).toBe('');
      expect(checked.exitCode).toBe(0);
    });
  },
);
