/**
 * The cost feature as the backend sees it: its contract handlers and its lifecycle (see electron/features/types.ts).
 */
import { type costMethods } from '../../shared/api/cost';
import { type Feature, type FeatureContext } from '../features/types';

export type CostMethodName = keyof typeof costMethods & string;

export function createCostBackendFeature(_context: FeatureContext): Feature<CostMethodName> {
  return { handlers: {}, close() {} };
}
