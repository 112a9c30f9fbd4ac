/** What a terminal or a page shows of hostile text: the characters, visibly escaped, never their effect. */
import { describe, expect, it } from 'vitest';
import { hasControlChars, safeLine, safeText } from './control-chars';

describe('control characters in data', () => {
  it('shows an escape sequence as text, so a ref cannot clear the screen or recolour the terminal', () => {
    expect(safeLine('v1\u001b[2J\u001b[31mred')).toBe('v1\\x1b[2J\\x1b[31mred');
    expect(safeLine('a\u0007b\u0000c\u007fd')).toBe('a\\x07b\\x00c\\x7fd');
  });

  it('escapes C1 controls, including the 8-bit CSI a terminal reads like ESC [', () => {
    expect(safeLine('x\u009b31my\u0085')).toBe('x\\x9b31my\\x85');
  });

  it('shows bidi overrides and isolates instead of letting them reverse a path', () => {
    expect(safeLine('releases/\u202eexe.sh')).toBe('releases/\\u202eexe.sh');
    expect(safeLine('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069',
    );
  });

  it('keeps a one-line value on one line, and multi-line text on its lines', () => {
    expect(safeLine('fix\nFAKE: all good\r')).toBe('fix\\nFAKE: all good\\r');
    expect(safeLine('a\tb')).toBe('a\\tb');
    expect(safeText('line 1\n\tline 2\r\n\u001b[0m')).toBe('line 1\n\tline 2\\r\n\\x1b[0m');
  });

  it('leaves ordinary text alone, non-Latin scripts and emoji included', () => {
    const text = 'Déploiement «v2» — 部署 🚀 on web-1 (~/srv/app)';
    expect(safeLine(text)).toBe(text);
    expect(safeText(text)).toBe(text);
    expect(hasControlChars(text)).toBe(false);
    expect(hasControlChars('a\u001bb')).toBe(true);
    expect(hasControlChars('a\u001bb')).toBe(true);
  });
});
