/**
 * TEST CODE ONLY — a process that runs a demo runtime and then waits to be killed, so a test can kill it outright
 * (SIGKILL: no handler runs) and check that its sandboxes went with it. Prints one JSON line with the sandboxes'
 * pids and ports once they listen. Argv: <dataDir> <ports JSON>.
 */
import { DemoRuntime } from '../runtime';
import { type DemoPorts, demoWorkspace } from './demo-workspace';

const [dataDir, portsJson] = process.argv.slice(2);
if (!dataDir || !portsJson) throw new Error('usage: runtime-child <dataDir> <ports JSON>');
const ports = JSON.parse(portsJson) as DemoPorts;
const runtime = new DemoRuntime({ dataDir, portInUse: 'problem', retryMs: 0 });
await runtime.sync(demoWorkspace(ports));
const status = await runtime.status();
console.log(JSON.stringify({ pids: runtime.pids(), states: status.instances.map((i) => i.state) }));
setInterval(() => undefined, 60_000);
