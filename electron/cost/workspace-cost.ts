/**
 * The cost feature of the open workspace. It follows the workspace: a new file, or a saved change to its `cost:`
 * section, replaces it; a change elsewhere in the file (or a broken save, which keeps the last good workspace)
 * leaves it alone, so nothing is re-read for nothing. Without a workspace or a `cost:` section, asking for it fails
 * with an error that says what to add.
 */
import { dirname } from 'node:path';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { CockpitError } from '../../shared/rpc';
import { type CostAccount, type CostConfig } from '../../shared/workspace/cost';
import { type CostFeature, type CostFeatureOptions } from './create';

export interface ActiveCost {
  feature: CostFeature;
  config: CostConfig;
  /** Who pays for requests, in words, for the journal: "AWS profile acme-billing", "replayed sample data". */
  target: string;
  replayed: boolean;
}

export type CostFactory = (
  options: Pick<CostFeatureOptions, 'config' | 'workspaceDir' | 'workspaceFile'>,
) => CostFeature;

export const NO_WORKSPACE_MESSAGE = 'No workspace is open: open a cockpit.yaml (or the demo) to see cloud cost.';

export const NO_COST_MESSAGE =
  'This workspace has no cost section. Add `cost:` to cockpit.yaml with the AWS profile that may read billing ' +
  '(`cost: { aws: { profile: my-billing-profile } }`, or `accounts:` for several), and optionally `tags:` and ' +
  '`budgets:`.';

function describeAccount({ aws }: CostAccount): string {
  if (aws.replay) return 'replayed sample data';
  return aws.profile ? `AWS profile ${aws.profile}` : 'default AWS credentials';
}

function describeTarget(config: CostConfig): string {
  const [only] = config.accounts;
  if (only && config.accounts.length === 1) return describeAccount(only);
  return config.accounts.map((account) => `${account.name} (${describeAccount(account)})`).join(', ');
}

export class WorkspaceCost {
  private key: string | null = null;
  private state: ActiveCost | CockpitError = new CockpitError('NOT_FOUND', NO_WORKSPACE_MESSAGE);

  constructor(private readonly create: CostFactory) {}

  /** Follows a new workspace state; true when the cost feature changed (appeared, went or was replaced). */
  update(workspace: WorkspaceState): boolean {
    const config = workspace.workspace?.cost;
    const file = workspace.loadedFrom?.path;
    const workspaceDir = file ? dirname(file) : '.';
    const key = !workspace.workspace ? 'none' : config ? JSON.stringify({ config, file }) : 'no-cost';
    if (key === this.key) return false;
    this.key = key;
    this.closeActive();
    if (!workspace.workspace) this.state = new CockpitError('NOT_FOUND', NO_WORKSPACE_MESSAGE);
    else if (!config) this.state = new CockpitError('NOT_FOUND', NO_COST_MESSAGE);
    else {
      try {
        const feature = this.create({ config, workspaceDir, ...(file ? { workspaceFile: file } : {}) });
        this.state = { feature, config, target: describeTarget(config), replayed: feature.replayed };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.state = new CockpitError('INVALID_WORKSPACE', `cost: ${reason}`);
      }
    }
    return true;
  }

  /** The active cost feature, or the error that says why there is none. */
  active(): ActiveCost {
    if (this.state instanceof CockpitError) throw this.state;
    return this.state;
  }

  has(): boolean {
    return !(this.state instanceof CockpitError);
  }

  close(): void {
    this.closeActive();
    this.key = null;
    this.state = new CockpitError('UNAVAILABLE', 'The cockpit is shutting down.');
  }

  private closeActive(): void {
    if (!(this.state instanceof CockpitError)) this.state.feature.close();
  }
}
