/**
 * Wires the cost feature for a workspace: a client per account (AWS through the profile's credential chain, or the
 * replay of sample data for `aws.replay`), the cache and the request ledger in the given SQLite database, the alert
 * log, and the service and review on top, reading all accounts together or one by name.
 */
import { isAbsolute, resolve } from 'node:path';
import { type CostReview } from '../../shared/model/cost';
import { type DeployMarker } from '../../shared/model/markers';
import { CockpitError } from '../../shared/rpc';
import { type CostAccount, type CostConfig } from '../../shared/workspace/cost';
import { type AccountSource, CombinedSource } from './accounts';
import { AnomalyAlertLog } from './anomaly-alerts';
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
  /**
   * The workspace file itself: budget alert state is kept per file, so two workspaces with a budget of the same
   * name do not silence each other. Default: the folder.
   */
  workspaceFile?: string;
  now?: () => Date;
  /** Extra client settings (tests: endpoint, credentials, maxAttempts), for every account or per account name. */
  client?: Partial<CostClientOptions> | ((account: string) => Partial<CostClientOptions>);
  /** Told about every request sent (after the ledger recorded it): the backend meters and journals them. */
  onRequest?: (operation: CostOperation, replayed: boolean) => void;
  /** Deploy markers for the chart. */
  markers?: (since: string) => DeployMarker[];
}

export interface CostAccountFeature extends AccountSource {
  client: CostClient;
}

export interface CostFeature {
  service: CostService;
  review(options?: ReviewOptions): Promise<CostReview>;
  cache: CostCache;
  /** Every account of the workspace, in the order declared. */
  accounts: CostAccountFeature[];
  /** The first account's client (the only one in most workspaces). */
  client: CostClient;
  /** The first account's label in the cache and the ledger. */
  account: string;
  /** True when every account replays sample data (nothing is billed). */
  replayed: boolean;
  close(): void;
}

/** Replayed sample data needs no credentials; these keep the SDK from looking for any. */
const replayCredentials = { accessKeyId: 'REPLAY', secretAccessKey: 'replay-sample-data' };

function createAccount(
  account: CostAccount,
  options: CostFeatureOptions,
  cache: CostCache,
  now: () => Date,
  several: boolean,
): CostAccountFeature {
  const { aws } = account;
  let label: string;
  let clientOptions: CostClientOptions;
  if (aws.replay) {
    const dir = isAbsolute(aws.replay) ? aws.replay : resolve(options.workspaceDir, aws.replay);
    label = `replay:${dir}`;
    clientOptions = {
      region: aws.region,
      credentials: replayCredentials,
      requestHandler: createReplayHandler(loadReplayAccount(dir), now),
      replayed: true,
    };
  } else {
    label = aws.profile ? `profile:${aws.profile}` : 'default';
    clientOptions = { region: aws.region, ...(aws.profile ? { profile: aws.profile } : {}) };
  }
  const extra = typeof options.client === 'function' ? options.client(account.name) : options.client;
  const client = createCostClient({
    ...clientOptions,
    ...extra,
    onRequest: (operation, replayed) => {
      cache.recordRequest(now(), label, operation, replayed);
      options.onRequest?.(operation, replayed);
    },
  });
  const source = new CostSource({
    client,
    cache,
    account: label,
    now,
    ...(aws.profile ? { profile: aws.profile } : {}),
    ...(several ? { accountName: account.name } : {}),
  });
  return { name: account.name, label, source, client };
}

export function createCostFeature(options: CostFeatureOptions): CostFeature {
  const now = options.now ?? (() => new Date());
  const cache = new CostCache(options.db);
  const alerts = new BudgetAlertLog(options.db, options.workspaceFile ?? options.workspaceDir);
  const anomalyAlerts = new AnomalyAlertLog(options.db, options.workspaceFile ?? options.workspaceDir);
  // Answers about days that have passed are never asked for again: drop them whenever a workspace is opened.
  cache.prune(now());

  const several = options.config.accounts.length > 1;
  const accounts: CostAccountFeature[] = [];
  try {
    for (const account of options.config.accounts) accounts.push(createAccount(account, options, cache, now, several));
  } catch (error) {
    for (const account of accounts) account.client.destroy();
    throw error;
  }
  const [first] = accounts;
  if (!first) throw new Error('the cost section declares no account');
  const all = new CombinedSource(accounts);
  const context: CostContext = {
    config: options.config,
    source: all,
    accounts,
    sourceFor: (name) => {
      if (name === undefined || name === null) return all;
      const account = accounts.find((a) => a.name === name);
      if (!account) {
        throw new CockpitError(
          'BAD_REQUEST',
          `no account "${name}" in this workspace (accounts: ${accounts.map((a) => a.name).join(', ')})`,
        );
      }
      return account.source;
    },
    cache,
    alerts,
    anomalyAlerts,
    now,
    ...(options.markers ? { markers: options.markers } : {}),
  };

  return {
    service: new CostService(context),
    review: (reviewOptions) => buildReview(context, reviewOptions),
    cache,
    accounts,
    client: first.client,
    account: first.label,
    replayed: all.replayed,
    close: () => {
      for (const account of accounts) account.client.destroy();
    },
  };
}
