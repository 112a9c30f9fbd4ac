/**
 * Reading errors from the backend. Over WebSocket they are CockpitErrors with a `code`. Over Electron IPC the
 * preload throws them across contextBridge, which rebuilds them in the page as `new Error(message)` without the
 * class or any own property; the preload therefore puts the code in the message as a `[CODE] ` prefix, which
 * is parsed back here. Both forms, and a plain object with `code`, are read defensively.
 */
import { type ErrorCode, errorCodes } from '../../shared/rpc';

const bridgedPrefix = /^\[([A-Z_]+)\] /;
// Electron prefixes errors that crossed ipcRenderer.invoke: "Error invoking remote method 'x': Error: real message".
const remotePrefix = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

function rawMessage(error: unknown): string | undefined {
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message.replace(remotePrefix, '');
  }
  return undefined;
}

export function errorCode(error: unknown): ErrorCode | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (isErrorCode(code)) return code;
  const fromMessage = bridgedPrefix.exec(rawMessage(error) ?? '')?.[1];
  return isErrorCode(fromMessage) ? fromMessage : undefined;
}

export function errorMessage(error: unknown): string {
  const message = rawMessage(error)?.replace(bridgedPrefix, '').trim();
  return message ? message : 'Something went wrong, and the backend did not say what.';
}
