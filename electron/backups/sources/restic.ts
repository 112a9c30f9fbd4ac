/**
 * `restic`: the copies are a repository's snapshots (`restic snapshots --json`), read where restic runs (a host,
 * or this machine). The password is a reference: a secret (`env:`/`keychain:`) resolved here and handed to restic as
 * RESTIC_PASSWORD in the command's environment, or a password file on that machine (RESTIC_PASSWORD_FILE); it is
 * never on a command line, in a message or in the journal. The native check is `restic check`, judged by its exit
 * code and by what it prints.
 */
import { z } from 'zod';
import { type BackupCopy, type VerificationCheck } from '../../../shared/model/backups';
import { type BackupSourceConfig } from '../../../shared/workspace/backups';
import { quote } from '../../remote/quote';
import { type ExecResult } from '../../remote/types';
import { TOOL_TIMEOUT_MS, newestFirst, runForSource, tail, where } from './run';
import { type SourceContext, SourceError, type SourceKind } from './types';

export type ResticSource = Extract<BackupSourceConfig, { restic: string }>;

/** `restic check --read-data-subset` reads and hashes data: on a big repository that takes long. */
const CHECK_TIMEOUT_MS = 60 * 60_000;

/** The fields of `restic snapshots --json` used here (0.14; later versions add `summary`). */
const snapshotSchema = z.object({
  id: z.string(),
  short_id: z.string(),
  time: z.string(),
  hostname: z.string().optional(),
  paths: z.array(z.string()).optional(),
  tags: z.array(z.string()).nullable().optional(),
  summary: z.object({ total_bytes_processed: z.number().optional() }).optional(),
});

/** RESTIC_REPOSITORY and the password variable: the listing's, the check's and a drill's environment. */
async function resticEnv(source: ResticSource, ctx: SourceContext): Promise<Record<string, string>> {
  const env: Record<string, string> = { RESTIC_REPOSITORY: source.restic };
  if (source.password.startsWith('/')) env.RESTIC_PASSWORD_FILE = source.password;
  else env.RESTIC_PASSWORD = await ctx.resolveSecret(source.password);
  return env;
}

/** What restic's fatal errors mean, in words, with what to do. Null when it is none of the known ones. */
function explainFailure(source: ResticSource, result: ExecResult): string | null {
  const text = `${result.stderr}\n${result.stdout}`;
  const repo = source.restic;
  const on = where(source.host);
  if (result.exitCode === 127 || /restic: (command )?not found/.test(text)) {
    return `restic is not installed ${on}. Install it there (the package is called restic), or set \`host\` to where it is.`;
  }
  if (/wrong password or no key found/.test(text)) {
    return `restic could not open ${repo} ${on}: the password from ${source.password} is wrong. Set it to the repository's password.`;
  }
  if (/empty password is not a password/.test(text)) {
    return `restic could not open ${repo} ${on}: the password from ${source.password} is empty. Set it to the repository's password.`;
  }
  if (
    /Resolving password failed|Fatal: .*(password file|RESTIC_PASSWORD_FILE)/.test(text) &&
    source.password.startsWith('/')
  ) {
    return `restic could not read the password file ${source.password} ${on}. Check that it exists there and is readable.`;
  }
  if (/unable to open config file|Is there a repository at the following location\?/.test(text)) {
    return `There is no restic repository at ${repo} ${on}. Check \`restic\` in cockpit.yaml (or create one with \`restic init\`).`;
  }
  if (/repository is already locked/.test(text)) {
    const by = /locked (?:exclusively )?by (PID \d+ on \S+)/.exec(text)?.[1];
    return (
      `The restic repository ${repo} is locked${by ? ` by ${by}` : ''}. If no backup or prune is running, the lock is ` +
      `stale (a killed restic leaves one): remove it with \`restic unlock\` ${on}.`
    );
  }
  return null;
}

function failure(source: ResticSource, result: ExecResult, doing: string): SourceError {
  const output = tail(result.stderr || result.stdout);
  const message =
    explainFailure(source, result) ??
    `restic failed ${doing} ${source.restic} ${where(source.host)} (exit code ${result.exitCode}): ${tail(result.stderr, 3)}`;
  return new SourceError(message, { command: result.command, exitCode: result.exitCode, output });
}

export function listCommand(source: ResticSource): string {
  // --no-lock: reading the snapshot list must neither wait for a running backup nor leave a lock if it is killed.
  return `restic --no-lock snapshots --json${source.tag ? ` --tag ${quote(source.tag)}` : ''}`;
}

