/**
 * Contract method → service call. Handlers only adapt: validation happened in dispatch, logic lives in the
 * services. Adding a method to the contract without a handler here is a type error.
 */
import { type AppInfo, type Settings } from '../../shared/api/app';
import { CockpitError } from '../../shared/rpc';
import { type Journal } from '../journal/types';
import { type WorkspaceService } from '../workspace/types';
import { type appMethods } from '../../shared/api/app';
import { type journalMethods } from '../../shared/api/journal';
import { type workspaceMethods } from '../../shared/api/workspace';
import { type Handlers } from './dispatch';

export interface SettingsService {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

/** Native pickers exist only in the desktop shell; serve mode leaves this out. */
export interface Dialogs {
  pickWorkspaceFile(): Promise<string | null>;
  /** Asks where to save, then writes the window as printed; the path written, or null when cancelled. */
  savePdf?(suggestedName: string): Promise<string | null>;
}

export interface Services {
  info: () => AppInfo;
  settings: SettingsService;
  workspace: WorkspaceService;
  journal: Journal;
  dialogs?: Dialogs;
}

/** The methods the core answers itself; features (deploys, health, cost) answer the rest. */
export type CoreMethodName = keyof (typeof appMethods & typeof workspaceMethods & typeof journalMethods) & string;

export function createCoreHandlers(services: Services): Pick<Handlers, CoreMethodName> {
  const { workspace, journal, settings } = services;
  return {
    'app.info': () => services.info(),
    'app.settings': () => settings.get(),
    'app.updateSettings': (patch) => settings.update(patch),
    // Only an acknowledgement: the desktop shell marks its window ready in electron/app/ipc.ts, per sender.
    'app.commandsReady': () => ({}),
    'app.savePdf': async ({ suggestedName }) => {
      if (!services.dialogs?.savePdf) {
        throw new CockpitError(
          'UNSUPPORTED',
          'Saving a PDF needs the desktop app: print the page and choose "Save as PDF".',
        );
      }
      return { path: await services.dialogs.savePdf(suggestedName) };
    },

    'workspace.current': () => workspace.current(),
    'workspace.open': ({ path }) => workspace.open(path),
    'workspace.openDemo': () => workspace.openDemo(),
    'workspace.reload': () => workspace.reload(),
    'workspace.validate': async ({ path }) => {
      const result = await workspace.validate(path);
      return { ok: result.issues.length === 0, issues: result.issues };
    },
    'workspace.browse': async () => {
      if (!services.dialogs) {
        throw new CockpitError('UNSUPPORTED', 'There is no file picker in serve mode: type the path to cockpit.yaml.');
      }
      return { path: await services.dialogs.pickWorkspaceFile() };
    },
    'workspace.recent': () => workspace.recent(),

    'journal.list': (options) => journal.list(options),
    'journal.get': ({ id }) => {
      const found = journal.get(id);
      if (!found) throw new CockpitError('NOT_FOUND', `no journal action with id ${id}`);
      return found;
    },
    'journal.days': (range) => {
      if (!journal.countByDay) throw new CockpitError('UNSUPPORTED', 'This journal cannot count actions by day.');
      return { days: journal.countByDay(range) };
    },
  };
}
