import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BridgeMissingScreen } from './BridgeMissingScreen';
import { RefusedScreen } from './RefusedScreen';

describe('BridgeMissingScreen', () => {
  const html = renderToStaticMarkup(<BridgeMissingScreen />);

  it('is a full-screen alert with a heading that names the problem', () => {
    expect(html).toMatch(/^<main class="refused" id="main">/);
    expect(html).toContain('role="alert"');
    expect(html).toMatch(/aria-labelledby="bridge-missing-title"/);
    expect(html).toMatch(/<h1 id="bridge-missing-title">The cockpit cannot reach its backend<\/h1>/);
  });

  it('says what failed and what to do, and nothing about a serve-mode token', () => {
    expect(html).toContain('bridge to its backend did not load (preload failed)');
    expect(html).toContain('Restart the app; if it persists, reinstall.');
    expect(html).toContain('Details are in the terminal/log.');
    expect(html).not.toMatch(/token/i);
    expect(renderToStaticMarkup(<RefusedScreen />)).toMatch(/token/i); // the other screen is the token one
  });
});
