/**
 * Refusing a WebSocket in a way a browser can read: the handshake is answered and a close frame with a code
 * follows at once. Written by hand rather than through ws, so no WebSocket (and no frame parser) ever exists for
 * a client that has not proven itself: what it sends afterwards is discarded unread.
 */
import { createHash } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';

/** RFC 6455 §1.3: the value every server appends to the client's key. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** A refused client gets this long to read the close frame and hang up before the socket is destroyed. */
const REFUSED_GRACE_MS = 2000;

export function refuseWithCloseFrame(req: IncomingMessage, socket: Duplex, code: number, reason: string): void {
  const key = req.headers['sec-websocket-key'];
  if (
    req.headers.upgrade?.toLowerCase() !== 'websocket' ||
    req.headers['sec-websocket-version'] !== '13' ||
    typeof key !== 'string' ||
    !/^[+/0-9A-Za-z]{22}==$/.test(key)
  ) {
    socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    return;
  }
  const accept = createHash('sha1')
    .update(key + HANDSHAKE_GUID)
    .digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  socket.end(closeFrame(code, reason));
  // Flowing with no 'data' listener: the client's bytes are dropped as they come, never buffered or parsed.
  socket.resume();
  // Unref'd: a refused stranger must not keep a stopping server's process alive.
  const timer = setTimeout(() => socket.destroy(), REFUSED_GRACE_MS).unref();
  socket.once('close', () => clearTimeout(timer));
}

/** An unmasked (server-to-client) close frame; the reason is cut to fit a control frame's 125 bytes. */
export function closeFrame(code: number, reason: string): Buffer {
  const text = Buffer.from(reason).subarray(0, 123);
  const frame = Buffer.alloc(4 + text.length);
  frame[0] = 0x88; // FIN + opcode 8 (close)
  frame[1] = 2 + text.length;
  frame.writeUInt16BE(code, 2);
  text.copy(frame, 4);
  return frame;
}
