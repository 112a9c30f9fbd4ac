import { describe, expect, it } from 'vitest';
import { markdownBlocks, parseInline } from './markdown-blocks';

describe('the post-mortem as readable text', () => {
  it('reads headings, paragraphs, lists, checkboxes and tables', () => {
    const md = [
      '# Post-mortem: checkout down in staging',
      '',
      '## Impact',
      'From **14:00:05** to 14:03:10 (3 min 05 s),',
      'checkout answered `503`.',
      '',
      '- first failing sample 14:00:05',
      '- recovered 14:03:10',
      '',
      '## Action items',
      '1. [ ] Add a deploy gate — ana, due 2026-12-20',
      '2. [x] Lower retries',
      '',
      '| Figure | Value |',
      '| --- | ---: |',
      '| Time to detect | 10 s |',
    ].join('\n');
    const blocks = markdownBlocks(md);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'heading', 'paragraph', 'list', 'heading', 'list', 'table']);
    expect(blocks[2]).toEqual({
      kind: 'paragraph',
      inline: [
        { kind: 'text', text: 'From ' },
        { kind: 'strong', text: '14:00:05' },
        { kind: 'text', text: ' to 14:03:10 (3 min 05 s), checkout answered ' },
        { kind: 'code', text: '503' },
        { kind: 'text', text: '.' },
      ],
    });
    const actions = blocks[5];
    expect(actions?.kind === 'list' && actions.ordered).toBe(true);
    expect(actions?.kind === 'list' && actions.items.map((i) => i.checked)).toEqual([false, true]);
    const table = blocks[6];
    expect(table?.kind === 'table' && table.rows).toEqual([
      [[{ kind: 'text', text: 'Time to detect' }], [{ kind: 'text', text: '10 s' }]],
    ]);
  });

  it('shows a link as its words and never passes markup through', () => {
    expect(parseInline('see [the run](#/activity) <b>now</b>')).toEqual([
      { kind: 'text', text: 'see the run <b>now</b>' },
    ]);
  });

  it('reads a quoted note and emphasis, leaving snake_case names alone', () => {
    expect(markdownBlocks('> Practice incident: caused by\n> rollback drill d-1.')).toEqual([
      { kind: 'quote', inline: [{ kind: 'text', text: 'Practice incident: caused by rollback drill d-1.' }] },
    ]);
    expect(parseInline('_None yet_ in check_ready_now')).toEqual([
      { kind: 'em', text: 'None yet' },
      { kind: 'text', text: ' in check_ready_now' },
    ]);
  });

  it('keeps a fenced block as it is and reads an empty text as nothing', () => {
    expect(markdownBlocks('```\ncurl -fsS /health\n```')).toEqual([{ kind: 'code', text: 'curl -fsS /health' }]);
    expect(markdownBlocks('\n\n')).toEqual([]);
  });
});
