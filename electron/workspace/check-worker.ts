/**
 * The worker thread that reads and judges workspace files for the app and serve mode (checker.ts starts it), so a
 * slow or hostile file never holds up the event loop that serves the UI. Built to out/main/workspace-check.js.
 */
import { parentPort } from 'node:worker_threads';
import { loadWorkspaceFile } from './load';
import { type CheckReply, type CheckRequest } from './checker';

const port = parentPort;
if (!port) throw new Error('check-worker runs as a worker thread (see checker.ts)');

port.on('message', (request: CheckRequest) => {
  loadWorkspaceFile(request.path).then(
    (result) => port.postMessage({ id: request.id, result } satisfies CheckReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies CheckReply),
  );
});
