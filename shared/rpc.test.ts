import { describe, expect, it, vi } from 'vitest';
import { events, isEventName, isMethodName, methods } from './api';
import { CockpitError, buildClient } from './rpc';

describe('the contract', () => {
  it('names every method domain.action and documents it', () => {
    for (const [name, def] of Object.entries(methods)) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(def.doc.length).toBeGreaterThan(10);
    }
    for (const [name, def] of Object.entries(events)) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(def.doc.length).toBeGreaterThan(10);
    }
  });

  it('knows its own names and nothing inherited', () => {
    expect(isMethodName('workspace.open')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isEventName('workspace.changed')).toBe(true);
    expect(isEventName('__proto__')).toBe(false);
  });
});

describe('buildClient', () => {
  it('builds one function per method, nested by domain, all going through one call', async () => {
    const call = vi.fn(async (method: string, input: unknown) => ({ method, input }));
    const client = buildClient(methods, call);
    const built = Object.entries(client).flatMap(([domain, actions]) =>
      Object.keys(actions).map((a) => `${domain}.${a}`),
    );
    expect(built.sort()).toEqual(Object.keys(methods).sort());
    await expect(client.workspace.open({ path: '/a' })).resolves.toEqual({
      method: 'workspace.open',
      input: { path: '/a' },
    });
  });
});

describe('CockpitError', () => {
  it('round-trips through JSON as a value', () => {
    const error = new CockpitError('CONFLICT', 'locked by ana', { holder: 'ana' });
    const again = CockpitError.from(JSON.parse(JSON.stringify(error)));
    expect(again).toBeInstanceOf(CockpitError);
    expect(again).toMatchObject({ code: 'CONFLICT', message: 'locked by ana', details: { holder: 'ana' } });
  });
});
