/**
 * The one place that talks to AWS Cost Explorer, over the official SDK. It reads every page of an answer (each
 * page is a separate, billed request — reported through `onRequest` so the ledger can count it), lets the SDK
 * retry throttling with backoff, and turns every failure into a CostExplorerError that says what to do.
 *
 * The demo uses the same client with a replay request handler (replay/handler.ts): the SDK signs, serializes and
 * parses exactly as it would against AWS, only the bytes come from the sample account.
 */
import type {
  CostExplorerClient,
  CostExplorerClientConfig,
  GetCostAndUsageCommandInput,
  GetCostAndUsageResponse,
  GetCostForecastCommandInput,
  GetCostForecastResponse,
  GetDimensionValuesCommandInput,
  GetTagsCommandInput,
} from '@aws-sdk/client-cost-explorer';
import type * as CostExplorerSdk from '@aws-sdk/client-cost-explorer';
import { lazyRequire } from '../lazy-require';
import { CostExplorerError, describeCostError, toCostExplorerError } from './problems';

/** The SDK is loaded by the first request, not at start (most starts never ask Cost Explorer anything). */
const costExplorer = lazyRequire<typeof CostExplorerSdk>('@aws-sdk/client-cost-explorer');

export const costOperations = ['GetCostAndUsage', 'GetCostForecast', 'GetDimensionValues', 'GetTags'] as const;
export type CostOperation = (typeof costOperations)[number];

export interface CostClientOptions {
  /** A named profile (the standard chain: ~/.aws config and credentials, SSO, process, …); default chain if unset. */
  profile?: string;
  /** Cost Explorer's endpoint lives in us-east-1. */
  region?: string;
  /** Another endpoint (tests: the loopback double). */
  endpoint?: string;
  /** Attempts per request, retries included (throttling is retried with backoff). Default 4. */
  maxAttempts?: number;
  /** Fixed credentials (tests, replay). Production leaves this out and uses the profile's chain. */
  credentials?: CostExplorerClientConfig['credentials'];
  /** A custom HTTP handler: the replay of sample data. */
  requestHandler?: CostExplorerClientConfig['requestHandler'];
  /** True when requestHandler replays samples: the requests are counted but cost nothing. */
  replayed?: boolean;
  /** Called once per answered request (each page of a paginated answer is one). */
  onRequest?: (operation: CostOperation, replayed: boolean) => void;
  /** A safety stop: more pages than this is a runaway (each costs $0.01). */
  maxPages?: number;
}

/** A GetCostAndUsage answer with all its pages merged (ResultsByTime concatenated in page order). */
export interface CostAndUsageAnswer {
  GroupDefinitions: NonNullable<GetCostAndUsageResponse['GroupDefinitions']>;
  ResultsByTime: NonNullable<GetCostAndUsageResponse['ResultsByTime']>;
  pages: number;
}

export type ForecastAnswer = Pick<GetCostForecastResponse, 'Total' | 'ForecastResultsByTime'>;

export interface CostClient {
  readonly replayed: boolean;
  getCostAndUsage(input: Omit<GetCostAndUsageCommandInput, 'NextPageToken'>): Promise<CostAndUsageAnswer>;
  getCostForecast(input: GetCostForecastCommandInput): Promise<ForecastAnswer>;
  /** Values of a dimension (e.g. every SERVICE) for pickers. */
  getDimensionValues(input: Omit<GetDimensionValuesCommandInput, 'NextPageToken'>): Promise<string[]>;
  /** Tag keys (no TagKey) or the values of one tag key, for pickers. */
  getTags(input: Omit<GetTagsCommandInput, 'NextPageToken'>): Promise<string[]>;
  destroy(): void;
}

const restartErrors = new Set(['InvalidNextTokenException', 'RequestChangedException']);

