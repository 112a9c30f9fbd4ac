/**
 * Backups on real parts (not a test): one OpenSSH host on loopback and a real PostgreSQL server.
 *   1. A restore drill of a 100k-row database (`pg_dump -Fc` in a folder on the host) through the cockpit:
 *      preflight, restore into a scratch database, two smoke queries, teardown — wall time split by phase — against
 *      the same commands run by hand: strictly, in one `ssh` session one after another (the target: the cockpit's
 *      overhead ≤ 5 %), and as a person at a terminal does it, one `ssh` per command (a fresh connection each),
 *      both finding the newest copy with `ls -t | head -1` first.
 *   2. Verification of 50 backups on that one host (each a folder of 7 gzip copies: list, freshness, size, count,
 *      and `gzip -t {file}` on the newest), warm (the connection is open), as "Verify now" runs it (every integrity
 *      command again) and as the scheduler does (a passed result on an unchanged copy carried over). Target ≤ 2 s.
 * Several rounds each; prints min/median/max and the ratios.
 * Run: npx tsx bench/backups.bench.ts   (needs sshd, ssh, PostgreSQL's server and client programs, gzip)
 */
import { execFile } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type RestoreDrill } from '../shared/model/backups';
import { type Backend, createBackend } from '../electron/backend';
import { sh } from '../electron/remote/quote';
import { type PgCluster, startPostgres } from '../test/support/postgres';
import { type SshdFleet, startSshdFleet } from '../test/support/sshd';
import { time, type Stats, stats } from './measure';

const run = promisify(execFile);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const ROWS = 100_000;
const BACKUPS = 50;

const fmt = (s: Stats) => `min ${s.min.toFixed(0)} · median ${s.median.toFixed(0)} · max ${s.max.toFixed(0)} ms`;

