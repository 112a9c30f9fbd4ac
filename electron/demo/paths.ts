/** Where the demo's sandbox service is: resources/demo/sandbox/server.mjs in the app's folder. */
import { join } from 'node:path';
import { appRoot, unpacked } from '../paths';

export function demoSandboxScript(): string {
  return unpacked(join(appRoot(), 'resources', 'demo', 'sandbox', 'server.mjs'));
}
