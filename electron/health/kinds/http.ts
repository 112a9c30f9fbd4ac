/**
 * http(s): one request; up when the status is expected, the body holds the keyword and the JSON path has the
 * expected value; degraded when it answers right but slower than `within`; down otherwise. Every probe opens its
 * own connection (no keep-alive pool), so the latency includes connecting, as a user's first request would.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type HttpCheckConfig } from '../../../shared/workspace/health';
import { humanDuration, humanLatency } from '../words';
import { describeNetError, targetOf } from './net-errors';
import { type CheckContext, type CheckKind, type CheckOutcome } from './types';

/** Enough for any health endpoint; a bigger body is cut here rather than held in memory. */
const MAX_BODY_BYTES = 256 * 1024;

interface Answer {
  status: number;
  body: string;
  truncated: boolean;
}

export const httpKind: CheckKind<HttpCheckConfig> = {
  name: 'http',
  subject: httpSubject,
  async run(check, context) {
    const url = new URL(check.http);
    const subject = httpSubject(check);
    const started = performance.now();
    let answer: Answer;
    try {
      answer = await fetchOnce(url, check, context);
    } catch (error) {
      const reason = describeNetError(error, targetOf(url), context.timeoutMs, context.signal.aborted);
      return { status: 'down', reason, headline: `${subject} ${reason}` };
    }
    const latencyMs = performance.now() - started;
    return judge(check, subject, answer, latencyMs);
  },
};

/** The path people know the endpoint by ("/health/ready"), or the host for a bare site. */
function httpSubject(check: HttpCheckConfig): string {
  const url = new URL(check.http);
  return url.pathname === '/' && !url.search ? url.host : `${url.pathname}${url.search}`;
}

function judge(check: HttpCheckConfig, subject: string, answer: Answer, latencyMs: number): CheckOutcome {
  const expected = Array.isArray(check.expect.status) ? check.expect.status : [check.expect.status];
  const down = (reason: string, headline = `${subject} ${reason}`): CheckOutcome => ({
    status: 'down',
    latencyMs,
    reason,
    headline,
  });
  if (!expected.includes(answer.status)) {
    const unusual = expected.length !== 1 || expected[0] !== 200;
    return down(
      `${answer.status} from ${subject}${unusual ? ` (expected ${expected.join(' or ')})` : ''}`,
      `${subject} ${answer.status}`,
    );
  }
  const { body, json } = check.expect;
  if (body !== undefined && !answer.body.includes(body)) {
    return down(`body lacks "${body}"${answer.truncated ? ` (read the first ${MAX_BODY_BYTES / 1024} KiB)` : ''}`);
  }
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      return down('body is not JSON');
    }
    const found = valueAtPath(parsed, json.path);
    if (!found.present) return down(`JSON has no "${json.path}"`);
    if (found.value !== json.equals) {
      return down(`JSON "${json.path}" is ${JSON.stringify(found.value)}, expected ${JSON.stringify(json.equals)}`);
    }
  }
  const within = check.expect.within;
  if (within !== undefined && latencyMs > within) {
    const reason = `slow: ${humanLatency(latencyMs)} (max ${humanDuration(within)})`;
    return { status: 'degraded', latencyMs, reason, headline: `${subject} ${reason}` };
  }
  return { status: 'up', latencyMs, reason: `${answer.status} in ${humanLatency(latencyMs)}` };
}

/** A dotted path ("status", "checks.0.ok", "$.db.ok") into parsed JSON. */
export function valueAtPath(root: unknown, path: string): { present: boolean; value: unknown } {
  const parts = path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean);
  let current: unknown = root;
  for (const part of parts) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) {
      return { present: false, value: undefined };
    }
    current = (current as Record<string, unknown>)[part];
  }
  return { present: true, value: current };
}

function fetchOnce(url: URL, check: HttpCheckConfig, context: CheckContext): Promise<Answer> {
  const needsBody = check.method !== 'HEAD' && (check.expect.body !== undefined || check.expect.json !== undefined);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Answer>((resolve, reject) => {
    const req = send(url, {
      method: check.method,
      agent: false,
      signal: context.signal,
      headers: { 'user-agent': 'ReliabilityCockpit-health', accept: '*/*' },
    });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      res.on('data', (chunk: Buffer) => {
        if (!needsBody || truncated) return;
        size += chunk.length;
        chunks.push(chunk);
        if (size >= MAX_BODY_BYTES) {
          truncated = true;
          res.destroy();
          resolve({ status, body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'), truncated });
        }
      });
      res.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8'), truncated }));
      res.on('error', reject);
    });
    req.end();
  });
}
