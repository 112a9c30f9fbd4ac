import { costTablesSql } from '../../cost/schema';
import { type Migration } from './types';

/** The Cost Explorer cache, its request ledger and budget-alert state (see electron/cost/schema.ts). */
export const cost002: Migration = {
  version: 2,
  name: 'cost',
  up(db) {
    db.exec(costTablesSql);
  },
};
