/**
 * Slack incoming webhook. The URL is itself the credential, so it is resolved at send time from `env:NAME` or
 * `keychain:name` and never logged, stored or put in an error message. Network errors, 429 and 5xx are retried
 * with exponential backoff (429 honours Retry-After); other 4xx are not (a revoked webhook stays revoked). Each
 * attempt has its own timeout.
 */
import { type Alert } from '../../shared/model/health';
import { type SecretSources, resolveSecret } from './secrets';
import { type Notifier } from './types';

export interface SlackOptions extends SecretSources {
  /** `env:COCKPIT_SLACK_WEBHOOK` or `keychain:slack`. */
  webhook: string;
  channel?: string;
  attempts?: number;
  timeoutMs?: number;
  backoffMs?: number;
  /** Injected for tests: waits between attempts. */
  sleep?: (ms: number) => Promise<void>;
}

/** Names the failure without the URL: the URL is the secret. */
export class SlackError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SlackError';
  }
}

const icons = { critical: ':red_circle:', warning: ':large_yellow_circle:', info: ':large_green_circle:' } as const;

/** The JSON Slack receives: a plain `text` (notifications, old clients) and blocks for the message itself. */
export function slackPayload(alert: Alert, channel?: string): Record<string, unknown> {
  const lines = alert.body.split('\n').filter(Boolean);
  const text = `${icons[alert.severity]} *${alert.title}*\n${lines.join('\n')}`;
  return {
    ...(channel ? { channel } : {}),
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${alert.severity} · ${alert.service} · ${alert.environment}${alert.delayed ? ' · held by quiet hours' : ''}`,
          },
        ],
      },
    ],
  };
}

function checkUrl(raw: string, ref: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SlackError(`the value of ${ref} is not a URL`, false);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new SlackError(`the webhook in ${ref} must be an https:// URL`, false);
  }
  return url;
}

async function postOnce(url: URL, body: string, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const why = name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'could not connect';
    throw new SlackError(`Slack webhook: ${why}`, true);
  }
  const text = (await response.text().catch(() => '')).slice(0, 200).replace(/https?:\/\/\S+/g, '<url>');
  if (response.ok) return;
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryable = response.status === 429 || response.status >= 500;
  throw new SlackError(
    `Slack answered ${response.status}${text ? ` ${text}` : ''}${response.status === 404 || response.status === 410 ? ' (the webhook may have been revoked)' : ''}`,
    retryable,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  );
}

export function createSlackNotifier(options: SlackOptions): Notifier {
  const attempts = options.attempts ?? 4;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const backoffMs = options.backoffMs ?? 1_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    name: 'slack',
    async send(alert) {
      let raw: string;
      try {
        raw = await resolveSecret(options.webhook, options);
      } catch (error) {
        throw new SlackError(`Slack webhook: ${error instanceof Error ? error.message : String(error)}`, false);
      }
      const url = checkUrl(raw, options.webhook);
      const body = JSON.stringify(slackPayload(alert, options.channel));
      for (let attempt = 1; ; attempt++) {
        try {
          await postOnce(url, body, timeoutMs);
          return;
        } catch (error) {
          const slack = error instanceof SlackError ? error : new SlackError('Slack webhook failed', true);
          if (!slack.retryable || attempt >= attempts) {
            throw new SlackError(`${slack.message} (after ${attempt} attempt${attempt === 1 ? '' : 's'})`, false);
          }
          await sleep(slack.retryAfterMs ?? backoffMs * 2 ** (attempt - 1));
        }
      }
    },
  };
}
