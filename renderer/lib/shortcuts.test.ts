import { describe, expect, it } from 'vitest';
import { type KeyLike, shortcutDocs, shortcutFor } from './shortcuts';

const key = (over: Partial<KeyLike>): KeyLike => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  inTextField: false,
  ...over,
});

describe('keyboard shortcuts', () => {
  it('Alt+1…Alt+9 go to the screens, by physical key (macOS turns Alt+1 into "¡")', () => {
    expect(shortcutFor(key({ altKey: true, code: 'Digit1', key: '¡' }))).toEqual({
      type: 'navigate',
      route: 'overview',
    });
    expect(shortcutFor(key({ altKey: true, code: 'Digit7', key: '7' }))).toEqual({
      type: 'navigate',
      route: 'incidents',
    });
    expect(shortcutFor(key({ altKey: true, code: 'Digit9', key: '9' }))).toEqual({
      type: 'navigate',
      route: 'timeline',
    });
    expect(shortcutFor(key({ altKey: true, code: 'Digit0', key: '0' }))).toEqual({
      type: 'navigate',
      route: 'readiness',
    });
    expect(shortcutFor(key({ code: 'Digit1', key: '1' }))).toBeUndefined();
  });

  it('Ctrl+O and Cmd+O open the workspace dialog, even from a text field', () => {
    expect(shortcutFor(key({ ctrlKey: true, key: 'o' }))).toEqual({ type: 'open-workspace' });
    expect(shortcutFor(key({ metaKey: true, key: 'O', inTextField: true }))).toEqual({ type: 'open-workspace' });
    expect(shortcutFor(key({ ctrlKey: true, shiftKey: true, key: 'O' }))).toBeUndefined();
  });

  it('"?" shows the sheet, but not while typing', () => {
    expect(shortcutFor(key({ key: '?', shiftKey: true }))).toEqual({ type: 'show-shortcuts' });
    expect(shortcutFor(key({ key: '?', shiftKey: true, inTextField: true }))).toBeUndefined();
  });

  it('documents every shortcut it handles', () => {
    const docs = shortcutDocs('Ctrl');
    expect(docs.filter((d) => d.keys[0] === 'Alt')).toHaveLength(10);
    expect(docs.some((d) => d.keys.join('+') === 'Ctrl+O')).toBe(true);
    expect(docs.some((d) => d.keys.join('+') === '?')).toBe(true);
  });
});
