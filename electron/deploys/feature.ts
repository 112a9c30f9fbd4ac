/**
 * The deploys feature as the backend sees it: its contract handlers and its lifecycle (see electron/features/types.ts).
 */
import { type deployMethods } from '../../shared/api/deploys';
import { type Feature, type FeatureContext } from '../features/types';

export type DeploysMethodName = keyof typeof deployMethods & string;

export function createDeploysFeature(_context: FeatureContext): Feature<DeploysMethodName> {
  return { handlers: {}, close() {} };
}
