/**
 * The user's settings, kept in the journal's settings table (the one table updated in place). Unknown or invalid
 * stored values fall back to the defaults rather than failing the app: a settings row is never worth a crash.
 */
import { type Settings, settingsSchema } from '../../shared/api/app';
import { type SettingsService } from '../api/router';
import { type Journal } from './types';

export const SETTINGS_KEY = 'app.settings';

export const defaultSettings: Settings = { theme: 'system' };

export function createSettingsService(
  journal: Pick<Journal, 'getSetting' | 'setSetting'>,
  onChange: (settings: Settings) => void,
): SettingsService {
  const read = (): Settings => {
    const stored = settingsSchema.partial().safeParse(journal.getSetting<unknown>(SETTINGS_KEY) ?? {});
    return { ...defaultSettings, ...(stored.success ? stored.data : {}) };
  };
  return {
    get: read,
    update(patch) {
      const current = read();
      const next = settingsSchema.parse({ ...current, ...patch });
      if (JSON.stringify(next) === JSON.stringify(current)) return current;
      journal.setSetting(SETTINGS_KEY, next);
      onChange(next);
      return next;
    },
  };
}
