import { describe, expect, it, vi } from 'vitest';
import { events, isEventName, isMethodName, methods } from './api';
import { CockpitError, MAX_REQUEST_BYTES, buildClient, errorCodes } from './rpc';

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

describe('MAX_REQUEST_BYTES', () => {
  it('holds the largest request the contract accepts, so no valid call is refused as too big', () => {
    // Every field at its maximum: the key as base64, the names in three-byte characters.
    const input = {
      host: 'é'.repeat(200),
      knownHostsName: '€'.repeat(300),
      keyBase64: 'A'.repeat(20_000),
      fingerprint: '€'.repeat(200),
    };
    expect(methods['deploys.trustHostKey'].input.safeParse(input).success).toBe(true);
    const biggest = JSON.stringify({ id: Number.MAX_SAFE_INTEGER, method: 'deploys.trustHostKey', input });
    expect(new TextEncoder().encode(biggest).length).toBeLessThan(MAX_REQUEST_BYTES);
    // One character past the key's limit is a contract error, whatever the transport lets through.
    expect(methods['deploys.trustHostKey'].input.safeParse({ ...input, keyBase64: 'A'.repeat(20_001) }).success).toBe(
      false,
    );
  });

  it('names BUSY as a code a caller can act on', () => {
    expect(errorCodes).toContain('BUSY');
    expect(CockpitError.from({ code: 'BUSY', message: 'later' }).code).toBe('BUSY');
  });
});
