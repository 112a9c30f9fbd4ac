/**
 * A WebSocket client written on a bare TCP socket, for tests and the bench: it can send what no real client
 * would (oversized headers, unmasked frames, reserved bits, bad opcodes) and can refuse to read.
 */
import { randomBytes } from 'node:crypto';
import { type Socket, connect } from 'node:net';

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  rsv1?: boolean;
  /** Client frames must be masked; false sends it bare. */
  mask?: boolean;
  /** Announce this length instead of the payload's (the payload sent is still `payload`). */
  announcedLength?: number;
}

/** Encodes one frame as a client would send it (masked unless told otherwise). */
export function frame(spec: FrameSpec): Buffer {
  const payload = typeof spec.payload === 'string' ? Buffer.from(spec.payload) : (spec.payload ?? Buffer.alloc(0));
  const length = spec.announcedLength ?? payload.length;
  const masked = spec.mask ?? true;
  const head: number[] = [(spec.fin === false ? 0 : 0x80) | (spec.rsv1 ? 0x40 : 0) | (spec.opcode & 0x0f)];
  const maskBit = masked ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(maskBit | 127, ...big);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (key[i % 4] ?? 0);
  return Buffer.concat([Buffer.from(head), key, body]);
}

export const textFrame = (text: string) => frame({ opcode: 1, payload: text });

/** A close frame's payload: the code, then the reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const out = Buffer.alloc(2 + Buffer.byteLength(reason));
  out.writeUInt16BE(code, 0);
  out.write(reason, 2);
  return out;
}

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

export interface RawClient {
  socket: Socket;
  /** Frames the server sent, in order (only while reading). */
  frames: ServerFrame[];
  /** The close code the server sent, once it has sent one. */
  closeCode(): number | undefined;
  /** Resolves when the TCP connection is gone, with the close code the server sent, if any. */
  closed: Promise<number | undefined>;
  /** Resolves with the next text frame, parsed as JSON. */
  nextText(): Promise<unknown>;
  send(bytes: Buffer): void;
}

export interface RawOptions {
  port: number;
  token: string | null;
  /** Read nothing the server sends after the handshake (a client that never reads). */
  noRead?: boolean;
}

/** Opens a TCP connection, performs a real upgrade handshake, and resolves once the server answered 101. */
export function rawClient(options: RawOptions): Promise<RawClient> {
  const { port, token } = options;
  const socket = connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  const key = randomBytes(16).toString('base64');
  const path = `/api${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  const frames: ServerFrame[] = [];
  const waiting: Array<(value: unknown) => void> = [];
  let code: number | undefined;
  let pending = Buffer.alloc(0);
  let upgraded = false;

  const closed = new Promise<number | undefined>((resolve) => socket.once('close', () => resolve(code)));
  // The server hanging up is answered by hanging up, as a client should.
  socket.on('end', () => socket.end());

  return new Promise((resolve, reject) => {
    const client: RawClient = {
      socket,
      frames,
      closeCode: () => code,
      closed,
      nextText: () => new Promise((r) => waiting.push(r)),
      send: (bytes) => {
        if (!socket.destroyed) socket.write(bytes);
      },
    };
    const onData = (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (!upgraded) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.subarray(0, end).toString();
        pending = pending.subarray(end + 4);
        if (!head.startsWith('HTTP/1.1 101')) {
          reject(new Error(`no upgrade: ${head.split('\r\n')[0]}`));
          socket.destroy();
          return;
        }
        upgraded = true;
        resolve(client);
        if (options.noRead) {
          socket.off('data', onData);
          socket.pause();
          return;
        }
      }
      for (;;) {
        const parsed = parseFrame(pending);
        if (!parsed) return;
        pending = pending.subarray(parsed.size);
        frames.push(parsed.frame);
        if (parsed.frame.opcode === 8 && parsed.frame.payload.length >= 2)
          code ??= parsed.frame.payload.readUInt16BE(0);
        if (parsed.frame.opcode === 1) waiting.shift()?.(JSON.parse(parsed.frame.payload.toString()));
      }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed before the handshake')));
  });
}

/** One unmasked server frame from the front of `data`, or null when more bytes are needed. */
function parseFrame(data: Buffer): { frame: ServerFrame; size: number } | null {
  if (data.length < 2) return null;
  const first = data[0] ?? 0;
  const second = data[1] ?? 0;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return null;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return null;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  if (data.length < offset + length) return null;
  return { frame: { opcode: first & 0x0f, payload: data.subarray(offset, offset + length) }, size: offset + length };
}
