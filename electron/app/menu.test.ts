import { type Mock, describe, expect, it, vi } from 'vitest';
import { type EventMessage } from '../../shared/rpc';
import { EventBus } from '../api/events';
import { type MenuActions, type MenuItemTemplate, buildMenuTemplate, screens } from './menu';

function actions(bus = new EventBus()): { [K in keyof MenuActions]: Mock<MenuActions[K]> } {
  return {
    command: vi.fn<MenuActions['command']>((command) => bus.emit('app.command', command)),
    openDemo: vi.fn<() => void>(),
    openRecent: vi.fn<(path: string) => void>(),
    reloadWorkspace: vi.fn<() => void>(),
    about: vi.fn<() => void>(),
    quit: vi.fn<() => void>(),
  };
}

/** Every item of a template, depth first. */
function flatten(items: MenuItemTemplate[]): MenuItemTemplate[] {
  return items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
}

function item(template: MenuItemTemplate[], id: string): MenuItemTemplate {
  const found = flatten(template).find((entry) => entry.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

const recent = [
  { path: '/srv/infra/cockpit.yaml', name: 'Acme Shop', openedAt: '2025-01-02T03:04:05.000Z' },
  { path: '/home/me/demo.yaml', name: 'Demo', openedAt: '2025-01-01T03:04:05.000Z' },
];

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Window and Help menus with the expected accelerators', () => {
    const template = buildMenuTemplate({ platform: 'linux', isPackaged: true, recent, actions: actions() });
    expect(template.map((entry) => entry.label ?? entry.role)).toEqual([
      'File',
      'editMenu',
      'View',
      'windowMenu',
      'Help',
    ]);
    expect(item(template, 'open-workspace')).toMatchObject({ label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O' });
    expect(item(template, 'reload-workspace')).toMatchObject({ label: 'Reload Workspace', accelerator: 'CmdOrCtrl+R' });
    expect(item(template, 'quit')).toMatchObject({ accelerator: 'CmdOrCtrl+Q' });
    expect(item(template, 'open-demo').label).toBe('Open Demo Workspace');
    expect(item(template, 'about').label).toBe('About Reliability Cockpit');
    screens.forEach(([screen, label], index) => {
      const accelerator = index < 10 ? `CmdOrCtrl+${(index + 1) % 10}` : undefined;
      expect(item(template, `navigate-${screen}`)).toMatchObject({ label });
      expect(item(template, `navigate-${screen}`)?.accelerator).toBe(accelerator);
    });
    const accelerators = flatten(template).flatMap((entry) => (entry.accelerator ? [entry.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('sends open-workspace to the UI through the event bus when Open Workspace is clicked', () => {
    const bus = new EventBus();
    const heard: EventMessage[] = [];
    bus.subscribe((message) => heard.push(message));
    const template = buildMenuTemplate({ platform: 'linux', isPackaged: true, recent, actions: actions(bus) });
    item(template, 'open-workspace').click?.();
    item(template, 'navigate-cost').click?.();
    expect(heard).toEqual([
      { event: 'app.command', payload: { command: 'open-workspace' } },
      { event: 'app.command', payload: { command: 'navigate', arg: 'cost' } },
    ]);
  });

  it('reloads the workspace file, opens the demo and recent files, quits and shows About', () => {
    const menuActions = actions();
    const template = buildMenuTemplate({ platform: 'linux', isPackaged: true, recent, actions: menuActions });
    item(template, 'reload-workspace').click?.();
    item(template, 'open-demo').click?.();
    const recentItems = item(template, 'recent').submenu ?? [];
    expect(recentItems.map((entry) => entry.label)).toEqual([
      'Acme Shop — /srv/infra/cockpit.yaml',
      'Demo — /home/me/demo.yaml',
    ]);
    recentItems[1]?.click?.();
    item(template, 'quit').click?.();
    item(template, 'about').click?.();
    expect(menuActions.reloadWorkspace).toHaveBeenCalledOnce();
    expect(menuActions.openDemo).toHaveBeenCalledOnce();
    expect(menuActions.openRecent).toHaveBeenCalledExactlyOnceWith('/home/me/demo.yaml');
    expect(menuActions.quit).toHaveBeenCalledOnce();
    expect(menuActions.about).toHaveBeenCalledOnce();
    expect(menuActions.command).not.toHaveBeenCalled();
  });

  it('says so when there are no recent workspaces', () => {
    const template = buildMenuTemplate({ platform: 'linux', isPackaged: true, recent: [], actions: actions() });
    expect(item(template, 'recent').submenu).toEqual([{ label: 'No recent workspaces', enabled: false }]);
  });

  it('offers developer tools only when not packaged', () => {
    const roles = (isPackaged: boolean) =>
      flatten(buildMenuTemplate({ platform: 'linux', isPackaged, recent: [], actions: actions() })).map(
        (entry) => entry.role,
      );
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('forceReload');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('puts Quit in the app menu on macOS', () => {
    const template = buildMenuTemplate({ platform: 'darwin', isPackaged: true, recent: [], actions: actions() });
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(flatten(template).some((entry) => entry.id === 'quit')).toBe(false);
  });
});
