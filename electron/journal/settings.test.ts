import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Settings } from '../../shared/api/app';
import { openJournal } from './journal';
import { createSettingsService, SETTINGS_KEY } from './settings';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();

describe('the settings service', () => {
  it('starts with the system theme, remembers a change across restarts and announces it once', () => {
    const file = join(tempDir(), 'journal.db');
    const changes: Settings[] = [];
    const journal = openJournal({ file });
    const settings = createSettingsService(journal, (next) => changes.push(next));
    expect(settings.get()).toEqual({ theme: 'system' });
    expect(settings.update({ theme: 'dark' })).toEqual({ theme: 'dark' });
    settings.update({ theme: 'dark' });
    expect(changes).toEqual([{ theme: 'dark' }]);
    journal.close();

    const reopened = openJournal({ file });
    expect(createSettingsService(reopened, () => undefined).get()).toEqual({ theme: 'dark' });
    reopened.close();
  });

  it('falls back to defaults when the stored value is not understood', () => {
    const journal = openJournal({ file: join(tempDir(), 'journal.db') });
    journal.setSetting(SETTINGS_KEY, { theme: 'neon' });
    expect(createSettingsService(journal, () => undefined).get()).toEqual({ theme: 'system' });
    journal.close();
  });

  it('rejects an invalid theme without storing it', () => {
    const journal = openJournal({ file: join(tempDir(), 'journal.db') });
    const settings = createSettingsService(journal, () => undefined);
    expect(() => settings.update({ theme: 'neon' as Settings['theme'] })).toThrow();
    expect(settings.get()).toEqual({ theme: 'system' });
    journal.close();
  });
});
