import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CheckView } from '../../shared/model/health';
import { SampleCoalescer } from './sample-coalescer';

const view = (key: string, latencyMs: number) => ({ key, latencyMs }) as CheckView;

afterEach(() => vi.useRealTimers());

describe('check results for open windows', () => {
  it('sends the first result at once, then at most one event per interval with the latest view per check', () => {
    vi.useFakeTimers();
    const sent: CheckView[][] = [];
    const c = new SampleCoalescer((views) => sent.push(views), 1_000);
    c.push(view('a', 1));
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([[view('a', 1)]]);

    for (let i = 0; i < 100; i++) c.push(view(i % 2 ? 'a' : 'b', i));
    vi.advanceTimersByTime(999);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual([view('b', 98), view('a', 99)]);
    c.close();
  });

  it('drops what is pending when closed', () => {
    vi.useFakeTimers();
    const sent: CheckView[][] = [];
    const c = new SampleCoalescer((views) => sent.push(views), 1_000);
    c.push(view('a', 1));
    vi.advanceTimersByTime(0);
    c.push(view('a', 2));
    c.close();
    vi.advanceTimersByTime(5_000);
    expect(sent).toHaveLength(1);
  });
});
