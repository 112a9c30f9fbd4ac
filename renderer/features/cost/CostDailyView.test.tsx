import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../bridge', () => ({
  api: { on: () => () => undefined },
  connection: { get: () => 'open', subscribe: () => () => undefined, retryNow: () => undefined },
  transport: 'websocket',
  errorCode: () => null,
  errorMessage: (error: unknown) => String(error),
}));

const { useStore } = await import('../../store');
const { CostDailyView } = await import('./CostDailyView');

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
});

describe('the Cost screen before its figures arrive', () => {
  it('shows the chart card with its pickers at once, the chart area held at its final size', () => {
    const html = renderToStaticMarkup(<CostDailyView />);
    expect(html).toContain('Daily spend by service</h2>');
    expect(html).toContain('aria-label="Loading cost data…"');
    expect(html).toMatch(/aria-label="Loading the chart…" style="height:280px"/);
  });
});
