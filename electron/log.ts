/**
 * The backend's log lines (the terminal of `cockpit serve`, the desktop app's stderr). They leave the engine like
 * live output and the journal do, so the same redactor passes over them: an error's message or stack can carry a
 * command's output, a URL with its password, a token in a header.
 */
import { format } from 'node:util';
import { redactText } from './journal/redact';

export const log = {
  error: (...parts: unknown[]): void => console.error(redactText(format(...parts))),
  warn: (...parts: unknown[]): void => console.warn(redactText(format(...parts))),
};
