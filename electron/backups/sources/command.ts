/**
 * `command`: for any backup the other kinds do not know, the team's own command prints the copies as a JSON list,
 * `[{ "id": "…", "time": "2026-12-05T02:00:00Z" | 1796532505, "size"?: 123, "location"?: "…" }]`. Each entry is
 * checked; the first bad one is named by its position and field, so the script's author can fix it.
 */
import { z } from 'zod';
import { type BackupCopy } from '../../../shared/model/backups';
import { type BackupSourceConfig } from '../../../shared/workspace/backups';
import { LIST_TIMEOUT_MS, newestFirst, runForSource, tail, where } from './run';
import { SourceError, type SourceKind } from './types';

export type CommandSource = Extract<BackupSourceConfig, { command: string }>;

const entrySchema = z.object({
  id: z.union([z.string().min(1), z.number()], { error: 'expected a non-empty string' }),
  time: z.union([z.string(), z.number()], { error: 'expected an ISO time or epoch seconds' }),
  size: z.number({ error: 'expected a number of bytes' }).nonnegative().nullable().optional(),
  location: z.string({ error: 'expected a string' }).optional(),
});

/** ISO text, or epoch seconds (a number, or digits in a string, as `date +%s` prints them). */
function timeOf(value: string | number): string | null {
  const ms = typeof value === 'number' || /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function parseCommandOutput(source: CommandSource, stdout: string): BackupCopy[] {
  const problem = (message: string) =>
    new SourceError(`The backup list command ${where(source.host)} ${message}`, {
      command: source.command,
      output: tail(stdout),
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    throw problem(
      `did not print JSON (${reason}). It must print only a list such as [{"id": "…", "time": "…"}]; ` +
        'send anything else to stderr.',
    );
  }
  if (!Array.isArray(parsed)) throw problem('printed JSON that is not a list: expected [{"id": "…", "time": "…"}].');
  return newestFirst(
    parsed.map((item: unknown, index) => {
      const entry = entrySchema.safeParse(item);
      if (!entry.success) {
        const issue = entry.error.issues[0];
        const field = issue?.path.join('.') || 'the entry';
        const reason = typeof item === 'object' && item !== null ? issue?.message : 'expected an object';
        throw problem(`printed a bad entry at index ${index}: ${field}: ${reason}.`);
      }
      const time = timeOf(entry.data.time);
      if (time === null) {
        throw problem(
          `printed a bad entry at index ${index}: time: "${String(entry.data.time)}" is not an ISO time or epoch seconds.`,
        );
      }
      const id = String(entry.data.id);
      return { id, time, size: entry.data.size ?? null, location: entry.data.location ?? id };
    }),
  );
}

export const commandKind: SourceKind<CommandSource> = {
  kind: 'command',
  accepts: (source): source is CommandSource => 'command' in source,
  hostOf: (source) => source.host,
  listProves: {
    proves: 'the list command ran and reported these copies, with the times and sizes it printed',
    doesNotProve: 'that the copies exist as reported, or that any is readable or restorable',
  },

  async list(source, ctx) {
    const result = await runForSource(ctx, source.host, source.command, 'the backup list command', {
      timeoutMs: LIST_TIMEOUT_MS,
    });
    if (result.exitCode !== 0) {
      throw new SourceError(
        `The backup list command failed ${where(source.host)} with exit code ${result.exitCode}: ` +
          `${tail(result.stderr, 3) || 'it printed no error'}. Run it by hand there to see why.`,
        { command: source.command, exitCode: result.exitCode, output: tail(result.stderr || result.stdout) },
      );
    }
    return parseCommandOutput(source, result.stdout);
  },
};
