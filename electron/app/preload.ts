/**
 * The preload of the main window (built to out/preload/index.cjs: a sandboxed preload must be one CommonJS file
 * that requires nothing but 'electron'). It exposes exactly one object, `window.cockpit`, and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld('cockpit', buildPreloadApi(ipcRenderer));
