import { describe, expect, it } from 'vitest';
import { CockpitError, type RpcRequest } from '../../shared/rpc';
import { createCall, parseBridgedMessage } from './rpc-call';

describe('createCall', () => {
  it('numbers requests, unwraps values and throws CockpitError with code and details', async () => {
    const sent: RpcRequest[] = [];
    const call = createCall(async (request) => {
      sent.push(request);
      return request.method === 'ok'
        ? { id: request.id, ok: true, value: 42 }
        : {
            id: request.id,
            ok: false,
            error: { code: 'CONFLICT', message: 'lock held by ann', details: { by: 'ann' } },
          };
    });
    await expect(call('ok', undefined)).resolves.toBe(42);
    const error = await call('locked', { host: 'web-1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CockpitError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'lock held by ann', details: { by: 'ann' } });
    expect(sent).toEqual([
      { id: 1, method: 'ok', input: {} },
      { id: 2, method: 'locked', input: { host: 'web-1' } },
    ]);
  });

  it('parses the bridged message format back, and nothing else', () => {
    expect(parseBridgedMessage('[BAD_REQUEST] workspace.open: path: too short\nsecond line')).toEqual({
      code: 'BAD_REQUEST',
      message: 'workspace.open: path: too short\nsecond line',
    });
    expect(parseBridgedMessage('plain failure')).toBeNull();
  });
});
