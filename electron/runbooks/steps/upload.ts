/**
 * `upload`: creates the directories, then copies files (a few at once) over the host's transport (SFTP, or tar
 * over SSH on a host without it: said once in the step's log, so the journal records how the files went).
 */
import { sh } from '../../remote/quote';
import { TransportError } from '../../remote/types';
import { type UploadStep } from '../types';
import { type StepExecutor } from './context';

export const uploadStep: StepExecutor<UploadStep> = async (step, ctx) => {
  const transport = ctx.transport;
  if (!transport) return ctx.fail('error', `${step.title}: an upload needs a host`);
  if (step.mkdirs && step.mkdirs.length > 0) await ctx.exec(sh`mkdir -p -- ${step.mkdirs}`);
  const queue = [...step.files];
  let done = 0;
  const notes = new Set<string>();
  const onNote = (note: string) => {
    if (notes.has(note)) return;
    notes.add(note);
    ctx.log(`${note}\n`);
  };
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      if (ctx.signal.aborted) return;
      try {
        await transport.upload(file.local, file.remote, { signal: ctx.signal, mode: file.mode, onNote });
      } catch (error) {
        if (ctx.signal.aborted) return;
        const transportError = error instanceof TransportError ? error : null;
        ctx.fail(
          'transport',
          (error as Error).message,
          { command: `upload ${file.local} → ${file.remote}` },
          transportError?.kind ?? null,
          transportError?.details ?? null,
        );
      }
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(step.parallel ?? 4, Math.max(1, step.files.length)) }, worker));
  if (ctx.signal.aborted)
    ctx.fail(
      ctx.timedOut() ? 'timeout' : 'cancelled',
      `${step.title}: stopped after ${done} of ${step.files.length} files`,
    );
  ctx.log(`uploaded ${done} file${done === 1 ? '' : 's'}\n`);
  return { exitCode: null, stdout: '', detail: `${done} files` };
};
