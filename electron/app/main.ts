/**
 * The Electron main process entry: hands Electron's real modules and the real backend to the start sequence
 * (start.ts), which is plain code tested with fakes. Nothing else belongs here.
 */
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  ipcMain,
  nativeTheme,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { createBackend } from '../backend';
import { utilityProcessLauncher } from '../demo/utility-launcher';
import { defaultDataDir } from '../paths';
import { appFiles } from './paths';
import { startApp } from './start';

// Explicit: W is inferred from several places (the class, the dialogs' parent) and must be the real window class.
startApp<BrowserWindow>(
  {
    app,
    BrowserWindow,
    ipcMain,
    protocol,
    session,
    dialog,
    Menu,
    Tray,
    Notification,
    nativeTheme,
    powerMonitor,
    screen,
    shell,
    safeStorage,
  },
  {
    // The demo's sandboxes run as utility processes: the packaged app's RunAsNode fuse is off, so it cannot
    // start itself as plain Node the way the CLI does.
    createBackend: (options) => createBackend({ ...options, demoLauncher: utilityProcessLauncher(utilityProcess) }),
    argv: process.argv,
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    dataDir: defaultDataDir(),
    files: appFiles(),
  },
);
