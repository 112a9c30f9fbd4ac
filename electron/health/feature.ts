/**
 * The health feature as the backend sees it: its contract handlers and its lifecycle (see electron/features/types.ts).
 */
import { type healthMethods } from '../../shared/api/health';
import { type Feature, type FeatureContext } from '../features/types';

export type HealthMethodName = keyof typeof healthMethods & string;

export function createHealthFeature(_context: FeatureContext): Feature<HealthMethodName> {
  return { handlers: {}, close() {} };
}
