import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding } from './native-binding';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();

describe('electronNativeBinding', () => {
  it('is undefined until the Electron build exists, then its path', () => {
    const root = tempDir();
    expect(electronNativeBinding(root)).toBeUndefined();
    mkdirSync(join(root, 'native', 'electron'), { recursive: true });
    writeFileSync(join(root, 'native', 'electron', 'better_sqlite3.node'), '');
    expect(electronNativeBinding(root)).toBe(join(root, 'native', 'electron', 'better_sqlite3.node'));
  });
});
