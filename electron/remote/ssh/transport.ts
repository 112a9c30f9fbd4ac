/**
 * The `ssh` transport: one pooled ssh2 connection per host, opened on first use and reused by every command;
 * at most `concurrency` channels at once (the rest queue); closed after a quiet spell; reopened on the next
 * command when it dropped. Commands stream output, report exit code or signal, honour timeout and cancel,
 * and keep a bounded tail. Files go over one cached SFTP session; a host without SFTP gets them as a tar stream
 * into `tar -x` over exec instead (see tar-upload.ts).
 *
 * Stopping a remote command: the wrapper prints its shell's pid (a marker on stderr, stripped from output);
 * sshd makes that shell a session leader, so `kill -- -pid` on a second channel stops it and its children.
 * A `signal` channel request alone is not enough: OpenSSH ignores it for root logins and older servers.
 */
import { type SFTPWrapper } from 'ssh2';
import { DEFAULT_MAX_OUTPUT_BYTES, KILL_GRACE_MS, wrapCommand } from '../exec-support';
import { Semaphore } from '../semaphore';
import { log } from '../../log';
import { type ExecOptions, type ExecResult, type Transport, TransportError, type UploadOptions } from '../types';
import { PID_PREFIX, execOnChannel } from './channel';
import { type ConnectDeps, type SshConnection, openConnection } from './connect';
import { type ConnectPlan, describeEndpoint } from './connect-plan';
import { isSftpMissing, uploadOverTar } from './tar-upload';

export interface SshTransportOptions extends ConnectDeps {
  plan: ConnectPlan;
  /** Close the connection after this long without a command (default 60 s). */
  idleMs?: number;
  killGraceMs?: number;
}

interface PooledConnection {
  promise: Promise<SshConnection>;
  closed: boolean;
  lastError?: Error;
  sftp?: Promise<SFTPWrapper>;
  /** The host refused the SFTP subsystem: uploads on this connection go through tar over exec. */
  sftpMissing?: boolean;
}

export class SshTransport implements Transport {
  readonly host: string;
  /** How many connections were opened so far (pooling is visible in tests and the benchmark). */
  connectionsOpened = 0;
  private readonly slots: Semaphore;
  private pooled: PooledConnection | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private busy = 0;
  private closedForGood = false;
  private warnedNoSftp = false;

  constructor(private readonly options: SshTransportOptions) {
    this.host = options.plan.host;
    this.slots = new Semaphore(options.plan.concurrency);
  }

  /** True while a pooled connection is open or opening. */
  get connected(): boolean {
    return this.pooled !== null && !this.pooled.closed;
  }

  private get endpoint(): string {
    return describeEndpoint(this.options.plan.target);
  }

  private connection(unattended: boolean): PooledConnection {
    if (this.pooled && !this.pooled.closed) return this.pooled;
    if (this.closedForGood) throw new TransportError('other', this.host, `${this.host}: the transport is closed`);
    const state: Omit<PooledConnection, 'promise'> = { closed: false };
    this.connectionsOpened++;
    const promise = openConnection(this.options.plan, { ...this.options, unattended }).then(
      (conn) => {
        conn.client.on('error', (error) => (state.lastError = error));
        conn.client.on('close', () => {
          state.closed = true;
          if (this.pooled === entry) this.pooled = null;
        });
        return conn;
      },
      (error: unknown) => {
        state.closed = true;
        if (this.pooled === entry) this.pooled = null;
        throw error;
      },
    );
    const entry: PooledConnection = Object.assign(state, { promise });
    this.pooled = entry;
    return entry;
  }

  /** Holds a channel slot and the connection for the duration of `work`; schedules the idle close after. */
  private async withSlot<T>(
    signal: AbortSignal | undefined,
    work: (entry: PooledConnection, conn: SshConnection) => Promise<T>,
    unattended = false,
  ): Promise<T | null> {
    const release = await this.slots.acquire(signal);
    if (!release) return null;
    this.busy++;
    clearTimeout(this.idleTimer);
    try {
      const entry = this.connection(unattended);
      const conn = await entry.promise;
      return await work(entry, conn);
    } finally {
      this.busy--;
      release();
      this.scheduleIdleClose();
    }
  }

