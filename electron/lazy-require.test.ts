import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lazyRequire } from './lazy-require';

const here = dirname(fileURLToPath(import.meta.url));
/** Loading these at start cost every `cockpit serve` a few hundred milliseconds; they load on first use instead. */
const HEAVY = ['ssh2', '@aws-sdk/client-cost-explorer', '@aws-sdk/client-s3'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('heavy dependencies load on first use, not at start', () => {
  it('no module of the backend imports the AWS SDK or ssh2 by value (types only)', () => {
    const eager: string[] = [];
    for (const file of sources(here)) {
      const text = readFileSync(file, 'utf8');
      for (const name of HEAVY) {
        const escaped = name.replace(/[/.]/g, '\\$&');
        // `import x from`, `import { X } from`, `import 'x'`; `import type …` and `import { type X }` alone are fine.
        const imports = text.matchAll(new RegExp(`^import\\s+(?!type\\s)([^;]*?)\\s*from\\s*['"]${escaped}['"]`, 'gm'));
        for (const [, what] of imports) {
          const onlyTypes = /^\{\s*(type\s+\w+\s*,?\s*)+\}$/.test((what ?? '').trim());
          if (!onlyTypes) eager.push(`${relative(here, file)}: ${name}`);
        }
        if (new RegExp(`^import\\s+['"]${escaped}['"]`, 'm').test(text)) eager.push(`${relative(here, file)}: ${name}`);
      }
    }
    expect(eager).toEqual([]);
  });

  it('loads the module once, on the first call, and answers the same one after', () => {
    const load = lazyRequire<{ posix: unknown }>('node:path');
    const first = load();
    expect(first.posix).toBeDefined();
    expect(load()).toBe(first);
  });
});
