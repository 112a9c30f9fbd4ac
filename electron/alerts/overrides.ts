/**
 * Alert settings a person changes in the app instead of in cockpit.yaml — quiet hours: whose nights they are is
 * the on-call person's business, not the repository's. Kept in the journal's settings table next to the app's own
 * settings; when set, the alert rules use it instead of the workspace's `alerts.quietHours`. A stored value that
 * no longer reads falls back to "not set" rather than failing: a settings row is never worth a crash.
 */
import { z } from 'zod';
import { quietHoursText } from '../../shared/model/health';
import { type AlertsConfig } from '../../shared/workspace/alerts';
import { type Journal } from '../journal/types';

export const ALERT_OVERRIDES_KEY = 'alerts.overrides';

const overridesSchema = z.object({ quietHours: quietHoursText.nullable() });
export type AlertOverrides = z.infer<typeof overridesSchema>;

export const noOverrides: AlertOverrides = { quietHours: null };

export interface AlertOverridesStore {
  get(): AlertOverrides;
  /** null: follow the workspace again. */
  setQuietHours(quietHours: string | null): AlertOverrides;
}

export function createAlertOverrides(journal: Pick<Journal, 'getSetting' | 'setSetting'>): AlertOverridesStore {
  const get = (): AlertOverrides => {
    const stored = overridesSchema.partial().safeParse(journal.getSetting<unknown>(ALERT_OVERRIDES_KEY) ?? {});
    return { ...noOverrides, ...(stored.success ? stored.data : {}) };
  };
  return {
    get,
    setQuietHours(quietHours) {
      const next = overridesSchema.safeParse({ ...get(), quietHours });
      if (!next.success) throw new Error(next.error.issues[0]?.message ?? 'invalid quiet hours');
      journal.setSetting(ALERT_OVERRIDES_KEY, next.data);
      return next.data;
    },
  };
}

export interface EffectiveQuietHours {
  quietHours: string | null;
  /** Set in this app (overriding the file), from the workspace file, or neither. */
  source: 'app' | 'workspace' | null;
}

/** What the alert rules follow: the app's quiet hours when set, else the workspace's. */
export function effectiveQuietHours(config: AlertsConfig | undefined, overrides: AlertOverrides): EffectiveQuietHours {
  if (overrides.quietHours !== null) return { quietHours: overrides.quietHours, source: 'app' };
  if (config?.quietHours) return { quietHours: config.quietHours, source: 'workspace' };
  return { quietHours: null, source: null };
}
