import { z } from 'zod';
import { defineEvent, defineMethod } from '../rpc';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** How this window reaches the backend. */
  transport: z.enum(['ipc', 'websocket']),
  /** True when a native file picker exists (the desktop app); serve mode types a path instead. */
  canBrowse: z.boolean(),
  /** True when the app can write what is on screen as a PDF file itself (the desktop app); a browser prints. */
  canSavePdf: z.boolean(),
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
  'app.savePdf': defineMethod(
    z
      .object({
        /** The file name offered in the save dialog; a name, never a path. */
        suggestedName: z
          .string()
          .max(200)
          // Letters, digits and a few separators are all a suggested name needs; nothing that could name a folder.
          .regex(/^[\w .()-]+\.pdf$/, 'a file name ending in .pdf, without folders'),
      })
      .strict(),
    z.object({ path: z.string().nullable() }),
    'Saves the window as printed (print styles apply) to a PDF file the user picks; null when they cancel.',
  ),
  /**
   * The window now listens for `app.command`: menu and tray commands held back until then are delivered. The
   * desktop preload sends it when the page first subscribes to `app.command` (and again after a reload); serve
   * mode never sends commands, so there it is only acknowledged.
   */
  'app.commandsReady': defineMethod(
    z.object({}).strict(),
    z.object({}).strict(),
    'The window listens for app.command now; commands queued until then are delivered.',
  ),
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
      /** The open incident the alert is about: the notification offers "I'm on it". */
      incidentId: z.string().optional(),
      at: z.string(),
    }),
    'An alert for the user (health, budgets): the desktop app shows a native notification, the UI a toast.',
  ),
} as const;