export function parseSnapshots(stdout: string): BackupCopy[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new SourceError(`restic printed something other than its JSON snapshot list: ${tail(stdout, 3)}`);
  }
  const snapshots = z.array(snapshotSchema).safeParse(parsed);
  if (!snapshots.success) {
    throw new SourceError(
      `restic's snapshot list has an unexpected shape: ${snapshots.error.issues[0]?.message ?? ''}`,
    );
  }
  return newestFirst(
    snapshots.data.map((snapshot) => {
      const facts = [
        snapshot.tags?.length ? `tags: ${snapshot.tags.join(', ')}` : null,
        snapshot.hostname ? `host ${snapshot.hostname}` : null,
        snapshot.paths?.length ? `paths: ${snapshot.paths.join(', ')}` : null,
      ].filter((fact): fact is string => fact !== null);
      const time = Date.parse(snapshot.time);
      return {
        id: snapshot.short_id,
        time: Number.isFinite(time) ? new Date(time).toISOString() : snapshot.time,
        // restic 0.14 does not say a snapshot's size; newer versions do, as the bytes the backup read.
        size: snapshot.summary?.total_bytes_processed ?? null,
        // The full id: what `restic dump`, `restore` and `ls` take for {file}.
        location: snapshot.id,
        note: facts.join('; ') || undefined,
      };
    }),
  );
}

function checkLabels(source: ResticSource): Pick<VerificationCheck, 'proves' | 'doesNotProve'> {
  if (!source.readDataSubset) {
    return {
      proves: "the repository's structure and index are consistent: every snapshot's trees and packs are present",
      doesNotProve: 'that the data inside the packs is intact (none was read), or that a restore works',
    };
  }
  return {
    proves:
      `the structure and index are consistent, and a ${source.readDataSubset} share of the data packs was read ` +
      'and every blob in it matched its hash',
    doesNotProve: 'that the packs not read this time are intact, or that a restore works',
  };
}

export const resticKind: SourceKind<ResticSource> &
  Required<Pick<SourceKind<ResticSource>, 'nativeCheck' | 'checksum' | 'commandEnv'>> = {
  kind: 'restic',
  accepts: (source): source is ResticSource => 'restic' in source,
  hostOf: (source) => source.host,
  listProves: {
    proves: 'the repository opened with its password and lists these snapshots',
    doesNotProve: "that the snapshots' data is intact or restorable",
  },

  async list(source, ctx) {
    const command = listCommand(source);
    const result = await runForSource(ctx, source.host, command, `listing restic snapshots in ${source.restic}`, {
      timeoutMs: TOOL_TIMEOUT_MS,
      env: await resticEnv(source, ctx),
    });
    if (result.exitCode !== 0) throw failure(source, result, 'listing the snapshots of');
    return parseSnapshots(result.stdout);
  },

  async nativeCheck(source, ctx) {
    const command = `restic check${source.readDataSubset ? ` --read-data-subset=${quote(source.readDataSubset)}` : ''}`;
    const started = Date.now();
    const labels = checkLabels(source);
    const result = await runForSource(ctx, source.host, command, `checking ${source.restic}`, {
      timeoutMs: CHECK_TIMEOUT_MS,
      env: await resticEnv(source, ctx),
    });
    const output = tail(`${result.stdout}\n${result.stderr}`.trim(), 30);
    const base = { kind: 'native' as const, ...labels, command, exitCode: result.exitCode, output };
    const durationMs = Date.now() - started;
    const clean = /no errors were found/.test(result.stdout);
    if (result.exitCode === 0 && clean) {
      return { ...base, status: 'ok', durationMs, summary: `restic check found no errors${subsetWords(source)}` };
    }
    const damaged =
      /repository contains errors|does not exist|does not match|unexpected file size|error for tree/i.test(output);
    if (result.exitCode === 0) {
      return {
        ...base,
        status: 'failed',
        durationMs,
        summary: 'restic check exited 0 but did not report "no errors were found": read its output',
      };
    }
    if (damaged) {
      const first = firstFinding(output);
      return {
        ...base,
        status: 'failed',
        durationMs,
        summary: `restic check found errors in ${source.restic}${first ? `: ${first}` : ''}`,
      };
    }
    return {
      ...base,
      status: 'error',
      durationMs,
      summary: explainFailure(source, result) ?? `restic check could not run (exit code ${result.exitCode})`,
    };
  },

  async checksum(_source, copy) {
    // A snapshot's id is the SHA-256 of its content (which names every tree and blob by hash): restic's own id.
    return /^[0-9a-f]{64}$/.test(copy.location) ? `restic-snapshot:${copy.location}` : null;
  },

  commandEnv: resticEnv,
};

function subsetWords(source: ResticSource): string {
  return source.readDataSubset ? ` (data read: ${source.readDataSubset})` : ' (structure only; no data read)';
}

/** The first line that names what is wrong, for the summary. */
function firstFinding(output: string): string | null {
  const line = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /does not exist|does not match|unexpected file size|error|invalid/i.test(l) && !/^Fatal:/.test(l));
  return line ? line.slice(0, 200) : null;
}
