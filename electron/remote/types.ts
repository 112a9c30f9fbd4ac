/**
 * How the cockpit runs a command on a host. Implementations: `ssh` (ssh2, pooled) and `local` (child_process).
 * Deploys, health host metrics, backups and drills all go through this interface and never care which one.
 */

export interface ExecOptions {
  /** Working directory on the host. */
  cwd?: string;
  /** Extra environment variables (names are validated; values are quoted by the transport). */
  env?: Record<string, string>;
  /** Kill the command after this many ms; the result then has `timedOut: true`. */
  timeoutMs?: number;
  /** Aborting kills the command; the result then has `cancelled: true`. */
  signal?: AbortSignal;
  /** Live output, chunk by chunk, as it arrives. */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  /** Keep at most this many bytes of output in the result (the tail is kept). Default 1 MiB. */
  maxOutputBytes?: number;
  /**
   * Background work nobody is waiting on (a scheduled health check). If it has to open the connection, it asks a
   * person nothing they already declined (an SSH key's passphrase): a check every 30 s must not re-open a dialog.
   */
  unattended?: boolean;
}

export interface ExecResult {
  host: string;
  command: string;
  exitCode: number | null;
  /** A signal name when the command was killed by one. */
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  cancelled: boolean;
}

export interface UploadOptions {
  signal?: AbortSignal;
  mode?: number;
  /** Told how the file went when that is worth a line in the log (e.g. tar over SSH on a host without SFTP). */
  onNote?: (note: string) => void;
}

export interface Transport {
  /** The workspace host name this transport reaches. */
  readonly host: string;
  /** Runs one shell command line (already quoted by the caller where it holds user data). */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** Copies a local file to a path on the host (parent directories must exist). */
  upload(localPath: string, remotePath: string, options?: UploadOptions): Promise<void>;
  /** Releases pooled connections. */
  close(): Promise<void>;
}

/** Why a transport could not even run the command: said with the host, for a human. */
export type TransportErrorKind =
  | 'auth-failed'
  | 'refused'
  | 'timeout'
  | 'host-unknown'
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'disconnected'
  | 'dns'
  /** The host offered a key listed as @revoked in known_hosts. */
  | 'host-key-revoked'
  /** The caller cancelled (an upload; a cancelled exec resolves with `cancelled: true` instead). */
  | 'cancelled'
  | 'other';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    readonly host: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
