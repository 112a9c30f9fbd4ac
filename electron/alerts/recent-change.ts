/** "last deploy 12 min ago: 8b71ff7 by ana" — what changed recently, next to what failed. */
import { ago } from '../health/words';
import { type RecentDeploy } from './types';

export function describeRecentDeploy(deploy: RecentDeploy, now: number): string {
  return `last deploy ${ago(now - deploy.at)}: ${deploy.release} by ${deploy.by}`;
}
