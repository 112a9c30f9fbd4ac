import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpCheckSchema } from '../../../shared/workspace/health';
import { testContext } from '../testing/context';
import { type Loopback, closedPort, tcpServer } from '../testing/loopback';
import { splitHostPort, tcpKind } from './tcp';

let server: Loopback;
beforeAll(async () => {
  server = await tcpServer();
});
afterAll(() => server.close());

describe('the tcp check against a real listener', () => {
  it('is up with the connect time when the port accepts', async () => {
    const outcome = await tcpKind.run(tcpCheckSchema.parse({ id: 'db', tcp: server.url }), testContext());
    expect(outcome.status).toBe('up');
    expect(outcome.reason).toMatch(/^connected in [\d.]+ ms$/);
  });

  it('is down, saying so, when the port refuses', async () => {
    const port = await closedPort();
    const outcome = await tcpKind.run(tcpCheckSchema.parse({ id: 'db', tcp: `127.0.0.1:${port}` }), testContext());
    expect(outcome).toMatchObject({ status: 'down', reason: `connection refused by 127.0.0.1:${port}` });
  });

  it('reads host:port, bracketed IPv6 included', () => {
    expect(splitHostPort('db-1:5432')).toEqual({ host: 'db-1', port: 5432 });
    expect(splitHostPort('[::1]:8443')).toEqual({ host: '::1', port: 8443 });
    expect(splitHostPort('api.acme.com', 443)).toEqual({ host: 'api.acme.com', port: 443 });
    expect(() => splitHostPort('db-1')).toThrow(/host:port/);
  });
});
