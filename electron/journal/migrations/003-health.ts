import { type Migration } from './types';

/** Health samples, 5-minute aggregates and "not watched" gaps (filled in by the health feature). */
export const health003: Migration = {
  version: 3,
  name: 'health',
  up() {},
};
