/**
 * The tray icon: a glance at overall health (its image and tooltip follow `setStatus`) and a short menu. The
 * health feature calls setStatus; until then the status is 'unknown'.
 */
import { join } from 'node:path';
import { type MenuItemTemplate } from './menu';

export type TrayStatus = 'up' | 'degraded' | 'down' | 'unknown';

/** The slice of Electron's Tray we use; a fake in tests. Images are file paths (Electron picks @2x itself). */
export interface TrayLike {
  setImage(image: string): void;
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayActions {
  show(): void;
  openWorkspace(): void;
  quit(): void;
}

export interface TrayOptions<T extends TrayLike, M> {
  /** `new Tray(image)` */
  create: (image: string) => T;
  /** `Menu.buildFromTemplate` */
  buildMenu: (template: MenuItemTemplate[]) => M;
  iconsDir: string;
  platform: string;
  actions: TrayActions;
}

export interface CockpitTray {
  setStatus(status: TrayStatus): void;
  readonly status: TrayStatus;
  destroy(): void;
}

const describe: Record<TrayStatus, string> = {
  up: 'all checks passing',
  degraded: 'some checks failing',
  down: 'a service is down',
  unknown: 'no health data yet',
};

/** The icon file for a status. macOS menu bars want a monochrome template unless there is something to flag. */
export function trayIconPath(iconsDir: string, platform: string, status: TrayStatus): string {
  if (platform === 'darwin' && (status === 'up' || status === 'unknown')) return join(iconsDir, 'trayTemplate.png');
  return join(iconsDir, `tray-${status}.png`);
}

export function trayTooltip(status: TrayStatus): string {
  return `Reliability Cockpit — ${describe[status]}`;
}

export function createTray<T extends TrayLike, M>(options: TrayOptions<T, M>): CockpitTray {
  const { actions } = options;
  let status: TrayStatus = 'unknown';
  const tray = options.create(trayIconPath(options.iconsDir, options.platform, status));

  const render = () => {
    tray.setImage(trayIconPath(options.iconsDir, options.platform, status));
    tray.setToolTip(trayTooltip(status));
    tray.setContextMenu(
      options.buildMenu([
        { id: 'status', label: `Status: ${describe[status]}`, enabled: false },
        { type: 'separator' },
        { id: 'show', label: 'Show Cockpit', click: () => actions.show() },
        { id: 'open-workspace', label: 'Open Workspace…', click: () => actions.openWorkspace() },
        { type: 'separator' },
        { id: 'quit', label: 'Quit', click: () => actions.quit() },
      ]),
    );
  };
  render();
  // Windows and Linux users expect a click on the icon to bring the window back.
  tray.on('click', () => actions.show());

  let destroyed = false;
  return {
    setStatus(next) {
      if (destroyed || next === status) return;
      status = next;
      render();
    },
    get status() {
      return status;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      tray.destroy();
    },
  };
}
