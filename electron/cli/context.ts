/**
 * Runs a CLI command against the same backend the app uses — same journal, same workspace rules — read once,
 * with no watchers or background schedulers, and always closed afterwards.
 */
import { resolve } from 'node:path';
import { type Backend, createBackend } from '../backend';
import { defaultDataDir } from '../paths';
import { type CliIO, processIO } from './io';
import { terminalPrompts } from './terminal-prompts';

export interface CliBackendOptions {
  /** --workspace PATH; default: the last workspace the app used, else the demo. */
  workspace?: string;
  demo?: boolean;
  dataDir?: string;
  /** Where a notice about the journal (a damaged one moved aside) is printed; the process's stderr by default. */
  io?: CliIO;
}

export async function withBackend<T>(options: CliBackendOptions, run: (backend: Backend) => Promise<T>): Promise<T> {
  const backend = await createBackend({
    dataDir: resolve(options.dataDir ?? defaultDataDir()),
    transport: 'cli',
    workspacePath: options.workspace,
    demo: options.demo,
    watch: false,
    background: false,
    // No window to show a dialog: an SSH key's passphrase and a confirm step are asked on this terminal.
    prompts: terminalPrompts(),
  });
  const moved = backend.journal.movedAside;
  if (moved) (options.io ?? processIO).stderr(`cockpit: ${moved.notice}`);
  try {
    return await run(backend);
  } finally {
    await backend.close();
  }
}

/** The options every backend-using command accepts, for util.parseArgs. */
export const backendArgOptions = {
  workspace: { type: 'string' },
  demo: { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const;

export const backendArgHelp = `  --workspace PATH   the cockpit.yaml to use (default: the last one the app used, else the demo)
  --demo             use the built-in demo workspace
  --data-dir DIR     the cockpit's data folder (default: the app's, or $COCKPIT_DATA_DIR)`;
