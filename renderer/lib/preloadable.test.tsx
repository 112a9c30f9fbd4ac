import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type Preloadable, preloadable } from './preloadable';

function Shows({ code }: { code: Preloadable<{ word: string }> }) {
  const loaded = code.use();
  return <p>{loaded.kind === 'ready' ? loaded.module.word : loaded.kind}</p>;
}

describe('code that loads on first use', () => {
  it('draws in the same render once loaded ahead, with no placeholder step', async () => {
    let calls = 0;
    const code = preloadable(async () => {
      calls++;
      return { word: 'Deploy' };
    });
    await Promise.all([code.preload(), code.preload()]);
    expect(renderToStaticMarkup(<Shows code={code} />)).toBe('<p>Deploy</p>');
    await code.preload();
    expect(calls).toBe(1);
  });

  it('starts loading when first drawn and shows the module on the next render', async () => {
    let release: (module: { word: string }) => void = () => undefined;
    const code = preloadable(() => new Promise<{ word: string }>((resolve) => (release = resolve)));
    expect(renderToStaticMarkup(<Shows code={code} />)).toBe('<p>loading</p>');
    const settled = code.preload();
    release({ word: 'Rollback' });
    await settled;
    expect(renderToStaticMarkup(<Shows code={code} />)).toBe('<p>Rollback</p>');
  });

  it('says it failed when the chunk cannot load, and tries again after retry', async () => {
    let fail = true;
    const code = preloadable(async () => {
      if (fail) throw new Error('chunk gone');
      return { word: 'Lock' };
    });
    await code.preload();
    expect(renderToStaticMarkup(<Shows code={code} />)).toBe('<p>failed</p>');
    fail = false;
    code.retry();
    await code.preload();
    expect(renderToStaticMarkup(<Shows code={code} />)).toBe('<p>Lock</p>');
  });
});
