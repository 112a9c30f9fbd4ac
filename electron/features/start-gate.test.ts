import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type RpcResponse } from '../../shared/rpc';
import { type Dispatch } from '../api/dispatch';
import { createStartGate } from './start-gate';

/** A dispatch whose answers the test releases by hand. */
function manualDispatch() {
  const waiting: Array<() => void> = [];
  const dispatch: Dispatch = (message) =>
    new Promise<RpcResponse>((resolve) => {
      waiting.push(() => resolve({ id: (message as { id: number }).id, ok: true, value: 'answer' }));
    });
  return { dispatch, answerAll: () => waiting.splice(0).forEach((answer) => answer()) };
}

const isOpenSoon = async (gate: { isOpen: boolean }, ms: number) => {
  await delay(ms);
  return gate.isOpen;
};

describe('the start gate: background work waits for the first screen', () => {
  it('opens once the first requests are answered and no new one came for a moment', async () => {
    const gate = createStartGate({ quietMs: 20, maxWaitMs: 5_000 });
    const { dispatch, answerAll } = manualDispatch();
    const tracked = gate.track(dispatch);
    gate.arm();
    const answer = tracked({ id: 1, method: 'workspace.current', params: {} });
    expect(await isOpenSoon(gate, 60)).toBe(false);
    answerAll();
    expect(await answer).toEqual({ id: 1, ok: true, value: 'answer' });
    expect(gate.isOpen).toBe(false);
    await gate.opened;
    expect(gate.isOpen).toBe(true);
    gate.dispose();
  });

  it('a second burst right after the first keeps it closed until that one is answered too', async () => {
    const gate = createStartGate({ quietMs: 40, maxWaitMs: 5_000 });
    const { dispatch, answerAll } = manualDispatch();
    const tracked = gate.track(dispatch);
    void tracked({ id: 1 });
    answerAll();
    await delay(10);
    void tracked({ id: 2 });
    expect(await isOpenSoon(gate, 80)).toBe(false);
    answerAll();
    await gate.opened;
    gate.dispose();
  });

  it('opens at the latest after the longest wait when nobody asks anything', async () => {
    const gate = createStartGate({ quietMs: 20, maxWaitMs: 50 });
    gate.arm();
    expect(gate.isOpen).toBe(false);
    const started = performance.now();
    await gate.opened;
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    gate.dispose();
  });

  it('opens at the latest after the longest wait even while a request is still being answered', async () => {
    const gate = createStartGate({ quietMs: 20, maxWaitMs: 50 });
    const { dispatch, answerAll } = manualDispatch();
    void gate.track(dispatch)({ id: 1 });
    gate.arm();
    await gate.opened;
    answerAll();
    gate.dispose();
  });

  it('dispose leaves it closed (a backend closing before its first screen was answered)', async () => {
    const gate = createStartGate({ quietMs: 10, maxWaitMs: 20 });
    gate.arm();
    gate.dispose();
    expect(await isOpenSoon(gate, 50)).toBe(false);
  });
});
