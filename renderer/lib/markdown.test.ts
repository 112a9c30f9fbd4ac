/**
 * Markdown read into blocks: what the post-mortem preview and the runbook doc viewer draw. Nothing is ever passed
 * through as markup, and only https addresses become link targets.
 */
import { describe, expect, it } from 'vitest';
import { linkTarget, markdownBlocks, parseInline } from './markdown';

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

  it('shows an in-app link as its words and never passes markup through', () => {
    expect(parseInline('see [the run](#/activity) <b>now</b>')).toEqual([
      { kind: 'text', text: 'see the run <b>now</b>' },
    ]);
  });

  it('reads a quoted note and emphasis, leaving snake_case names alone', () => {
    expect(markdownBlocks('> Practice incident: caused by\n> rollback drill d-1.')).toEqual([
      { kind: 'quote', paragraphs: [[{ kind: 'text', text: 'Practice incident: caused by rollback drill d-1.' }]] },
    ]);
    expect(parseInline('_None yet_ in check_ready_now')).toEqual([
      { kind: 'em', text: 'None yet' },
      { kind: 'text', text: ' in check_ready_now' },
    ]);
  });

  it('keeps a fenced block as it is and reads an empty text as nothing', () => {
    expect(markdownBlocks('```\ncurl -fsS /health\n```')).toEqual([
      { kind: 'code', language: null, text: 'curl -fsS /health' },
    ]);
    expect(markdownBlocks('\n\n')).toEqual([]);
  });
});

describe('a runbook doc as blocks', () => {
  it('accepts only https addresses without credentials as link targets', () => {
    expect(linkTarget('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(linkTarget(' HTTPS://Example.com ')).toBe('https://example.com/');
    expect(linkTarget('https://user:secret@example.com')).toBeNull();
    expect(linkTarget('javascript:alert(1)')).toBeNull();
    expect(linkTarget('JaVaScRiPt:alert(1)')).toBeNull();
    expect(linkTarget('//example.com')).toBeNull();
  });

  it('reads an indented line after a list item as part of it, and a fenced block verbatim', () => {
    expect(markdownBlocks('- first\n  continued\n- second')).toEqual([
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          { checked: null, inline: [{ kind: 'text', text: 'first continued' }] },
          { checked: null, inline: [{ kind: 'text', text: 'second' }] },
        ],
      },
    ]);
    expect(markdownBlocks('```\n# not a heading\n**not bold**\n```')).toEqual([
      { kind: 'code', language: null, text: '# not a heading\n**not bold**' },
    ]);
  });

  it('does not read snake_case or a lone asterisk as emphasis', () => {
    expect(parseInline('set worker_port and 2 * 3')).toEqual([{ kind: 'text', text: 'set worker_port and 2 * 3' }]);
  });
});

describe('one reader for both', () => {
  it('makes an https link a link and leaves any other address as text in brackets', () => {
    expect(parseInline('[status](https://status.example.com) and [old](http://example.com)')).toEqual([
      { kind: 'link', text: 'status', href: 'https://status.example.com/' },
      { kind: 'text', text: ' and old (http://example.com)' },
    ]);
    expect(parseInline('[click me](javascript:alert(1))')).toEqual([
      { kind: 'text', text: 'click me (javascript:alert(1))' },
    ]);
  });

  it('reads rules, a fence’s language, a numbered list’s start and a quote’s paragraphs', () => {
    expect(markdownBlocks('---\n\n~~~sh\nls\n~~~\n\n3. third\n4. fourth\n\n> one\n>\n> two')).toEqual([
      { kind: 'rule' },
      { kind: 'code', language: 'sh', text: 'ls' },
      {
        kind: 'list',
        ordered: true,
        start: 3,
        items: [
          { checked: null, inline: [{ kind: 'text', text: 'third' }] },
          { checked: null, inline: [{ kind: 'text', text: 'fourth' }] },
        ],
      },
      { kind: 'quote', paragraphs: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] },
    ]);
  });

  it('reads task boxes and a table in a doc too, with their inline marks', () => {
    const blocks = markdownBlocks(
      '- [X] **paged** ops\n\n| Who | Where |\n|---|---|\n| ana | [wiki](https://wiki.example.com) |',
    );
    expect(blocks[0]).toEqual({
      kind: 'list',
      ordered: false,
      start: 1,
      items: [
        {
          checked: true,
          inline: [
            { kind: 'strong', text: 'paged' },
            { kind: 'text', text: ' ops' },
          ],
        },
      ],
    });
    expect(blocks[1]).toEqual({
      kind: 'table',
      header: [[{ kind: 'text', text: 'Who' }], [{ kind: 'text', text: 'Where' }]],
      rows: [[[{ kind: 'text', text: 'ana' }], [{ kind: 'link', text: 'wiki', href: 'https://wiki.example.com/' }]]],
    });
  });
});
