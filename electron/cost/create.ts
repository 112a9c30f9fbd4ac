/**
 * Wires the cost feature for a workspace: the client (AWS through the profile's credential chain, or the replay of
 * sample data for `aws.replay`), the cache and the request ledger in the given SQLite database, the alert log, and
 * the service and review on top.
 */
import { isAbsolute, resolve } from 'node:path';
import { type CostReview } from '../../shared/model/cost';
import { type DeployMarker } from '../../shared/model/markers';
import { type CostConfig } from '../../shared/workspace/cost';
import { BudgetAlertLog } from './budget-alerts';
import { CostCache } from './cache';
import { type CostClient, type CostClientOptions, type CostOperation, createCostClient } from './client';
import { type CostContext } from './context';
import { loadReplayAccount } from './replay/account';
import { createReplayHandler } from './replay/handler';
import { type ReviewOptions, buildReview } from './review';
import { type Database } from './schema';
import { CostService } from './service';
import { CostSource } from './source';

export interface CostFeatureOptions {
  config: CostConfig;
  db: Database;
  /** The workspace file's folder: `aws.replay` is relative to it. */
  workspaceDir: string;
  now?: () => Date;
  /** Extra client settings (tests: endpoint, credentials, maxAttempts). */
  client?: Partial<CostClientOptions>;
  /** Told about every request sent (after the ledger recorded it): the backend meters and journals them. */
  onRequest?: (operation: CostOperation, replayed: boolean) => void;
  /** Deploy markers for the chart. */
  markers?: (since: string) => DeployMarker[];
}

export interface CostFeature {
  service: CostService;
  review(options?: ReviewOptions): Promise<CostReview>;
  cache: CostCache;
  client: CostClient;
  /** The account label used in the cache and the ledger. */
  account: string;
  close(): void;
}

/** Replayed sample data needs no credentials; these keep the SDK from looking for any. */
const replayCredentials = { accessKeyId: 'REPLAY', secretAccessKey: 'replay-sample-data' };

export function createCostFeature(options: CostFeatureOptions): CostFeature {
  const now = options.now ?? (() => new Date());
  const { aws } = options.config;
  const cache = new CostCache(options.db);
  const alerts = new BudgetAlertLog(options.db);

  let account: string;
  let clientOptions: CostClientOptions;
  if (aws.replay) {
    const dir = isAbsolute(aws.replay) ? aws.replay : resolve(options.workspaceDir, aws.replay);
    account = `replay:${dir}`;
    clientOptions = {
      region: aws.region,
      credentials: replayCredentials,
      requestHandler: createReplayHandler(loadReplayAccount(dir), now),
      replayed: true,
    };
  } else {
    account = aws.profile ? `profile:${aws.profile}` : 'default';
    clientOptions = { region: aws.region, ...(aws.profile ? { profile: aws.profile } : {}) };
  }
  const client = createCostClient({
    ...clientOptions,
    ...options.client,
    onRequest: (operation, replayed) => {
      cache.recordRequest(now(), account, operation, replayed);
      options.onRequest?.(operation, replayed);
    },
  });
  const source = new CostSource({ client, cache, account, now, ...(aws.profile ? { profile: aws.profile } : {}) });
  const context: CostContext = {
    config: options.config,
    source,
    cache,
    alerts,
    now,
    ...(options.markers ? { markers: options.markers } : {}),
  };

  return {
    service: new CostService(context),
    review: (reviewOptions) => buildReview(context, reviewOptions),
    cache,
    client,
    account,
    close: () => client.destroy(),
  };
}
