/**
 * A backup source kind (dir, s3, restic, pgbackrest, command): one file per kind, listed in ./registry.ts. A kind
 * lists the copies, and may add its tool's own check (`restic check`, `pgbackrest verify`), a checksum of a copy
 * for a drill's evidence, and the environment a drill's commands need to reach the copies (restic's repository
 * and password). The verification engine (../verify.ts) and the drill runner alone own timing, journaling, alerts.
 */
import { type BackupCopy, type VerificationCheck } from '../../../shared/model/backups';
import { type BackupSourceConfig, type BackupSourceKind } from '../../../shared/workspace/backups';
import { type ExecResult } from '../../remote/types';

export interface SourceExecOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Variables for the command (a secret goes here, never into the command line the journal shows). */
  env?: Record<string, string>;
  cwd?: string;
  /**
   * Cheap and read-only (a listing): it may share one remote command with others asked for at the same moment on
   * the same host (see ../batched-exec.ts). Never for commands that stream, take long or change anything.
   */
  batch?: boolean;
}

export interface SourceContext {
  /**
   * Runs a command where the source lives: on `host` over its pooled transport, or on this machine when host is
   * undefined. Output is returned whole (up to the transport's cap); a transport failure throws TransportError.
   */
  exec(host: string | undefined, command: string, options?: SourceExecOptions): Promise<ExecResult>;
  /** Resolves `env:NAME` / `keychain:NAME`; the value never reaches a message, the journal or a log. */
  resolveSecret(ref: string): Promise<string>;
  signal?: AbortSignal;
  now(): Date;
}

/** A source could not be read: the message says where and why, and what to do ("restic is not installed on db-1"). */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly details: { command?: string; exitCode?: number | null; output?: string } = {},
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface SourceKind<C extends BackupSourceConfig = BackupSourceConfig> {
  kind: BackupSourceKind;
  /** Narrows a parsed `source:` to this kind. */
  accepts(source: BackupSourceConfig): source is C;
  /** Where this source's commands run (its host), undefined for this machine. */
  hostOf(source: C): string | undefined;
  /** The copies, newest first. Throws SourceError when the source cannot be read. */
  list(source: C, ctx: SourceContext): Promise<BackupCopy[]>;
  /** What a successful listing proves and does not, for the `list` check's label. */
  listProves: { proves: string; doesNotProve: string };
  /** The tool's own integrity check on the repository (restic check, pgbackrest verify), judged by its output. */
  nativeCheck?(source: C, ctx: SourceContext): Promise<VerificationCheck>;
  /** sha256 (or the tool's own content id) of a copy, for a drill's evidence; null when it cannot say. */
  checksum?(source: C, copy: BackupCopy, ctx: SourceContext): Promise<string | null>;
  /**
   * Variables a drill's and an integrity command's shell needs to reach the copies (RESTIC_REPOSITORY and the
   * password, AWS_PROFILE …). Values may be secrets: they are passed as the command's environment, never written.
   */
  commandEnv?(source: C, ctx: SourceContext): Promise<Record<string, string>>;
}
