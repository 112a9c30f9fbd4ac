/**
 * Markdown drawn as React elements: the runbook doc and the post-mortem read as headings, lists, tables, code and
 * links, and nothing in the text can run in the app — HTML stays the words it is, and only https links become links
 * (opened outside the app).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

const render = (markdown: string) =>
  renderToStaticMarkup(<Markdown as="article" className="runbook-doc" markdown={markdown} label="Doc" />);

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
    expect(html).toContain('<article class="runbook-doc" aria-label="Doc">');
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
});

describe('the post-mortem preview', () => {
  const preview = (markdown: string) =>
    renderToStaticMarkup(
      <Markdown className="postmortem-text" markdown={markdown} empty={<p className="muted">Empty.</p>} />,
    );

  it('draws task boxes, tables and https links, and nothing from the text as HTML', () => {
    const html = preview(
      [
        '## Action items',
        '- [x] Lower retries',
        '- [ ] Add a gate, see [the run](#/activity) and [the runbook](https://wiki.example.com/gate)',
        '',
        '| Figure | Value |',
        '| --- | ---: |',
        '| Time to detect | <b>10 s</b> |',
      ].join('\n'),
    );
    expect(html).toMatch(/^<div class="postmortem-text"><h4>Action items<\/h4>/);
    expect(html).toContain(
      '<li><span class="markdown-task" aria-hidden="true">☑ </span><span class="sr-only">Done: </span>Lower retries</li>',
    );
    expect(html).toContain(
      '<span class="sr-only">To do: </span>Add a gate, see the run and <a href="https://wiki.example.com/gate"',
    );
    expect(html).toContain('<th scope="col">Figure</th>');
    expect(html).toContain('<td>&lt;b&gt;10 s&lt;/b&gt;</td>');
    expect(html).not.toContain('<b>');
  });

  it('says so when the text is empty', () => {
    expect(preview('\n\n')).toBe('<p class="muted">Empty.</p>');
  });
});
