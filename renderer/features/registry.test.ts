/**
 * The feature list sits above the store: the first load (and a reconnect) runs every registered feature's load,
 * one that reads the workspace only after the workspace arrived, and live events reach every feature.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { testWorkspace } from './test-workspace';

const calls: string[] = [];
let resolveWorkspace: (() => void) | undefined;

vi.mock('../bridge', () => ({
  api: {
    workspace: {
      current: () =>
        new Promise((resolve) => {
          resolveWorkspace = () => {
            calls.push('workspace');
            resolve({
              source: { kind: 'demo' },
              workspace: testWorkspace(),
              loadedFrom: { kind: 'demo' },
              issues: [],
              loadedAt: '2026-12-06T00:00:00.000Z',
              checkedAt: '2026-12-06T00:00:00.000Z',
            });
          };
        }),
      recent: async () => [],
    },
    app: { info: async () => null, settings: async () => null },
    journal: { list: async () => ({ actions: [], hasMore: false }) },
    on: () => () => undefined,
  },
  connection: { get: () => 'open', subscribe: () => () => undefined },
  errorCode: () => null,
  errorMessage: (error: unknown) => String(error),
}));

const { loadInitial, registerFeatures, subscribeToEvents } = await import('../store/actions');

beforeEach(() => {
  calls.length = 0;
});

describe('the feature registry', () => {
  it('lists backups with the other features, once each', async () => {
    const { features } = await import('./registry');
    const names = features.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['deploys', 'health', 'cost', 'backups', 'prompts', 'incidents']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('loads every registered feature, the workspace readers after the workspace', async () => {
    registerFeatures([
      { name: 'early', load: async () => void calls.push('early'), subscribe: () => () => undefined },
      {
        name: 'reader',
        afterWorkspace: true,
        load: async () => void calls.push('reader'),
        subscribe: () => () => undefined,
      },
    ]);
    const loading = loadInitial();
    await vi.waitFor(() => expect(resolveWorkspace).toBeDefined());
    expect(calls).toEqual(['early']);
    resolveWorkspace?.();
    await loading;
    expect(calls).toEqual(['early', 'workspace', 'reader']);
  });

  it('subscribes every feature to live events and unsubscribes them all', () => {
    registerFeatures(
      ['a', 'b'].map((name) => ({
        name,
        load: async () => undefined,
        subscribe: () => {
          calls.push(`on ${name}`);
          return () => void calls.push(`off ${name}`);
        },
      })),
    );
    const off = subscribeToEvents();
    expect(calls).toEqual(['on a', 'on b']);
    off();
    expect(calls).toEqual(['on a', 'on b', 'off a', 'off b']);
  });
});
