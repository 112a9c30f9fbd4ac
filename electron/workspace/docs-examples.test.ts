import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWorkspaceText } from './parse';

/**
 * The workspace examples people copy from the docs must stay valid as the format evolves; a stale example is the
 * first thing a new team pastes into its infra repo.
 */
function yamlBlocks(doc: string): string[] {
  const text = readFileSync(fileURLToPath(new URL(`../../${doc}`, import.meta.url)), 'utf8');
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

describe('workspace examples in the docs', () => {
  it("the README's example is a complete, valid workspace", () => {
    const [example] = yamlBlocks('README.md');
    expect(example, 'README.md has a ```yaml example').toBeDefined();
    const result = parseWorkspaceText(example ?? '', 'README.md');
    expect(result.issues).toEqual([]);
    expect(result.workspace?.name).toBe('Acme Shop');
    expect(Object.keys(result.workspace?.services ?? {})).toContain('api');
  });
});