async function main() {
  const fleet: SshdFleet = await startSshdFleet({ count: 1, prefix: 'bk' });
  const pg: PgCluster = await startPostgres();
  let backend: Backend | undefined;
  const savedHome = process.env.HOME;
  try {
    const host = fleet.hosts[0];
    if (!host) throw new Error('no host');
    const home = join(fleet.dir, 'local-home');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    process.env.HOME = home;
    delete process.env.SSH_AUTH_SOCK;
    const dataDir = join(fleet.dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    fleet.writeKnownHosts(join(dataDir, 'known_hosts'));

    // The database and its dump, in a folder on the host.
    pg.psql(
      `create table orders (id bigint primary key, created_at timestamptz not null, amount numeric(10,2), note text);
       insert into orders select i, now() - (${ROWS} - i) * interval '1 second', (i % 997) / 7.0, md5(i::text)
       from generate_series(1, ${ROWS}) i;`,
    );
    const dumps = join(host.home, 'backups', 'orders');
    mkdirSync(dumps, { recursive: true });
    const dumpFile = join(dumps, 'orders-2026-12-06.dump');
    await run(pg.bin('pg_dump'), ['-Fc', '-f', dumpFile, 'postgres'], { env: { ...process.env, ...pg.env } });

    // 50 small backups for the verification figure.
    for (let b = 0; b < BACKUPS; b++) {
      const dir = join(host.home, 'backups', `b${b}`);
      mkdirSync(dir, { recursive: true });
      for (let i = 0; i < 7; i++) {
        const file = join(dir, `copy-${i}.gz`);
        writeFileSync(file, gzipSync(`backup ${b} copy ${i}\n`.repeat(500)));
        const t = (Date.now() - 3_600_000 - i * 86_400_000) / 1000;
        utimesSync(file, t, t);
      }
    }

    const env = `export PGHOST=127.0.0.1 PGPORT=${pg.port} PGUSER=postgres;`;
    const psql = (sql: string) => `${env} ${pg.bin('psql')} -X -tA -v ON_ERROR_STOP=1 -d {scratch} -c "${sql}"`;
    const drill = {
      preflight: `${env} ! ${pg.bin('psql')} -X -tA -d {scratch} -c 'select 1' >/dev/null 2>&1`,
      restore: `${env} ${pg.bin('createdb')} {scratch} && ${pg.bin('pg_restore')} --no-owner --exit-on-error -d {scratch} {file}`,
      count: psql('select count(*) from orders'),
      newest: psql('select max(created_at) from orders'),
      teardown: `${env} ${pg.bin('dropdb')} --if-exists {scratch}`,
    };
    const yamlString = (s: string) => JSON.stringify(s);
    const workspaceFile = join(fleet.dir, 'cockpit.yaml');
    writeFileSync(
      workspaceFile,
      [
        'version: 1',
        'name: Backups bench',
        'environments:',
        '  staging: { hosts: [bk1] }',
        'hosts:',
        `  bk1: { ssh: "${fleet.user}@127.0.0.1", port: ${host.port}, identityFile: "${fleet.clientKey}" }`,
        'services:',
        '  shop:',
        '    backups:',
        `      - id: orders-db`,
        `        source: { dir: ${yamlString(dumps)}, host: bk1, match: "*.dump" }`,
        `        rpo: 26h`,
        `        drill:`,
        `          host: bk1`,
        `          preflight: ${yamlString(drill.preflight)}`,
        `          restore: ${yamlString(drill.restore)}`,
        `          checks:`,
        `            - { name: orders restored, run: ${yamlString(drill.count)}, expect: { atLeast: ${ROWS} } }`,
        `            - { name: newest order, run: ${yamlString(drill.newest)}, dataTime: true }`,
        `          teardown: ${yamlString(drill.teardown)}`,
        ...Array.from({ length: BACKUPS }, (_, b) =>
          [
            `      - id: b${b}`,
            `        source: { dir: ~/backups/b${b}, host: bk1, match: "*.gz" }`,
            `        minCopies: 7`,
            `        verify: "gzip -t {file}"`,
          ].join('\n'),
        ),
        '',
      ].join('\n'),
    );
    backend = await createBackend({
      dataDir,
      transport: 'websocket',
      workspacePath: workspaceFile,
      watch: false,
      background: false,
    });
    const issues = backend.workspace.current().issues;
    if (issues.length) throw new Error(`workspace issues: ${JSON.stringify(issues)}`);
    const feature = backend.features.backups;

    // ── 1. The drill, through the cockpit and by hand ──
    const opts = [
      '-F',
      fleet.emptySshConfig,
      '-i',
      fleet.clientKey,
      '-o',
      `UserKnownHostsFile=${join(dataDir, 'known_hosts')}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'BatchMode=yes',
      '-o',
      'IdentitiesOnly=yes',
      '-p',
      String(host.port),
      `${fleet.user}@127.0.0.1`,
    ];
    const fill = (command: string, scratch: string, file: string) =>
      command.replaceAll('{scratch}', scratch).replaceAll('{file}', sh`${file}`);
    const ssh = async (command: string) => {
      const t0 = Date.now();
      const r = await run('ssh', [...opts, command], { maxBuffer: 16 * 1024 * 1024 });
      if (process.env.BENCH_DEBUG) console.log(`    ${Date.now() - t0} ms: ${command.slice(0, 90)}`);
      return r;
    };
    const newestDump = sh`ls -t ${dumps}` + ' | head -1';
    /** The strict baseline: the same commands in one SSH session, one after another, nothing else. */
    const byHand = async (round: number) => {
      const scratch = `by_hand_${round}`;
      const file = `${dumps}/"$(${newestDump})"`;
      const steps = [drill.preflight, drill.restore, drill.count, drill.newest, drill.teardown].map((c) =>
        c.replaceAll('{scratch}', scratch).replaceAll('{file}', file),
      );
      const { stdout } = await ssh(`set -e; ${steps.map((c) => `(${c})`).join('; ')}`);
      if (!stdout.includes(String(ROWS))) throw new Error(`by hand: ${stdout}`);
    };
    /** What a person at a terminal does: one `ssh` per command, each a fresh connection. */
    const perCommand = async (round: number) => {
      const scratch = `per_command_${round}`;
      const file = join(dumps, (await ssh(newestDump)).stdout.trim());
      for (const command of [drill.preflight, drill.restore, drill.count, drill.newest, drill.teardown])
        await ssh(fill(command, scratch, file));
    };
    const cockpitDrill = async (): Promise<RestoreDrill> => {
      const started = await feature.drills.start({ service: 'shop', backup: 'orders-db', actor: 'bench' });
      const result = await started.done;
      if (result.status !== 'succeeded') throw new Error(`drill ${result.status}: ${result.summary ?? ''}`);
      return result;
    };

    await byHand(-1); // warm the page cache and PostgreSQL alike for both
    await cockpitDrill();
    const hand: number[] = [];
    const perCommandMs: number[] = [];
    const cockpit: number[] = [];
    const phases: Record<string, number[]> = { preflight: [], restore: [], checks: [], teardown: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always enjoys a warmer machine.
      const measureHand = async () => hand.push((await time(() => byHand(round)))[0]);
      const measureCockpit = async () => {
        const [ms, result] = await time(cockpitDrill);
        cockpit.push(ms);
        for (const phase of result.phases) phases[phase.name]?.push(phase.durationMs);
      };
      if (round % 2 === 0) {
        await measureHand();
        await measureCockpit();
      } else {
        await measureCockpit();
        await measureHand();
      }
      perCommandMs.push((await time(() => perCommand(round)))[0]);
    }
    const h = stats(hand);
    const c = stats(cockpit);
    console.log(`restore drill of a ${ROWS.toLocaleString('en')}-row PostgreSQL database, ${ROUNDS} rounds`);
    console.log(`  by hand, one ssh session:  ${fmt(h)}`);
    console.log(`  by hand, ssh per command:  ${fmt(stats(perCommandMs))}`);
    console.log(`  cockpit drill:             ${fmt(c)}`);
    for (const [name, samples] of Object.entries(phases)) console.log(`    ${name.padEnd(10)} ${fmt(stats(samples))}`);
    const overhead = (c.median / h.median - 1) * 100;
    console.log(
      `  overhead against one ssh session: ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)} % (target ≤ 5 %) — ${overhead <= 5 ? 'met' : 'NOT met'}`,
    );

    // ── 2. Verification of 50 backups on one host, warm ──
    await feature.verify({ service: 'shop' }); // opens the connection
    const warm = async (scheduled: boolean) => {
      const samples: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const [ms] = await time(async () => {
          const overview = await feature.verify({ service: 'shop' }, { scheduled });
          const broken = overview.backups.filter((s) => s.id.startsWith('b') && s.health !== 'ok');
          if (broken.length) throw new Error(`${broken.length} backups not ok: ${broken[0]?.reason}`);
        });
        samples.push(ms);
      }
      return stats(samples);
    };
    const asked = await warm(false);
    const scheduled = await warm(true);
    console.log(`verification of ${BACKUPS} backups (+ the drill's) on one SSH host, warm, ${ROUNDS} rounds`);
    console.log(
      `  Verify now (every integrity command run):             ${fmt(asked)} — target ≤ 2000 ms: ${asked.median <= 2000 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `  scheduled (unchanged copies' integrity carried over): ${fmt(scheduled)} — target ≤ 2000 ms: ${scheduled.median <= 2000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await backend?.close();
    process.env.HOME = savedHome;
    await pg.stop();
    await fleet.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
