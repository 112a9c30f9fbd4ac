/** "last deploy 12 min ago: 8b71ff7 by ana" — what changed recently, next to what failed. */
import { ago } from '../health/words';
import { type RecentDeploy } from './types';

export function describeRecentDeploy(deploy: RecentDeploy, now: number): string {
  const by = deploy.by ? ` by ${deploy.by}` : '';
  return `last ${deploy.kind ?? 'deploy'} ${ago(now - deploy.at)}: ${deploy.release}${by}`;
}
