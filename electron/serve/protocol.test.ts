/**
 * Hostile and malformed traffic against a live serve-mode server on real sockets: every violation ends at most
 * the connection that sent it, and the server keeps answering everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, errorCodes, responseSchema } from '../../shared/rpc';
import { type Handlers } from '../api/dispatch';
import { CLOSE_TOKEN_REFUSED } from './server';
import { type RawClient, closePayload, frame, rawClient, textFrame } from './testing/raw-ws';
import { type TestServer, callOnce, openClient, startTestServer } from './testing/test-server';
import { type Prng, prng } from '../../test/support/prng';

const handlers: Partial<Handlers> = {
  'app.info': () => ({
    name: 'Reliability Cockpit',
    version: '0.0.0',
    transport: 'websocket',
    canBrowse: false,
    canSavePdf: false,
    dataDir: '/tmp',
    platform: 'test',
    startedAt: new Date(0).toISOString(),
  }),
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(handlers);
});
afterAll(async () => t.close());

/**
 * The violations of RFC 6455 the issue lists, and the close code each must get. Invalid UTF-8 is 1007 ("data
 * inconsistent with the type"), the RFC's code for exactly that; the others are 1002, and too big is 1009.
 */
const hostile: Array<{ name: string; bytes: () => Buffer; code: number }> = [
  {
    name: 'a header announcing 2 MiB',
    bytes: () => frame({ opcode: 1, payload: '{"id":1', announcedLength: 2 * 1024 * 1024 }),
    code: 1009,
  },
  {
    name: 'invalid UTF-8 in a text frame',
    bytes: () => frame({ opcode: 1, payload: Buffer.from([0xc3, 0x28, 0xff]) }),
    code: 1007,
  },
  { name: 'an unmasked client frame', bytes: () => frame({ opcode: 1, payload: '{"id":1}', mask: false }), code: 1002 },
  { name: 'RSV1 set', bytes: () => frame({ opcode: 1, payload: '{"id":1}', rsv1: true }), code: 1002 },
  { name: 'opcode 3', bytes: () => frame({ opcode: 3, payload: 'x' }), code: 1002 },
  { name: 'a 200-byte ping', bytes: () => frame({ opcode: 9, payload: Buffer.alloc(200, 1) }), code: 1002 },
  { name: 'a continuation with nothing before it', bytes: () => frame({ opcode: 0, payload: 'tail' }), code: 1002 },
  { name: 'close code 999', bytes: () => frame({ opcode: 8, payload: closePayload(999) }), code: 1002 },
];

async function stillServing() {
  expect(await callOnce(t.server.port, t.server.token)).toMatchObject({ id: 1, ok: true });
}

describe('protocol violations on a live server', () => {
  for (const h of hostile) {
    it(`${h.name}: closes that socket with ${h.code}, with a token, and keeps serving`, async () => {
      const raw = await rawClient({ port: t.server.port, token: t.server.token });
      raw.send(h.bytes());
      expect(await raw.closed).toBe(h.code);
      await stillServing();
    });

    it(`${h.name}: without a token, the socket is refused with 4401 unread, and the server keeps serving`, async () => {
      const raw = await rawClient({ port: t.server.port, token: null });
      raw.send(h.bytes());
      expect(await raw.closed).toBe(CLOSE_TOKEN_REFUSED);
      await stillServing();
    });
  }

  it('all of them at once, interleaved with honest clients, end only their own sockets', async () => {
    const honest = await openClient(t.server.port, t.server.token);
    const raws = await Promise.all(
      hostile.flatMap((h) =>
        [t.server.token, null, 'wrong'].map(async (token) => {
          const raw = await rawClient({ port: t.server.port, token });
          raw.send(h.bytes());
          return raw.closed;
        }),
      ),
    );
    expect(await Promise.all(raws)).toHaveLength(hostile.length * 3);
    const reply = new Promise((r) => honest.once('message', (d) => r(JSON.parse(d.toString()))));
    honest.send(JSON.stringify({ id: 7, method: 'app.info', input: {} }));
    expect(await reply).toMatchObject({ id: 7, ok: true });
    honest.close();
  });

  it('refuses a message one byte over the contract size with 1009; one at the size is answered', async () => {
    const padded = (bytes: number) => {
      const head = '{"id":3,"method":"app.info","input":{},"pad":"';
      return `${head}${'x'.repeat(bytes - head.length - 2)}"}`;
    };
    const ok = await rawClient({ port: t.server.port, token: t.server.token });
    ok.send(textFrame(padded(MAX_REQUEST_BYTES)));
    // app.info's input ignores unknown keys: the padding is read and the call answered.
    expect(await ok.nextText()).toMatchObject({ id: 3, ok: true });
    ok.socket.end();
    const tooBig = await rawClient({ port: t.server.port, token: t.server.token });
    tooBig.send(textFrame(padded(MAX_REQUEST_BYTES + 1)));
    expect(await tooBig.closed).toBe(1009);
  });
});

type Rng = Prng;

const NAMES = [
  'app.info',
  'deploys.overview',
  'journal.list',
  'workspace.open',
  'nope.nothing',
  '',
  '__proto__',
  'toString',
];
const ODD_VALUES: unknown[] = [null, true, 0, -1, 1.5, 2 ** 53, -(2 ** 60), '', 'x'.repeat(300), [], {}, '__proto__'];

