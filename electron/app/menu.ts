/**
 * The application menu, as a plain template (Menu.buildFromTemplate turns it into the real thing in main.ts).
 * Commands the UI must carry out (open the picker, go to a screen) travel as `app.command` events; the rest
 * (reload the workspace file, open the demo or a recent file) the main process does itself.
 */
import { type Payload } from '../../shared/api';
import { type RecentWorkspace } from '../../shared/model/workspace-state';

export type AppCommand = Payload<'app.command'>;

/** The roles this menu uses; a subset of Electron's, so the template type-checks against its own. */
export type MenuRole = 'appMenu' | 'editMenu' | 'windowMenu' | 'toggleDevTools' | 'forceReload' | 'quit' | 'services';

/** A menu item, structurally compatible with Electron's MenuItemConstructorOptions. */
export interface MenuItemTemplate {
  label?: string;
  id?: string;
  accelerator?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export interface MenuActions {
  /** Sends an `app.command` to the UI (after showing the window). */
  command(command: AppCommand): void;
  openDemo(): void;
  openRecent(path: string): void;
  /** Re-reads the workspace file (not the page). */
  reloadWorkspace(): void;
  about(): void;
  quit(): void;
}

export interface MenuOptions {
  platform: string;
  /** Developer tools and the page reload exist only when running from source. */
  isPackaged: boolean;
  recent: RecentWorkspace[];
  actions: MenuActions;
}

/** The screens of the left navigation, in order: View → <Screen> is Ctrl/Cmd+1…9, then 0 for the tenth. */
export const screens = [
  ['overview', 'Overview'],
  ['deploys', 'Deploys'],
  ['health', 'Health'],
  ['cost', 'Cost'],
  ['backups', 'Backups'],
  ['drills', 'Drills'],
  ['incidents', 'Incidents'],
  ['runbooks', 'Runbooks'],
  ['timeline', 'Timeline'],
  ['readiness', 'Readiness'],
  ['activity', 'Activity'],
  ['settings', 'Settings'],
] as const;

export function buildMenuTemplate(options: MenuOptions): MenuItemTemplate[] {
  const { actions } = options;
  const mac = options.platform === 'darwin';
  const separator: MenuItemTemplate = { type: 'separator' };

  const recent: MenuItemTemplate[] = options.recent.length
    ? options.recent.map((entry) => ({
        label: `${entry.name} — ${entry.path}`,
        click: () => actions.openRecent(entry.path),
      }))
    : [{ label: 'No recent workspaces', enabled: false }];

  const file: MenuItemTemplate = {
    label: 'File',
    submenu: [
      {
        id: 'open-workspace',
        label: 'Open Workspace…',
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.command({ command: 'open-workspace' }),
      },
      { id: 'open-demo', label: 'Open Demo Workspace', click: () => actions.openDemo() },
      { id: 'recent', label: 'Recent Workspaces', submenu: recent },
      separator,
      {
        id: 'reload-workspace',
        label: 'Reload Workspace',
        accelerator: 'CmdOrCtrl+R',
        click: () => actions.reloadWorkspace(),
      },
      // On macOS Quit lives in the app menu.
      ...(mac
        ? []
        : [separator, { id: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }]),
    ],
  };

  const view: MenuItemTemplate = {
    label: 'View',
    submenu: [
      ...screens.map(([screen, label], index) => ({
        id: `navigate-${screen}`,
        label,
        // Ctrl/Cmd+1…9 and 0 for the tenth, as Alt+digit in the window; the screens after it have none.
        ...(index < 10 ? { accelerator: `CmdOrCtrl+${(index + 1) % 10}` } : {}),
        click: () => actions.command({ command: 'navigate', arg: screen }),
      })),
      ...(options.isPackaged
        ? []
        : [
            separator,
            { label: 'Reload Window', role: 'forceReload' as const },
            { label: 'Toggle Developer Tools', role: 'toggleDevTools' as const },
          ]),
    ],
  };

  const help: MenuItemTemplate = {
    label: 'Help',
    submenu: [{ id: 'about', label: 'About Reliability Cockpit', click: () => actions.about() }],
  };

  // Edit gives copy/paste shortcuts in text fields (macOS has none without it); Window gives minimize/zoom.
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}
