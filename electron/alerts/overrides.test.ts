import { describe, expect, it } from 'vitest';
import { ALERT_OVERRIDES_KEY, createAlertOverrides, effectiveQuietHours } from './overrides';

function settingsTable() {
  const rows = new Map<string, unknown>();
  return {
    rows,
    getSetting: <T>(key: string) => rows.get(key) as T | undefined,
    setSetting: (key: string, value: unknown) => void rows.set(key, value),
  };
}

describe("the app's own alert settings", () => {
  it('keep quiet hours until reset to the workspace file', () => {
    const table = settingsTable();
    const overrides = createAlertOverrides(table);
    expect(overrides.get()).toEqual({ quietHours: null });
    overrides.setQuietHours('23:00-06:30');
    expect(createAlertOverrides(table).get()).toEqual({ quietHours: '23:00-06:30' });
    overrides.setQuietHours(null);
    expect(overrides.get()).toEqual({ quietHours: null });
  });

  it('refuse a time that is not one, and ignore a stored value that no longer reads', () => {
    const table = settingsTable();
    const overrides = createAlertOverrides(table);
    expect(() => overrides.setQuietHours('25:00-07:00')).toThrow('expected quiet hours as "HH:MM-HH:MM"');
    table.rows.set(ALERT_OVERRIDES_KEY, { quietHours: 'late' });
    expect(overrides.get()).toEqual({ quietHours: null });
  });

  it("are used instead of the workspace's quiet hours when set", () => {
    const file = { desktop: true, quietHours: '22:00-07:00' };
    expect(effectiveQuietHours(file, { quietHours: '00:00-06:00' })).toEqual({
      quietHours: '00:00-06:00',
      source: 'app',
    });
    expect(effectiveQuietHours(file, { quietHours: null })).toEqual({ quietHours: '22:00-07:00', source: 'workspace' });
    expect(effectiveQuietHours({ desktop: true }, { quietHours: null })).toEqual({ quietHours: null, source: null });
  });
});
