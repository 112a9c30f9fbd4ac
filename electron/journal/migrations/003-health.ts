import { HEALTH_SCHEMA_SQL } from '../../health/store-schema';
import { type Migration } from './types';

/** Health samples, 5-minute aggregates, status changes and "not watched" gaps (see electron/health/store-schema.ts). */
export const health003: Migration = {
  version: 3,
  name: 'health',
  up(db) {
    db.exec(HEALTH_SCHEMA_SQL);
  },
};
