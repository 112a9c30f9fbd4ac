import { describe, expect, it } from 'vitest';
import { CockpitError } from '../../shared/rpc';
import { errorCode, errorMessage } from './errors';

describe('reading backend errors', () => {
  it('reads code and message from a CockpitError', () => {
    const error = new CockpitError('NOT_FOUND', 'no such file');
    expect(errorCode(error)).toBe('NOT_FOUND');
    expect(errorMessage(error)).toBe('no such file');
  });

  it('reads them from a plain object, as contextBridge delivers errors without their prototype', () => {
    const stripped = { code: 'UNSUPPORTED', message: 'There is no file picker in serve mode' };
    expect(errorCode(stripped)).toBe('UNSUPPORTED');
    expect(errorMessage(stripped)).toBe('There is no file picker in serve mode');
  });

  it('ignores codes that are not in the contract', () => {
    expect(errorCode({ code: 'ECONNRESET' })).toBeUndefined();
    expect(errorCode(new Error('x'))).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });

  it('reads the code the preload puts in the message, since contextBridge keeps only the message', () => {
    const bridged = new Error('[UNSUPPORTED] There is no file picker in serve mode');
    expect(errorCode(bridged)).toBe('UNSUPPORTED');
    expect(errorMessage(bridged)).toBe('There is no file picker in serve mode');
    expect(errorCode(new Error('[NOT_A_CODE] x'))).toBeUndefined();
  });

  it("strips Electron's remote-method prefix from messages", () => {
    const error = new Error("Error invoking remote method 'cockpit:invoke': Error: the workspace file is broken");
    expect(errorMessage(error)).toBe('the workspace file is broken');
  });

  it('never returns an empty message', () => {
    expect(errorMessage(new Error(''))).toMatch(/went wrong/);
    expect(errorMessage(undefined)).toMatch(/went wrong/);
    expect(errorMessage('plain text')).toBe('plain text');
  });
});