export function createCostClient(options: CostClientOptions = {}): CostClient {
  const replayed = options.replayed ?? false;
  const maxPages = options.maxPages ?? 200;
  const config: CostExplorerClientConfig = {
    region: options.region ?? 'us-east-1',
    maxAttempts: options.maxAttempts ?? 4,
  };
  if (options.profile) config.profile = options.profile;
  if (options.endpoint) config.endpoint = options.endpoint;
  if (options.credentials) config.credentials = options.credentials;
  // Without timeouts a dead network would hold a refresh (and the calls queued behind it) forever.
  config.requestHandler = options.requestHandler ?? {
    connectionTimeout: 10_000,
    requestTimeout: 60_000,
    throwOnRequestTimeout: true,
  };
  let client: CostExplorerClient | undefined;
  const sdk = () => (client ??= new (costExplorer().CostExplorerClient)(config));
  const context = options.profile ? { profile: options.profile } : {};

  async function call<T>(operation: CostOperation, send: () => Promise<T>): Promise<T> {
    try {
      const result = await send();
      options.onRequest?.(operation, replayed);
      return result;
    } catch (error) {
      const attempts = attemptsOf(error);
      throw new CostExplorerError(describeCostError(error, attempts ? { ...context, attempts } : context), {
        cause: error,
      });
    }
  }

  /**
   * Reads every page. A page token the service no longer accepts (it expired, or the data changed under us)
   * restarts the read from the first page once: half an old answer glued to half a new one would be wrong.
   */
  async function allPages<P>(
    operation: CostOperation,
    page: (token: string | undefined) => Promise<{ next: string | undefined; value: P }>,
  ): Promise<P[]> {
    for (let attempt = 0; ; attempt += 1) {
      const values: P[] = [];
      let token: string | undefined;
      try {
        do {
          if (values.length >= maxPages) {
            throw new CostExplorerError({
              kind: 'unknown',
              message: `Cost Explorer kept sending pages (more than ${maxPages}); stopped to limit the cost.`,
              hint: 'Narrow the period or the grouping, or report this.',
            });
          }
          const result = await call(operation, () => page(token));
          values.push(result.value);
          token = result.next;
        } while (token);
        return values;
      } catch (error) {
        const name = error instanceof CostExplorerError ? causeName(error) : undefined;
        if (attempt === 0 && name && restartErrors.has(name)) continue;
        throw toCostExplorerError(error, context);
      }
    }
  }

  return {
    replayed,

    async getCostAndUsage(input) {
      const pages = await allPages('GetCostAndUsage', async (token) => {
        const out = await sdk().send(new (costExplorer().GetCostAndUsageCommand)({ ...input, NextPageToken: token }));
        return { next: out.NextPageToken || undefined, value: out };
      });
      return {
        GroupDefinitions: pages[0]?.GroupDefinitions ?? [],
        ResultsByTime: pages.flatMap((page) => page.ResultsByTime ?? []),
        pages: pages.length,
      };
    },

    async getCostForecast(input) {
      const out = await call('GetCostForecast', () => sdk().send(new (costExplorer().GetCostForecastCommand)(input)));
      return { Total: out.Total, ForecastResultsByTime: out.ForecastResultsByTime };
    },

    async getDimensionValues(input) {
      const pages = await allPages('GetDimensionValues', async (token) => {
        const out = await sdk().send(
          new (costExplorer().GetDimensionValuesCommand)({ ...input, NextPageToken: token }),
        );
        return { next: out.NextPageToken || undefined, value: (out.DimensionValues ?? []).map((v) => v.Value ?? '') };
      });
      return pages.flat().filter((value) => value !== '');
    },

    async getTags(input) {
      const pages = await allPages('GetTags', async (token) => {
        const out = await sdk().send(new (costExplorer().GetTagsCommand)({ ...input, NextPageToken: token }));
        return { next: out.NextPageToken || undefined, value: out.Tags ?? [] };
      });
      return pages.flat();
    },

    destroy() {
      client?.destroy();
    },
  };
}

function causeName(error: CostExplorerError): string | undefined {
  const cause: unknown = error.cause;
  return typeof cause === 'object' && cause !== null && 'name' in cause && typeof cause.name === 'string'
    ? cause.name
    : undefined;
}

/** The SDK records how many attempts it made in $metadata; useful to say "gave up after 4 attempts". */
function attemptsOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata: unknown = error.$metadata;
  if (typeof metadata !== 'object' || metadata === null || !('attempts' in metadata)) return undefined;
  return typeof metadata.attempts === 'number' ? metadata.attempts : undefined;
}
