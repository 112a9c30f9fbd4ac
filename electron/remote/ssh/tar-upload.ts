/**
 * Uploading without SFTP: when a host's sshd has no `Subsystem sftp`, the file is streamed as a one-entry tar
 * archive into `tar -x` on an exec channel, which any POSIX host with a shell and tar can take. If that fails
 * too, the error says how to turn SFTP on, since that is the fix that needs no tar at all.
 */
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { quotePath } from '../quote';
import { TransportError } from '../types';
import { type SshConnection } from './connect';
import { tarStream } from './ustar';

export const ENABLE_SFTP_HINT =
  'To upload over SFTP instead, enable it on the host: add "Subsystem sftp /usr/lib/openssh/sftp-server" ' +
  '(the sftp-server path of that system) to /etc/ssh/sshd_config and reload sshd.';

/** The error ssh2 gives when the server refuses the `sftp` subsystem request (none is configured). */
export function isSftpMissing(error: Error): boolean {
  return /unable to start subsystem/i.test(error.message);
}

/** How much of tar's stderr a failure message keeps. */
const STDERR_LIMIT = 2000;

export interface TarUpload {
  host: string;
  /** `user@host:port`, for messages. */
  endpoint: string;
  entry: { closed: boolean };
  conn: SshConnection;
  localPath: string;
  /** Absolute path on the host (`~/…` is the login user's home); its directory must exist. */
  remotePath: string;
  mode?: number;
  signal?: AbortSignal;
}

export async function uploadOverTar(input: TarUpload): Promise<void> {
  const { host, endpoint, entry, conn, localPath, remotePath, signal } = input;
  const info = await stat(localPath);
  const dir = posix.dirname(remotePath);
  const name = posix.basename(remotePath);
  // -o: files belong to the login user (as with SFTP), whatever owner the archive names.
  const command = `tar -x -o -f - -C ${quotePath(dir)}`;
  const cancelled = () => new TransportError('cancelled', host, `${host}: upload of ${localPath} cancelled`);
  if (signal?.aborted) throw cancelled();
  await new Promise<void>((resolve, reject) => {
    conn.client.exec(command, (error, channel) => {
      if (error) {
        reject(
          new TransportError(
            entry.closed ? 'disconnected' : 'other',
            host,
            `${host} (${endpoint}): SFTP is not available and tar over SSH could not start: ${error.message}. ${ENABLE_SFTP_HINT}`,
          ),
        );
        return;
      }
      let stderr = '';
      let exitCode: number | null = null;
      let problem: Error | null = null;
      const onAbort = () => {
        problem = cancelled();
        channel.close();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      channel.on('data', () => {});
      channel.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_LIMIT);
      });
      channel.on('exit', (code: number | null) => {
        exitCode = typeof code === 'number' ? code : null;
      });
      channel.on('close', () => {
        signal?.removeEventListener('abort', onAbort);
        if (problem) return reject(problem);
        if (exitCode === 0) return resolve();
        const why = stderr.trim() || (exitCode === null ? 'the connection was lost' : `tar exited with ${exitCode}`);
        reject(
          new TransportError(
            entry.closed ? 'disconnected' : 'other',
            host,
            `${host} (${endpoint}): SFTP is not available, and uploading ${localPath} to ${remotePath} with tar over SSH failed: ${why}. ${ENABLE_SFTP_HINT}`,
          ),
        );
      });
      const source = tarStream([
        { name, kind: 'file', mode: input.mode ?? info.mode & 0o777, size: info.size, source: localPath },
      ]);
      source.on('error', (streamError: Error) => {
        problem ??= new TransportError('other', host, `${host}: upload of ${localPath} failed: ${streamError.message}`);
        channel.close();
      });
      source.pipe(channel);
    });
  });
}
