/**
 * TEST CODE ONLY — a process that runs a demo runtime, prints one JSON line with its sandboxes' pids and states once
 * they listen, and then either waits to be killed (a test kills it outright: SIGKILL, no handler runs) or, on
 * "exit" on its stdin, calls process.exit (only the exit hook can stop the sandboxes then, when the launcher gives
 * them no stdin pipe to watch). Argv: <dataDir> <ports JSON> [node|utility|utility-unwatched] — the launcher:
 * `node script` (default), or the utilityProcess launcher over an imitation of Electron's utilityProcess, whose
 * sandboxes watch this process's pid — or, "unwatched", the test runner's, which outlives this process: then
 * nothing but the exit hook can stop them.
 */
import { createInterface } from 'node:readline';
import { nodeLauncher } from '../launcher';
import { DemoRuntime } from '../runtime';
import { utilityProcessLauncher } from '../utility-launcher';
import { childProcessUtility } from './child-process-utility';
import { type DemoPorts, demoWorkspace } from './demo-workspace';

const [dataDir, portsJson, launcherName = 'node'] = process.argv.slice(2);
if (!dataDir || !portsJson)
  throw new Error('usage: runtime-child <dataDir> <ports JSON> [node|utility|utility-unwatched]');
const ports = JSON.parse(portsJson) as DemoPorts;
const launcher =
  launcherName === 'node'
    ? nodeLauncher
    : utilityProcessLauncher(childProcessUtility(), {
        parentPid: launcherName === 'utility-unwatched' ? process.ppid : process.pid,
      });
const runtime = new DemoRuntime({ dataDir, portInUse: 'problem', retryMs: 0, launcher });
await runtime.sync(demoWorkspace(ports));
const status = await runtime.status();
console.log(JSON.stringify({ pids: runtime.pids(), states: status.instances.map((i) => i.state) }));
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'exit') process.exit(0);
});
setInterval(() => undefined, 60_000);
