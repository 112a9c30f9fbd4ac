/**
 * The real `cockpit serve` process, not the server function: hostile frames with and without a token must
 * leave it running and answering.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePayload, frame, rawClient } from './testing/raw-ws';
import { callOnce } from './testing/test-server';

const root = resolve(import.meta.dirname, '..', '..');
let child: ChildProcess;
let dataDir: string;
let serve: { port: number; token: string };
let stderr = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cockpit-serve-cli-'));
  child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron', 'serve', 'testing', 'cli-entry.ts'), 'serve', '--json', '--demo'],
    {
      cwd: root,
      env: { ...process.env, COCKPIT_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stdout = child.stdout;
  if (!stdout) throw new Error('no stdout pipe');
  const line = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`cockpit serve did not start in 40 s:\n${stderr}`)), 40_000);
    createInterface({ input: stdout }).once('line', (l) => {
      clearTimeout(timer);
      done(l);
    });
    child.once('exit', (code) => fail(new Error(`cockpit serve exited with ${code}:\n${stderr}`)));
  });
  serve = JSON.parse(line) as { port: number; token: string };
});

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('cockpit serve, the process', () => {
  it('is still alive and answering after every hostile frame, with and without a token', async () => {
    const hostile = [
      frame({ opcode: 1, payload: '{"id":1', announcedLength: 2 * 1024 * 1024 }),
      frame({ opcode: 1, payload: Buffer.from([0xc3, 0x28, 0xff]) }),
      frame({ opcode: 1, payload: '{"id":1}', mask: false }),
      frame({ opcode: 1, payload: '{"id":1}', rsv1: true }),
      frame({ opcode: 3, payload: 'x' }),
      frame({ opcode: 9, payload: Buffer.alloc(200, 1) }),
      frame({ opcode: 0, payload: 'tail' }),
      frame({ opcode: 8, payload: closePayload(999) }),
    ];
    const codes: Array<number | undefined> = [];
    for (const bytes of hostile) {
      for (const token of [serve.token, null]) {
        const raw = await rawClient({ port: serve.port, token });
        raw.send(bytes);
        codes.push(await raw.closed);
      }
    }
    expect(codes).toEqual([1009, 4401, 1007, 4401, ...Array.from({ length: 6 }, () => [1002, 4401]).flat()]);
    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();
    expect(await callOnce(serve.port, serve.token)).toMatchObject({
      id: 1,
      ok: true,
      value: { transport: 'websocket' },
    });
    expect(stderr).not.toMatch(/Unhandled 'error' event|WS_ERR_/);
  });
});
