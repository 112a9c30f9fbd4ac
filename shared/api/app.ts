import { z } from 'zod';
import { defineEvent, defineMethod } from '../rpc';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** How this window reaches the backend. */
  transport: z.enum(['ipc', 'websocket']),
  /** True when a native file picker exists (the desktop app); serve mode types a path instead. */
  canBrowse: z.boolean(),
  dataDir: z.string(),
  platform: z.string(),
  startedAt: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

export const settingsSchema = z.object({ theme: themeSchema });
export type Settings = z.infer<typeof settingsSchema>;

export const appMethods = {
  'app.info': defineMethod(z.object({}).strict(), appInfoSchema, 'What this cockpit is and how it runs.'),
  'app.settings': defineMethod(z.object({}).strict(), settingsSchema, 'The user settings.'),
  'app.updateSettings': defineMethod(settingsSchema.partial().strict(), settingsSchema, 'Changes user settings.'),
} as const;

export const appEvents = {
  /** The app menu asked the UI to do something (Open Workspace…); serve mode never sends it. */
  'app.command': defineEvent(
    z.object({ command: z.enum(['open-workspace', 'navigate']), arg: z.string().optional() }),
    'A menu or tray command for the UI.',
  ),
  'app.settingsChanged': defineEvent(settingsSchema, 'Settings changed (in this or another window).'),
  'app.alert': defineEvent(
    z.object({
      title: z.string(),
      body: z.string(),
      severity: z.enum(['info', 'warning', 'critical']),
      route: z.string().optional(),
      at: z.string(),
    }),
    'An alert for the user (health, budgets): the desktop app shows a native notification, the UI a toast.',
  ),
} as const;
