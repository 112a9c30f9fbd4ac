/**
 * The runbook doc viewer: the Markdown a team writes reads as headings, lists, code and links, and nothing in a doc
 * can run in the app — HTML stays the words it is, and only https links become links (opened outside the app).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { linkTarget, markdownBlocks, parseInline } from './markdown';
import { MarkdownDoc } from './MarkdownDoc';

const render = (markdown: string) => renderToStaticMarkup(<MarkdownDoc markdown={markdown} label="Doc" />);

describe('the runbook doc viewer', () => {
  it('renders headings, paragraphs, lists, code, quotes, bold, italic and inline code', () => {
    const html = render(
      [
        '# Restart the worker',
        '',
        'Use it when **worker-live** fails and _emails_ stop.',
        '',
        '1. Check the queue',
        '2. Restart with `systemctl restart worker`',
        '',
        '- one',
        '* two',
        '',
        '> Never restart during the *nightly* settlement.',
        '',
        '```sh',
        'curl -fsS http://127.0.0.1:7204/health/live',
        '```',
      ].join('\n'),
    );
    expect(html).toContain('<h3>Restart the worker</h3>');
    expect(html).toContain('<strong>worker-live</strong>');
    expect(html).toContain('<em>emails</em>');
    expect(html).toContain(
      '<ol><li>Check the queue</li><li>Restart with <code>systemctl restart worker</code></li></ol>',
    );
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<blockquote><p>Never restart during the <em>nightly</em> settlement.</p></blockquote>');
    expect(html).toContain('<code>curl -fsS http://127.0.0.1:7204/health/live</code></pre>');
  });

  it('opens https links outside the app', () => {
    const html = render('See [the status page](https://status.example.com/worker).');
    expect(html).toContain(
      '<a href="https://status.example.com/worker" target="_blank" rel="noopener noreferrer" title="https://status.example.com/worker">the status page</a>',
    );
  });

  it('keeps HTML as text: a <script> in a doc shows as words and never runs', () => {
    const html = render('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('leaves a javascript:, file:, http: or mailto: link as text with its address in view', () => {
    const html = render(
      '[click me](javascript:alert(1)) [notes](file:///etc/passwd) [old](http://example.com) [mail](mailto:ops@example.com)',
    );
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('href=');
    expect(html).toContain('click me (javascript:alert(1)');
    expect(html).toContain('mail (mailto:ops@example.com)');
  });

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
        items: [[{ kind: 'text', text: 'first continued' }], [{ kind: 'text', text: 'second' }]],
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
