/**
 * The replay as an HTTP handler for the AWS SDK: the client signs and serializes a real request, this answers it
 * from the sample account by its X-Amz-Target and JSON body, and the SDK parses the answer (or the error) as it
 * would AWS's. So the demo exercises the same code path as a real account — pagination, error mapping, caching —
 * with nothing leaving the machine.
 */
import { type HttpRequest, type HttpResponse } from '@smithy/types';
import { type ReplayAccount } from './account';
import { ReplayAnswers, ReplayError } from './answers';
import { SampleAccount } from './generator';

const TARGET_PREFIX = 'AWSInsightsIndexService.';

export interface ReplayHandler {
  readonly metadata: { handlerProtocol: string };
  handle(request: HttpRequest): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

function header(request: HttpRequest, name: string): string | undefined {
  const found = Object.entries(request.headers).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  // The SDK's body may be a Uint8Array subclass with string methods; decoding the bytes avoids calling them.
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return '';
}

function respond(statusCode: number, payload: unknown, requestId: string): { response: HttpResponse } {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  return {
    response: {
      statusCode,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'content-length': String(body.length),
        'x-amzn-requestid': requestId,
      },
      body,
    },
  };
}

export function createReplayHandler(account: ReplayAccount, now: () => Date): ReplayHandler {
  const answers = new ReplayAnswers(new SampleAccount(account, now));
  let served = 0;
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request) {
      served += 1;
      const requestId = `replay-${served.toString(16).padStart(8, '0')}`;
      const target = header(request, 'x-amz-target') ?? '';
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
      try {
        const body: unknown = JSON.parse(bodyText(request.body) || '{}');
        const json = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
        return respond(200, answers.answer(operation, json), requestId);
      } catch (error) {
        const type = error instanceof ReplayError ? error.type : 'SerializationException';
        const message = error instanceof Error ? error.message : String(error);
        return respond(400, { __type: type, message }, requestId);
      }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
