/**
 * The CLI answers the backend's questions on its own terminal: an SSH key's passphrase typed without echo (as
 * OpenSSH asks for it), a confirm step's yes or no. Without a terminal (a script, CI) nobody can answer: the
 * passphrase fails with a message pointing at ssh-agent, and a confirm step is declined.
 */
import { type PromptAskers } from '../prompts/feature';
import { type PassphraseRequest } from '../remote/ssh/auth';

/** The part of a terminal stream the prompts use; tests pass a fake. */
export interface TerminalInput {
  readonly isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface TerminalOutput {
  write(text: string): unknown;
}

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const BACKSPACE = new Set(['\u007f', '\b']);

/** Reads one line in raw mode, showing nothing of it. Null when the person gives up (Ctrl-C, Ctrl-D, empty). */
function readHidden(input: TerminalInput, output: TerminalOutput, label: string): Promise<string | null> {
  return new Promise((resolve) => {
    output.write(label);
    const wasRaw = input.isRaw === true;
    input.setRawMode?.(true);
    input.resume();
    let typed = '';
    const finish = (value: string | null) => {
      input.off('data', onData);
      input.setRawMode?.(wasRaw);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    function onData(chunk: Buffer | string) {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ENTER.has(ch)) return finish(typed === '' ? null : typed);
        if (ch === CTRL_C || (ch === CTRL_D && typed === '')) return finish(null);
        if (BACKSPACE.has(ch)) typed = [...typed].slice(0, -1).join('');
        else if (ch === CTRL_U) typed = '';
        else if (ch >= ' ') typed += ch;
      }
    }
    input.on('data', onData);
  });
}

/** Reads one visible line (for yes/no). */
function readLine(input: TerminalInput, output: TerminalOutput, label: string): Promise<string> {
  return new Promise((resolve) => {
    output.write(label);
    input.resume();
    let typed = '';
    function onData(chunk: Buffer | string) {
      typed += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const end = typed.search(/[\r\n]/);
      if (end < 0) return;
      input.off('data', onData);
      input.pause();
      resolve(typed.slice(0, end));
    }
    input.on('data', onData);
  });
}

export function terminalPrompts(
  input: TerminalInput = process.stdin,
  output: TerminalOutput = process.stderr,
): Required<PromptAskers> {
  // One terminal: questions wait their turn, and hosts asking for the same key at once share one question.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(ask: () => Promise<T>): Promise<T> => {
    const next = queue.then(ask, ask);
    queue = next.catch(() => undefined);
    return next;
  };
  const asking = new Map<string, Promise<string | null>>();

  function askPassphrase(request: PassphraseRequest): Promise<string | null> {
    if (!input.isTTY) {
      return Promise.reject(
        new Error(`${request.keyFile} needs a passphrase, and there is no terminal to type it in (stdin is not a TTY)`),
      );
    }
    const key = `${request.keyFile}\n${request.attempt}`;
    const shared = asking.get(key);
    if (shared) return shared;
    const answer = inTurn(() => {
      if (request.attempt > 1) output.write('Wrong passphrase, try again.\n');
      return readHidden(input, output, `Enter passphrase for key '${request.keyFile}' (for ${request.host}): `);
    }).finally(() => asking.delete(key));
    asking.set(key, answer);
    return answer;
  }

  return {
    passphrase: askPassphrase,
    confirm: async (prompt) => {
      if (!input.isTTY) {
        output.write(`${prompt} — no terminal to answer on (stdin is not a TTY): declined.\n`);
        return false;
      }
      const answer = await inTurn(() => readLine(input, output, `${prompt} [y/N] `));
      return /^\s*y(es)?\s*$/i.test(answer);
    },
  };
}
