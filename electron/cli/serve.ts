/**
 * `cockpit serve`: the cockpit in a browser. Starts the same backend the desktop app uses and a loopback-only
 * HTTP + WebSocket server with a fresh token, prints the URL, and stops cleanly on Ctrl+C.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend';
import { defaultDataDir, rendererDir } from '../paths';
import { startServer } from '../serve/server';
import { startupErrorMessage } from '../startup-error';
import { type CliIO, EXIT } from './io';
import { parseDuration } from '../../shared/workspace/units';

export const serveUsage = `Usage: cockpit serve [options]

Runs Reliability Cockpit in your browser: a server on 127.0.0.1 only, protected by a random token.

Options:
  --workspace PATH   open this cockpit.yaml (default: the last one used, else the built-in demo)
  --demo             open the built-in demo workspace
  --no-demo-drill    do not run the demo's rollback drill on its first launch
  --port N           listen on this port (default: a free one)
  --data-dir DIR     where the journal lives (default: the app's data directory, or $COCKPIT_DATA_DIR)
  --json             print {"url","port","token","dataDir"} as one JSON line instead of the banner
  -h, --help         show this help and do nothing else
`;

export interface ServeHandle {
  url: string;
  stop(): Promise<void>;
}

export async function runServe(argv: string[], io: CliIO, waitForSignal = true): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        workspace: { type: 'string' },
        demo: { type: 'boolean' },
        'no-demo-drill': { type: 'boolean' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr(`cockpit serve: ${(error as Error).message}\n\n${serveUsage}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout(serveUsage);
    return EXIT.ok;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`cockpit serve: --port must be a number from 0 to 65535, got "${values.port}"`);
    return EXIT.usage;
  }
  const renderer = rendererDir();
  if (!existsSync(join(renderer, 'index.html'))) {
    io.stderr('cockpit serve: the UI is not built yet. Run `npm run build` first (npm start and npm run serve do it).');
    return EXIT.failed;
  }

  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  let backend;
  try {
    backend = await createBackend({
      dataDir,
      transport: 'websocket',
      workspacePath: values.demo ? undefined : values.workspace,
      demo: values.demo === true,
      demoDrill: values['no-demo-drill'] !== true,
      ...demoDrillDelay(io),
    });
  } catch (error) {
    io.stderr(`cockpit serve: ${startupErrorMessage(error)}`);
    return EXIT.failed;
  }
  // On stderr, so that with --json the first line of stdout is still the JSON.
  if (backend.journal.movedAside) io.stderr(`cockpit serve: ${backend.journal.movedAside.notice}`);
  let server;
  try {
    server = await startServer({ backend, rendererDir: renderer, port });
  } catch (error) {
    await backend.close();
    io.stderr(`cockpit serve: ${startupErrorMessage(error)}`);
    return EXIT.failed;
  }

  if (values.json) {
    io.stdout(JSON.stringify({ url: server.url, port: server.port, token: server.token, dataDir }));
  } else {
    const state = backend.workspace.current();
    const name = state.workspace?.name ?? '(none)';
    const from = state.loadedFrom?.kind === 'demo' ? 'built-in demo' : (state.loadedFrom?.path ?? '');
    io.stdout(
      [
        'Reliability Cockpit — serve mode (127.0.0.1 only)',
        `  Workspace  ${name}${from ? ` (${from})` : ''}${state.issues.length ? `  ⚠ ${state.issues.length} problem(s) in the file` : ''}`,
        `  Data       ${dataDir}`,
        `  Open       ${server.url}`,
        'Press Ctrl+C to stop.',
      ].join('\n'),
    );
  }

  if (!waitForSignal) {
    await server.close();
    await backend.close();
    return EXIT.ok;
  }
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await backend.close();
  return EXIT.ok;
}

/**
 * `COCKPIT_DEMO_DRILL_DELAY` (e.g. `2s`) starts the demo's first-launch drill sooner than its 20 s: the browser
 * tests that watch it do not wait for a pause meant for a person reading the first screen.
 */
function demoDrillDelay(io: CliIO): { demoDrillDelayMs?: number } {
  const text = process.env.COCKPIT_DEMO_DRILL_DELAY;
  if (!text) return {};
  const ms = parseDuration(text);
  if (ms === undefined) {
    io.stderr(
      `cockpit serve: COCKPIT_DEMO_DRILL_DELAY="${text}" is not a duration like 2s or 1m; using the default 20 s.`,
    );
    return {};
  }
  return { demoDrillDelayMs: ms };
}