function randomJson(rng: Rng, depth = 0): unknown {
  const kind = rng.int(depth > 3 ? 4 : 7);
  if (kind === 0) return rng.pick(ODD_VALUES);
  if (kind === 1) return rng.next() * 1e6 - 5e5;
  if (kind === 2) return rng.bytes(rng.int(20)).toString('latin1');
  if (kind === 3) return rng.int(2) === 0;
  if (kind === 4) return Array.from({ length: rng.int(5) }, () => randomJson(rng, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = rng.int(5); i > 0; i--)
    out[rng.pick(['id', 'method', 'input', '__proto__', 'constructor', 'k'])] = randomJson(rng, depth + 1);
  return out;
}

/** A valid request, then bent: fields dropped, retyped or replaced, names garbled. */
function mutatedRequest(rng: Rng, id: number): string {
  const request: Record<string, unknown> = { id, method: rng.pick(NAMES), input: {} };
  for (let i = rng.int(3) + 1; i > 0; i--) {
    const field = rng.pick(['id', 'method', 'input', 'extra']);
    const how = rng.int(4);
    if (how === 0) Reflect.deleteProperty(request, field);
    else if (how === 1) request[field] = rng.pick(ODD_VALUES);
    else if (how === 2) request[field] = randomJson(rng);
    else if (typeof request.method === 'string') request.method = `${request.method}${rng.bytes(2).toString('latin1')}`;
  }
  const text = JSON.stringify(request);
  // Sometimes cut or splice the text itself, so it is no longer JSON.
  if (rng.int(4) === 0) return text.slice(0, rng.int(text.length));
  return text;
}

/** A valid request frame with its bytes disturbed: bits flipped, bytes cut or appended, header fields changed. */
function mutatedFrame(rng: Rng): Buffer {
  const bytes = Buffer.from(textFrame(JSON.stringify({ id: 1, method: 'app.info', input: {} })));
  const how = rng.int(5);
  if (how === 0) {
    for (let i = rng.int(4) + 1; i > 0; i--) {
      const at = rng.int(bytes.length);
      bytes[at] = (bytes[at] ?? 0) ^ (1 << rng.int(8));
    }
    return bytes;
  }
  if (how === 1) return bytes.subarray(0, rng.int(bytes.length));
  if (how === 2) return Buffer.concat([bytes, rng.bytes(rng.int(40))]);
  if (how === 3) {
    bytes[0] = rng.int(256);
    return bytes;
  }
  return rng.bytes(rng.int(64) + 1);
}

const SEED = Number(process.env.COCKPIT_FUZZ_SEED ?? 0x5eed_c0c7);
const CLIENT_MESSAGES = 900;
const FRAME_MUTATIONS = 300;

describe('websocket fuzzer', () => {
  it(`answers every well-formed text message with a typed reply and survives frame mutations (seed ${SEED})`, async () => {
    const rng = prng(SEED);
    const started = Date.now();
    const seed = `fuzz seed ${SEED} (rerun with COCKPIT_FUZZ_SEED=${SEED})`;

    // 1. Messages a real client can send: every text message must get exactly one reply matching the contract.
    const ws = await openClient(t.server.port, t.server.token);
    const replies: unknown[] = [];
    ws.on('message', (data, isBinary) => replies.push(isBinary ? 'binary' : JSON.parse(data.toString())));
    let sent = 0;
    const BATCH = 50;
    for (let batch = 0; batch < CLIENT_MESSAGES / BATCH; batch++) {
      for (let i = 0; i < BATCH; i++) {
        const kind = rng.int(4);
        if (kind === 0) ws.send(rng.bytes(rng.int(200)), { binary: true });
        else if (kind === 1) ws.send(rng.bytes(rng.int(200)).toString('utf8'));
        else if (kind === 2) ws.send(JSON.stringify(randomJson(rng)));
        else ws.send(mutatedRequest(rng, sent));
        sent++;
      }
      const until = Date.now() + 5000;
      while (replies.length < sent && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
      expect(replies.length, `${seed}: replies after batch ${batch}`).toBe(sent);
    }
    for (const reply of replies) {
      const parsed = responseSchema.safeParse(reply);
      expect(parsed.success, `${seed}: not a typed reply: ${JSON.stringify(reply)}`).toBe(true);
      if (parsed.success && !parsed.data.ok) expect(errorCodes).toContain(parsed.data.error.code);
    }
    ws.close();

    // 2. Frames no client library would send, each on a connection of its own, some with no token.
    let frameCases = 0;
    const outcomes = { answered: 0, closed: 0, hungUp: 0 };
    const one = async () => {
      const token = rng.int(5) === 0 ? null : t.server.token;
      const bytes = mutatedFrame(rng);
      const raw: RawClient = await rawClient({ port: t.server.port, token });
      raw.send(bytes);
      frameCases++;
      const answered = raw.nextText().then(() => 'answered' as const);
      const closed = raw.closed.then(() => 'closed' as const);
      const waited = new Promise<'hungUp'>((r) => setTimeout(() => r('hungUp'), 150));
      const outcome = await Promise.race([answered, closed, waited]);
      outcomes[outcome]++;
      raw.socket.destroy();
    };
    for (let i = 0; i < FRAME_MUTATIONS; i += 30) await Promise.all(Array.from({ length: 30 }, one));

    expect(await callOnce(t.server.port, t.server.token), `${seed}: server still answering`).toMatchObject({
      ok: true,
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${sent} client messages (${replies.length} typed replies) + ${frameCases} mutated frames ` +
        `(${outcomes.answered} answered, ${outcomes.closed} closed, ${outcomes.hungUp} left waiting) in ${seconds.toFixed(1)} s; ${seed}; server survived`,
    );
    expect(sent + frameCases).toBeGreaterThanOrEqual(1000);
    // Every hostile connection is gone; none lingers holding memory.
    for (let i = 0; i < 100 && t.server.clientCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(t.server.clientCount(), seed).toBe(0);
  });
});
