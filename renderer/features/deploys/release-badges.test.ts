import { describe, expect, it } from 'vitest';
import { defaultDeployChoice, uploadLine } from './release-badges';

describe('the Deploy dialog’s choices', () => {
  it('never pre-selects a release marked bad or one that failed its gate: the newest with no badge', () => {
    const choices = [
      { id: 'artifact:v1.6.0', badges: ['bad' as const, 'failed-gate' as const] },
      { id: 'artifact:v1.5.1', badges: ['outside-app' as const] },
      { id: 'artifact:v1.5.0', badges: [] },
    ];
    expect(defaultDeployChoice(choices)).toBe('artifact:v1.5.0');
  });

  it('falls back to a badged release that is not bad, and to none when every one is bad', () => {
    expect(
      defaultDeployChoice([
        { id: 'a', badges: ['bad'] },
        { id: 'b', badges: ['not-everywhere'] },
      ]),
    ).toBe('b');
    expect(defaultDeployChoice([{ id: 'a', badges: ['failed-gate', 'bad'] }])).toBeNull();
  });

  it('says what the plan uploads, and how much was left out', () => {
    expect(
      uploadLine({
        kind: 'dir',
        from: 'dist/',
        files: 42,
        bytes: 1.3 * 1024 * 1024,
        excluded: [
          { path: '.env', why: 'not under shared:' },
          { path: '.git', why: 'version control' },
        ],
      }),
    ).toBe('Uploads 42 files (1.3 MB) from dist/ · 2 left out');
    expect(uploadLine(null)).toBeNull();
    expect(uploadLine(undefined)).toBeNull();
  });
});
