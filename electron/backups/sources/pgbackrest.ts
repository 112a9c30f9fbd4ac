/**
 * `pgbackrest`: the copies are a stanza's backup sets, read with `pgbackrest info --output=json` where pgBackRest
 * runs, as `user` when set (`sudo -n -u USER`: pgBackRest refuses root, and -n fails at once rather than wait for a
 * sudo password nobody can type). The JSON's 64-bit `system-id` would lose precision in JSON.parse; it is never
 * read (the schema below leaves it out), so that cannot matter. The native check is `pgbackrest verify`, which
 * exits 0 even when it finds corruption: it is judged by what it prints.
 */
import { z } from 'zod';
import { type BackupCopy, type VerificationCheck } from '../../../shared/model/backups';
import { type BackupSourceConfig } from '../../../shared/workspace/backups';
import { quote } from '../../remote/quote';
import { type ExecResult } from '../../remote/types';
import { TOOL_TIMEOUT_MS, newestFirst, runForSource, tail, where } from './run';
import { SourceError, type SourceKind } from './types';

export type PgbackrestSource = Extract<BackupSourceConfig, { pgbackrest: string }>;

/** verify reads every file of every backup and the WAL archive: big repositories take long. */
const VERIFY_TIMEOUT_MS = 60 * 60_000;
/** `status.code` 2: the stanza is fine but holds no backup yet; an empty list, not an error. */
const NO_VALID_BACKUPS = 2;

const backupSchema = z.object({
  label: z.string(),
  type: z.string(),
  prior: z.string().nullable().optional(),
  error: z.boolean().optional(),
  timestamp: z.object({ start: z.number(), stop: z.number() }),
  info: z
    .object({
      size: z.number().optional(),
      repository: z.object({ size: z.number().optional(), delta: z.number().optional() }).optional(),
    })
    .optional(),
});

const stanzaSchema = z.object({
  name: z.string(),
  status: z.object({ code: z.number(), message: z.string() }),
  backup: z.array(backupSchema).optional(),
});

/** `[sudo -n -u USER] pgbackrest [--config=C] --stanza=S`, every part quoted. */
function base(source: PgbackrestSource): string {
  return [
    source.user ? `sudo -n -u ${quote(source.user)}` : null,
    'pgbackrest',
    source.config ? `--config=${quote(source.config)}` : null,
    `--stanza=${quote(source.pgbackrest)}`,
  ]
    .filter((part): part is string => part !== null)
    .join(' ');
}

export function infoCommand(source: PgbackrestSource): string {
  return `${base(source)} info --output=json`;
}

/** `--log-level-console=info`: without it a clean or a damaged repository alike print nothing (2.45). */
export function verifyCommand(source: PgbackrestSource): string {
  return `${base(source)} --log-level-console=info verify`;
}

function toolFailure(source: PgbackrestSource, result: ExecResult, doing: string): string {
  const text = `${result.stderr}\n${result.stdout}`;
  const on = where(source.host);
  if (result.exitCode === 127 || /pgbackrest: (command )?not found/.test(text)) {
    return `pgBackRest is not installed ${on}. Install it there, or set \`host\` to the repository host.`;
  }
  if (/sudo: .*password is required|sudo: a terminal is required|sudo: (command )?not found/.test(text)) {
    return (
      `Could not run pgBackRest as ${source.user ?? 'its user'} ${on}: sudo needs a password or is missing. ` +
      `Allow the SSH user to run pgbackrest as ${source.user ?? 'that user'} without a password (sudoers), or remove \`user\`.`
    );
  }
  const error = /ERROR: \[\d+\]: .*/.exec(text)?.[0];
  return `pgBackRest failed ${doing} stanza ${source.pgbackrest} ${on} (exit code ${result.exitCode}): ${error ?? tail(result.stderr, 3)}`;
}

function noteOf(backup: z.infer<typeof backupSchema>): string {
  const own = backup.info?.repository?.delta;
  const kind =
    backup.type === 'full'
      ? 'full'
      : `${backup.type} of ${backup.prior ?? 'an earlier backup'}${own !== undefined ? `, ${own} bytes of its own` : ''}`;
  return `${kind}; size is what a restore reads from the repository${backup.error ? '; pgBackRest reported errors during this backup' : ''}`;
}

