import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCheckSchema } from '../../../shared/workspace/health';
import { testContext } from '../testing/context';
import { type Loopback, closedPort, httpServer } from '../testing/loopback';
import { httpKind } from './http';

let server: Loopback;
beforeAll(async () => {
  server = await httpServer((req, res) => {
    const send = (code: number, body: string, type = 'application/json') => {
      res.writeHead(code, { 'content-type': type });
      res.end(body);
    };
    if (req.url === '/health/ready')
      return send(200, JSON.stringify({ status: 'ready', db: { ok: true }, checks: [{ ok: false }] }));
    if (req.url === '/broken') return send(503, JSON.stringify({ status: 'broken' }));
    if (req.url === '/moved') return send(301, '');
    if (req.url === '/slow') return void setTimeout(() => send(200, 'ok', 'text/plain'), 300);
    if (req.url === '/hang') return; // never answers
    if (req.url === '/text') return send(200, 'all systems nominal', 'text/plain');
    if (req.url === '/echo-method') return send(200, req.method ?? '?', 'text/plain');
    send(404, 'no');
  });
});
afterAll(() => server.close());

const check = (path: string, extra: Record<string, unknown> = {}) =>
  httpCheckSchema.parse({ id: 'c', http: `${server.url}${path}`, ...extra });

describe('the http check against a real server', () => {
  it('is up with the latency when the status is as expected', async () => {
    const outcome = await httpKind.run(check('/health/ready'), testContext());
    expect(outcome.status).toBe('up');
    expect(outcome.latencyMs).toBeGreaterThan(0);
    expect(outcome.reason).toMatch(/^200 in [\d.]+ ms$/);
  });

  it('says "503 from /broken" when the status is wrong', async () => {
    const outcome = await httpKind.run(check('/broken'), testContext());
    expect(outcome).toMatchObject({ status: 'down', reason: '503 from /broken', headline: '/broken 503' });
  });

  it('accepts any of several expected statuses, and names them when none matches', async () => {
    expect((await httpKind.run(check('/moved', { expect: { status: [200, 301] } }), testContext())).status).toBe('up');
    const outcome = await httpKind.run(check('/broken', { expect: { status: [200, 301] } }), testContext());
    expect(outcome.reason).toBe('503 from /broken (expected 200 or 301)');
  });

  it('is degraded when it answers right but slower than allowed', async () => {
    const outcome = await httpKind.run(check('/slow', { expect: { status: 200, within: '100ms' } }), testContext());
    expect(outcome.status).toBe('degraded');
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(300);
    expect(outcome.reason).toMatch(/^slow: \d+ ms \(max 100 ms\)$/);
  });

  it('says "timed out after …" when no answer comes in time', async () => {
    const outcome = await httpKind.run(check('/hang'), testContext({ timeoutMs: 200 }));
    expect(outcome).toMatchObject({ status: 'down', reason: 'timed out after 200 ms' });
  });

  it('checks a keyword in the body', async () => {
    expect((await httpKind.run(check('/text', { expect: { body: 'nominal' } }), testContext())).status).toBe('up');
    const outcome = await httpKind.run(check('/text', { expect: { body: 'READY' } }), testContext());
    expect(outcome).toMatchObject({ status: 'down', reason: 'body lacks "READY"' });
  });

  it('checks a JSON path equals a value', async () => {
    const ok = await httpKind.run(
      check('/health/ready', { expect: { json: { path: 'db.ok', equals: true } } }),
      testContext(),
    );
    expect(ok.status).toBe('up');
    const wrong = await httpKind.run(
      check('/health/ready', { expect: { json: { path: 'checks.0.ok', equals: true } } }),
      testContext(),
    );
    expect(wrong).toMatchObject({ status: 'down', reason: 'JSON "checks.0.ok" is false, expected true' });
    const missing = await httpKind.run(
      check('/health/ready', { expect: { json: { path: '$.cache.ok', equals: true } } }),
      testContext(),
    );
    expect(missing.reason).toBe('JSON has no "$.cache.ok"');
    const notJson = await httpKind.run(check('/text', { expect: { json: { path: 'a', equals: 1 } } }), testContext());
    expect(notJson.reason).toBe('body is not JSON');
  });

  it('uses the configured method', async () => {
    const outcome = await httpKind.run(
      check('/echo-method', { method: 'POST', expect: { body: 'POST' } }),
      testContext(),
    );
    expect(outcome.status).toBe('up');
  });

  it('says the connection was refused when nothing listens', async () => {
    const port = await closedPort();
    const outcome = await httpKind.run(
      httpCheckSchema.parse({ id: 'c', http: `http://127.0.0.1:${port}/health` }),
      testContext(),
    );
    expect(outcome).toMatchObject({ status: 'down', reason: `connection refused by 127.0.0.1:${port}` });
  });
});
