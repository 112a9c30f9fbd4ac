import { describe, expect, it, vi } from 'vitest';
import { methods } from '../../shared/api';
import { CockpitError } from '../../shared/rpc';
import { type Handlers, createDispatch } from './dispatch';

/** Handlers that answer every method with a recognisable value, so routing can be checked. */
function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const base = Object.fromEntries(Object.keys(methods).map((name) => [name, vi.fn(async () => ({ from: name }))]));
  return { ...base, ...overrides } as unknown as Handlers;
}

describe('dispatch: every message from a window is checked against the contract', () => {
  it('routes a valid call to its handler with the parsed input', async () => {
    const open = vi.fn(async ({ path }: { path: string }) => ({ opened: path }));
    const dispatch = createDispatch(fakeHandlers({ 'workspace.open': open as unknown as Handlers['workspace.open'] }));
    const response = await dispatch({ id: 7, method: 'workspace.open', input: { path: '/tmp/cockpit.yaml' } });
    expect(response).toEqual({ id: 7, ok: true, value: { opened: '/tmp/cockpit.yaml' } });
    expect(open).toHaveBeenCalledWith({ path: '/tmp/cockpit.yaml' });
  });

  it('applies input defaults from the contract', async () => {
    const list = vi.fn(async (input: unknown) => ({ actions: [], hasMore: false, input }));
    const dispatch = createDispatch(fakeHandlers({ 'journal.list': list as unknown as Handlers['journal.list'] }));
    await dispatch({ id: 1, method: 'journal.list', input: {} });
    expect(list).toHaveBeenCalledWith({ limit: 100 });
  });

  it('rejects an unknown method with UNKNOWN_METHOD', async () => {
    const response = await createDispatch(fakeHandlers())({ id: 2, method: 'shell.exec', input: { cmd: 'rm -rf /' } });
    expect(response).toMatchObject({ id: 2, ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('does not treat inherited object keys as methods', async () => {
    const response = await createDispatch(fakeHandlers())({ id: 3, method: 'constructor', input: {} });
    expect(response).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it.each([
    ['a wrong type', { path: 42 }],
    ['an unknown field', { path: '/x', extra: true }],
    ['a missing field', {}],
  ])('rejects %s with BAD_REQUEST naming the field, and never calls the handler', async (_label, input) => {
    const open = vi.fn();
    const dispatch = createDispatch(fakeHandlers({ 'workspace.open': open }));
    const response = await dispatch({ id: 4, method: 'workspace.open', input });
    expect(response).toMatchObject({ id: 4, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(open).not.toHaveBeenCalled();
  });

  it.each([null, 'hello', 42, [], { method: 'app.info' }, { id: 'x', method: 'app.info' }])(
    'answers a malformed envelope %j with BAD_REQUEST instead of crashing',
    async (message) => {
      const response = await createDispatch(fakeHandlers())(message);
      expect(response).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    },
  );

  it('passes a CockpitError through with its code and details', async () => {
    const dispatch = createDispatch(
      fakeHandlers({
        'journal.get': () => {
          throw new CockpitError('NOT_FOUND', 'no journal action with id 9', { id: '9' });
        },
      }),
    );
    expect(await dispatch({ id: 5, method: 'journal.get', input: { id: '9' } })).toEqual({
      id: 5,
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no journal action with id 9', details: { id: '9' } },
    });
  });

  it('turns an unexpected error into INTERNAL, reports it, and keeps serving', async () => {
    const onInternalError = vi.fn();
    const dispatch = createDispatch(
      fakeHandlers({
        'app.info': () => {
          throw new TypeError('boom');
        },
      }),
      { onInternalError },
    );
    expect(await dispatch({ id: 6, method: 'app.info', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'app.info failed: boom' },
    });
    expect(onInternalError).toHaveBeenCalledOnce();
    expect(await dispatch({ id: 7, method: 'app.settings', input: {} })).toMatchObject({ ok: true });
  });
});