export function parseInfo(source: PgbackrestSource, stdout: string): BackupCopy[] {
  let parsed: unknown;
  try {
    // Precision of `system-id` (> 2^53) is lost here; nothing reads it.
    parsed = JSON.parse(stdout);
  } catch {
    throw new SourceError(`pgBackRest printed something other than its JSON info: ${tail(stdout, 3)}`);
  }
  const stanzas = z.array(stanzaSchema).safeParse(parsed);
  if (!stanzas.success) {
    throw new SourceError(`pgBackRest's info has an unexpected shape: ${stanzas.error.issues[0]?.message ?? ''}`);
  }
  const stanza = stanzas.data.find((s) => s.name === source.pgbackrest) ?? stanzas.data[0];
  if (!stanza) throw new SourceError(`pgBackRest listed no stanza ${source.pgbackrest} ${where(source.host)}.`);
  if (stanza.status.code !== 0 && stanza.status.code !== NO_VALID_BACKUPS) {
    throw new SourceError(
      `pgBackRest cannot read stanza ${source.pgbackrest} ${where(source.host)}: ${stanza.status.message} ` +
        `(status ${stanza.status.code}). Check the stanza name and its configuration; run \`pgbackrest info\` ` +
        'there for details.',
      { output: tail(stdout) },
    );
  }
  return newestFirst(
    (stanza.backup ?? []).map((backup) => ({
      id: backup.label,
      time: new Date(backup.timestamp.stop * 1000).toISOString(),
      // The repository size a restore of this set reads (for an incr, with the files it takes from its prior),
      // so a full and an incr compare fairly in the shrink check; the incr's own share is in the note.
      size: backup.info?.repository?.size ?? null,
      location: backup.label,
      note: noteOf(backup),
    })),
  );
}

/** The lines of verify's report that say something is wrong. */
function findingsOf(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.replace(/^.*?\b(P\d\d)\s+\w+:\s*/, '').trim())
    .filter(
      (line) =>
        /status: (error|invalid)/.test(line) ||
        /^(checksum invalid|missing|other|size invalid): [1-9]/.test(line) ||
        /^invalid checksum /.test(line),
    );
}

export const pgbackrestKind: SourceKind<PgbackrestSource> &
  Required<Pick<SourceKind<PgbackrestSource>, 'nativeCheck'>> = {
  kind: 'pgbackrest',
  accepts: (source): source is PgbackrestSource => 'pgbackrest' in source,
  hostOf: (source) => source.host,
  listProves: {
    proves: "pgBackRest read the stanza's backup.info and lists these backup sets, with their times and sizes",
    doesNotProve: 'that the backup files are intact (their checksums were not read) or that a restore works',
  },

  async list(source, ctx) {
    const command = infoCommand(source);
    const result = await runForSource(ctx, source.host, command, `reading pgBackRest stanza ${source.pgbackrest}`, {
      timeoutMs: TOOL_TIMEOUT_MS,
    });
    if (result.exitCode !== 0) {
      throw new SourceError(toolFailure(source, result, 'reading'), {
        command,
        exitCode: result.exitCode,
        output: tail(result.stderr || result.stdout),
      });
    }
    return parseInfo(source, result.stdout);
  },

  async nativeCheck(source, ctx): Promise<VerificationCheck> {
    const command = verifyCommand(source);
    const started = Date.now();
    const result = await runForSource(ctx, source.host, command, `verifying stanza ${source.pgbackrest}`, {
      timeoutMs: VERIFY_TIMEOUT_MS,
    });
    const durationMs = Date.now() - started;
    const text = `${result.stdout}\n${result.stderr}`;
    const findings = findingsOf(text);
    const labels = {
      kind: 'native' as const,
      proves:
        'every file of every backup set and the WAL archive was read and matched the checksum pgBackRest recorded',
      doesNotProve: 'that PostgreSQL starts from a restore, or that the data inside is what you expect',
      command,
      exitCode: result.exitCode,
    };
    if (result.exitCode !== 0) {
      return {
        ...labels,
        status: 'error',
        durationMs,
        output: tail(text.trim(), 30),
        summary: toolFailure(source, result, 'verifying'),
      };
    }
    if (findings.length > 0) {
      return {
        ...labels,
        status: 'failed',
        durationMs,
        // Exit code 0 all the same: pgBackRest 2.45 reports corruption only in its output.
        output: findings.join('\n'),
        summary: `pgbackrest verify found damage in stanza ${source.pgbackrest}: ${findings.find((f) => /^(checksum invalid|missing|other|size invalid)/.test(f)) ?? findings[0]}`,
      };
    }
    return {
      ...labels,
      status: 'ok',
      durationMs,
      output: tail(text.trim(), 30),
      summary: `pgbackrest verify found every backup file and WAL segment of ${source.pgbackrest} valid`,
    };
  },
};
