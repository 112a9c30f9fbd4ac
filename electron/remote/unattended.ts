/**
 * A transport for background work nobody is waiting on: every command it runs is marked `unattended`, so opening
 * its connection never re-asks a person what they declined (see ExecOptions.unattended).
 */
import { type Transport } from './types';

export function unattendedTransport(transport: Transport): Transport {
  return {
    host: transport.host,
    exec: (command, options) => transport.exec(command, { ...options, unattended: true }),
    upload: (localPath, remotePath, options) => transport.upload(localPath, remotePath, options),
    close: () => transport.close(),
  };
}
