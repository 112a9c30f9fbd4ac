/**
 * SSH fan-out benchmark (not a test): 30 real sshd "hosts" on loopback.
 *   1. one command on all 30 hosts through the pooled transport, in parallel (cold: includes connecting; warm:
 *      connections already open), vs a sequential `ssh` CLI loop over the same hosts, vs one host alone;
 *   2. 20 sequential steps on one host over the pooled connection vs 20 separate `ssh` invocations.
 * Run: npx tsx bench/ssh-fanout.bench.ts   (needs sshd and ssh from openssh-server/openssh-client)
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTransportRegistry } from '../electron/remote/registry';
import { type SshdFleet, startSshdFleet } from '../test/support/sshd';
import { findTool } from '../test/support/system-tool';
import { time } from './measure';

const run = promisify(execFile);
const HOSTS = 30;
const STEPS = 20;
const COMMAND = 'uname -n >/dev/null; echo ok';

function sshArgs(fleet: SshdFleet, knownHosts: string, port: number, command: string): string[] {
  return [
    '-F',
    fleet.emptySshConfig,
    '-i',
    fleet.clientKey,
    '-p',
    String(port),
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    `${fleet.user}@127.0.0.1`,
    command,
  ];
}

const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

async function main() {
  if (!findTool('sshd') || !findTool('ssh')) {
    console.error('ssh-fanout: needs sshd and ssh (apt-get install -y openssh-server openssh-client)');
    process.exitCode = 1;
    return;
  }
  const [startMs, fleet] = await time(() => startSshdFleet({ count: HOSTS, prefix: 'bench' }));
  const knownHosts = join(fleet.dir, 'known_hosts');
  fleet.writeKnownHosts(knownHosts);
  const hosts = Object.fromEntries(
    fleet.hosts.map((h) => [h.name, { ssh: `${fleet.user}@127.0.0.1`, port: h.port, identityFile: fleet.clientKey }]),
  );
  const registry = () =>
    createTransportRegistry({
      hosts: () => hosts,
      knownHostsFile: knownHosts,
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      local: { agentSocket: undefined },
    });
  const names = fleet.hosts.map((h) => h.name);
  const first = fleet.hosts[0];
  if (!first) throw new Error('no hosts started');

  try {
    const pool = registry();
    const fanOut = () => Promise.all(names.map((n) => pool.get(n).exec(COMMAND)));
    const [coldFanOut, results] = await time(fanOut);
    if (results.some((r) => r.stdout.trim() !== 'ok')) throw new Error('a host did not answer ok');
    const [warmFanOut] = await time(fanOut);

    const [cliLoop] = await time(async () => {
      for (const h of fleet.hosts) await run('ssh', sshArgs(fleet, knownHosts, h.port, COMMAND));
    });

    const single = registry();
    const [oneColdPool] = await time(() => single.get(first.name).exec(COMMAND));
    const [oneWarmPool] = await time(() => single.get(first.name).exec(COMMAND));
    const [oneCli] = await time(() => run('ssh', sshArgs(fleet, knownHosts, first.port, COMMAND)));

    const [pooledSteps] = await time(async () => {
      for (let i = 0; i < STEPS; i++) await single.get(first.name).exec(`echo step ${i}`);
    });
    const [cliSteps] = await time(async () => {
      for (let i = 0; i < STEPS; i++) await run('ssh', sshArgs(fleet, knownHosts, first.port, `echo step ${i}`));
    });
    await Promise.all([pool.closeAll(), single.closeAll()]);

    console.log(`\nSSH fan-out over loopback (${HOSTS} sshd hosts, started in ${startMs.toFixed(0)} ms)\n`);
    console.log(`  one command on ${HOSTS} hosts, pooled, parallel, cold (connects) ${ms(coldFanOut)}`);
    console.log(`  one command on ${HOSTS} hosts, pooled, parallel, warm            ${ms(warmFanOut)}`);
    console.log(`  one command on ${HOSTS} hosts, sequential \`ssh\` loop            ${ms(cliLoop)}`);
    console.log(
      `  one command on 1 host, pooled cold / warm                    ${ms(oneColdPool)} / ${ms(oneWarmPool).trim()}`,
    );
    console.log(`  one command on 1 host, \`ssh\`                                 ${ms(oneCli)}`);
    console.log(
      `  → fan-out (cold) is ${ratio(cliLoop, coldFanOut)} faster than the ssh loop; it takes ${ratio(coldFanOut, oneColdPool)} the time of one host alone`,
    );
    console.log(
      `  → fan-out (warm) is ${ratio(cliLoop, warmFanOut)} faster than the ssh loop; it takes ${ratio(warmFanOut, oneWarmPool)} the time of one host alone\n`,
    );
    console.log(`  ${STEPS} sequential steps on one host, pooled connection             ${ms(pooledSteps)}`);
    console.log(`  ${STEPS} sequential steps on one host, separate \`ssh\` invocations   ${ms(cliSteps)}`);
    console.log(
      `  → pooled is ${ratio(cliSteps, pooledSteps)} faster (${(pooledSteps / STEPS).toFixed(1)} ms vs ${(cliSteps / STEPS).toFixed(1)} ms per step)\n`,
    );
  } finally {
    await fleet.stop();
  }
}

await main();
