import { packBucketsIntoHours } from '../../health/hours-migration';
import { type Migration } from './types';

/**
 * Health history one row per check per hour instead of one per 5-minute bucket (about a quarter of the bytes; see
 * electron/health/hours-migration.ts). The freed pages are given back to the disk after the transaction
 * (`reclaimFreePages` in ../database.ts).
 */
export const healthHours006: Migration = {
  version: 6,
  name: 'health-hours',
  up(db) {
    packBucketsIntoHours(db);
  },
};
