/**
 * The open workspace. Opening reads and validates a file; a valid file becomes the workspace, a broken one only
 * reports its issues while the last good workspace stays loaded (so a typo never blanks the screens). The file
 * is watched: every save is read again, a fixed file is picked up, a broken save keeps the last good one.
 * Every open and reload is journalled; files that loaded go to the recent list.
 */
import { realpath } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import {
  type RecentWorkspace,
  type WorkspaceSource,
  type WorkspaceState,
  noWorkspaceState,
} from '../../shared/model/workspace-state';
import { type Journal } from '../journal/types';
import { type WorkspaceChecker, createWorkspaceChecker } from './checker';
import { describeSize, formatIssue, plural } from './format';
import { readRecent, rememberRecent } from './recent';
import { type LoadResult, type WorkspaceService, wholeFileIssue } from './types';
import { type FileWatcher, watchFile } from './watch';
import { log } from '../log';

export interface WorkspaceServiceOptions {
  journal: Journal;
  /** The built-in demo workspace file. */
  demoPath: string;
  /** Called after every open and reload, with the new state (the `workspace.changed` event). */
  onChange: (state: WorkspaceState) => void;
  /** Watch the open file and reload on save (default true). */
  watch?: boolean;
  now?: () => Date;
  /** Quiet time after a save before reading the file (default 150 ms). */
  debounceMs?: number;
  /** Reads and judges files off the main thread (default: a worker thread, see checker.ts). */
  checker?: WorkspaceChecker;
}

/** How many issues are copied into the journal as steps: enough to read, not a flood. */
const JOURNALLED_ISSUES = 20;

export function createWorkspaceService(options: WorkspaceServiceOptions): WorkspaceService {
  const { journal } = options;
  const now = options.now ?? (() => new Date());
  const demoPath = resolve(options.demoPath);
  let state: WorkspaceState = noWorkspaceState;
  let watcher: FileWatcher | undefined;
  let watchedPath: string | undefined;
  let closed = false;
  const checker = options.checker ?? createWorkspaceChecker();
  // Opens and reloads run one at a time, so a save arriving mid-open cannot interleave two states.
  let queue: Promise<unknown> = Promise.resolve();

  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const ensureWatching = (path: string) => {
    if (options.watch === false || closed || watchedPath === path) return;
    watcher?.close();
    watchedPath = path;
    watcher = watchFile(path, () => onFileChanged(path), { debounceMs: options.debounceMs });
  };

  const onFileChanged = (path: string) => {
    if (closed || state.source?.path !== path) return;
    void serialize(async () => {
      // Another file may have been opened while this reload waited its turn.
      if (closed || !state.source || state.source.path !== path) return state;
      return load(state.source, 'workspace.reload');
    }).catch((error: unknown) => log.error('[cockpit] workspace reload failed:', error));
  };

  async function load(source: WorkspaceSource, kind: 'workspace.open' | 'workspace.reload'): Promise<WorkspaceState> {
    const verb = kind === 'workspace.open' ? 'Open' : 'Reload';
    const action = journal.begin({
      kind,
      title: `${verb} ${source.kind === 'demo' ? 'the demo workspace' : `workspace ${basename(source.path)}`}`,
      target: source.path,
      data: { source: source.kind },
    });
    // Watch before reading: a save made while the file is being read is then seen, not lost.
    ensureWatching(source.path);
    let result: LoadResult;
    try {
      // Opening is reachable over the socket too, and a failed open journals and shows the file's issues.
      result = (await refuseNonYaml(source.path)) ?? (await checker.check(source.path));
    } catch (error) {
      const message = `cannot check the workspace: ${error instanceof Error ? error.message : String(error)}`;
      log.error(`[cockpit] ${message}`);
      result = wholeFileIssue(source.path, message);
    }
    const at = now().toISOString();

    if (result.workspace) {
      const workspace = result.workspace;
      state = { source, workspace, loadedFrom: source, issues: [], loadedAt: at, checkedAt: at };
      if (source.kind === 'file') rememberRecent(journal, { path: source.path, name: workspace.name, openedAt: at });
      action.succeed(`Loaded ${workspace.name}: ${describeSize(workspace)}`, {
        environments: Object.keys(workspace.environments).length,
        services: Object.keys(workspace.services).length,
      });
    } else {
      state = { ...state, source, issues: result.issues, checkedAt: at };
      for (const issue of result.issues.slice(0, JOURNALLED_ISSUES)) action.step(formatIssue(issue));
      const kept = state.workspace ? `kept ${state.workspace.name}` : 'no workspace loaded';
      action.fail(`${plural(result.issues.length, 'issue')}; ${kept}`, { issues: result.issues.length });
    }
    if (!closed) options.onChange(state);
    return state;
  }

  return {
    current: () => state,
    open: (path) => serialize(() => load(sourceFor(resolve(path), demoPath), 'workspace.open')),
    openDemo: () => serialize(() => load({ kind: 'demo', path: demoPath }, 'workspace.open')),
    reload: () => serialize(async () => (state.source ? load(state.source, 'workspace.reload') : state)),
    async validate(path) {
      const full = resolve(path);
      return (await refuseNonYaml(full)) ?? checker.check(full);
    },
    recent: (): RecentWorkspace[] => readRecent(journal),
    close() {
      closed = true;
      checker.close();
      watcher?.close();
      watcher = undefined;
      watchedPath = undefined;
    },
  };
}

function sourceFor(path: string, demoPath: string): WorkspaceSource {
  return { kind: path === demoPath ? 'demo' : 'file', path };
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

/**
 * `workspace.validate` and `workspace.open` are reachable over the socket, and the issues of a file that is not YAML at all would show
 * its first bytes to whoever asked (`/proc/self/environ`, a key file). Only YAML files are read, judged by the name
 * asked for and by the file a symlink leads to; of any other file nothing is said but that it is not checked.
 */
async function refuseNonYaml(path: string): Promise<LoadResult | undefined> {
  let real = path;
  try {
    real = await realpath(path);
  } catch {
    // A missing file is reported by the check itself ("file not found"), which reads nothing.
  }
  const isYaml = (p: string) => YAML_EXTENSIONS.has(extname(p).toLowerCase());
  if (isYaml(path) && isYaml(real)) return undefined;
  return wholeFileIssue(
    path,
    'not checked: only .yaml and .yml files are workspace files',
    'the path of a cockpit.yaml file',
  );
}