  private scheduleIdleClose() {
    if (this.busy > 0 || this.slots.queued > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.busy === 0 && this.pooled) this.dropConnection();
    }, this.options.idleMs ?? 60_000);
    this.idleTimer.unref();
  }

  private dropConnection() {
    const entry = this.pooled;
    this.pooled = null;
    if (!entry) return;
    entry.closed = true;
    entry.promise.then((conn) => conn.close()).catch(() => {});
  }

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const started = Date.now();
    const max = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const cancelledBeforeStart = (): ExecResult => ({
      host: this.host,
      command,
      exitCode: null,
      signal: null,
      stdout: '',
      stderr: '',
      durationMs: Date.now() - started,
      timedOut: false,
      cancelled: true,
    });
    let script: string;
    try {
      script = `${PID_PREFIX}\n${wrapCommand(command, opts)}`;
    } catch (error) {
      throw new TransportError('other', this.host, `${this.host}: ${(error as Error).message}`);
    }
    const result = await this.withSlot(
      opts.signal,
      (entry, conn) =>
        execOnChannel({
          host: this.host,
          endpoint: this.endpoint,
          entry,
          conn,
          command,
          script,
          opts,
          started,
          max,
          killGraceMs: this.options.killGraceMs ?? KILL_GRACE_MS,
        }),
      opts.unattended === true,
    );
    return result ?? cancelledBeforeStart();
  }

  async upload(localPath: string, remotePath: string, opts: UploadOptions = {}): Promise<void> {
    const done = await this.withSlot(opts.signal, async (entry, conn) => {
      const sftp = await this.sftp(entry, conn).catch((error: unknown) => {
        if (entry.sftpMissing) return null;
        throw error;
      });
      if (!sftp) {
        this.noteTarFallback(opts);
        await uploadOverTar({
          host: this.host,
          endpoint: this.endpoint,
          entry,
          conn,
          localPath,
          remotePath,
          mode: opts.mode,
          signal: opts.signal,
        });
        return true;
      }
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          entry.sftp = undefined;
          sftp.end();
          reject(new TransportError('cancelled', this.host, `${this.host}: upload of ${localPath} cancelled`));
        };
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        sftp.fastPut(localPath, remotePath, opts.mode === undefined ? {} : { mode: opts.mode }, (error) => {
          opts.signal?.removeEventListener('abort', onAbort);
          if (!error) return resolve();
          const kind = entry.closed ? 'disconnected' : 'other';
          reject(
            new TransportError(
              kind,
              this.host,
              `${this.host} (${this.endpoint}): upload of ${localPath} to ${remotePath} failed: ${error.message}`,
            ),
          );
        });
      });
      return true;
    });
    if (!done) throw new TransportError('cancelled', this.host, `${this.host}: upload of ${localPath} cancelled`);
  }

  /** Says (to the caller's log, and once per transport to the backend log) that files go without SFTP. */
  private noteTarFallback(opts: UploadOptions) {
    const note = `${this.host}: SFTP is not available on this host; uploading with tar over SSH instead`;
    opts.onNote?.(note);
    if (this.warnedNoSftp) return;
    this.warnedNoSftp = true;
    log.warn(note);
  }

  private sftp(entry: PooledConnection, conn: SshConnection): Promise<SFTPWrapper> {
    if (entry.sftpMissing) return Promise.reject(new Error('SFTP is not available'));
    entry.sftp ??= new Promise<SFTPWrapper>((resolve, reject) => {
      conn.client.sftp((error, sftp) => {
        if (error) {
          entry.sftp = undefined;
          if (isSftpMissing(error)) entry.sftpMissing = true;
          reject(
            new TransportError(
              'other',
              this.host,
              `${this.host} (${this.endpoint}): SFTP is not available: ${error.message}`,
            ),
          );
        } else {
          sftp.on('close', () => (entry.sftp = undefined));
          resolve(sftp);
        }
      });
    });
    return entry.sftp;
  }

  async close(): Promise<void> {
    this.closedForGood = true;
    clearTimeout(this.idleTimer);
    this.dropConnection();
  }
}
