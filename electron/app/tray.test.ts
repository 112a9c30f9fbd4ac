import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type MenuItemTemplate } from './menu';
import { type TrayLike, createTray, trayIconPath, trayTooltip } from './tray';

class FakeTray implements TrayLike {
  image: string;
  tooltip = '';
  menu: MenuItemTemplate[] = [];
  clickListeners: (() => void)[] = [];
  destroyed = 0;
  constructor(image: string) {
    this.image = image;
  }
  setImage(image: string) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown) {
    this.menu = menu as MenuItemTemplate[];
  }
  on(_event: 'click', listener: () => void) {
    this.clickListeners.push(listener);
  }
  destroy() {
    this.destroyed++;
  }
}

function setup(platform = 'linux') {
  let tray: FakeTray | undefined;
  const actions = { show: vi.fn(), openWorkspace: vi.fn(), quit: vi.fn() };
  const cockpitTray = createTray({
    create: (image) => (tray = new FakeTray(image)),
    buildMenu: (template) => template,
    iconsDir: '/icons',
    platform,
    actions,
  });
  if (!tray) throw new Error('no tray created');
  return { tray, cockpitTray, actions };
}

describe('createTray', () => {
  it('starts unknown, with a tooltip and the three actions', () => {
    const { tray, actions } = setup();
    expect(tray.image).toBe(join('/icons', 'tray-unknown.png'));
    expect(tray.tooltip).toBe('Reliability Cockpit — no health data yet');
    const byLabel = (label: string) => tray.menu.find((entry) => entry.label === label);
    byLabel('Show Cockpit')?.click?.();
    byLabel('Open Workspace…')?.click?.();
    byLabel('Quit')?.click?.();
    expect(actions.show).toHaveBeenCalledOnce();
    expect(actions.openWorkspace).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
    tray.clickListeners.forEach((listener) => listener());
    expect(actions.show).toHaveBeenCalledTimes(2);
  });

  it('swaps icon, tooltip and status line with setStatus', () => {
    const { tray, cockpitTray } = setup();
    cockpitTray.setStatus('down');
    expect(cockpitTray.status).toBe('down');
    expect(tray.image).toBe(join('/icons', 'tray-down.png'));
    expect(tray.tooltip).toBe(trayTooltip('down'));
    expect(tray.menu[0]).toMatchObject({ label: 'Status: a service is down', enabled: false });
    cockpitTray.setStatus('degraded');
    expect(tray.image).toBe(join('/icons', 'tray-degraded.png'));
    expect(tray.tooltip).toContain('some checks failing');
  });

  it('uses the monochrome template on macOS unless something needs attention', () => {
    expect(trayIconPath('/icons', 'darwin', 'up')).toBe(join('/icons', 'trayTemplate.png'));
    expect(trayIconPath('/icons', 'darwin', 'down')).toBe(join('/icons', 'tray-down.png'));
    expect(setup('darwin').tray.image).toBe(join('/icons', 'trayTemplate.png'));
  });

  it('destroys the tray once and ignores later status changes', () => {
    const { tray, cockpitTray } = setup();
    cockpitTray.destroy();
    cockpitTray.destroy();
    cockpitTray.setStatus('up');
    expect(tray.destroyed).toBe(1);
    expect(tray.image).toBe(join('/icons', 'tray-unknown.png'));
  });
});
