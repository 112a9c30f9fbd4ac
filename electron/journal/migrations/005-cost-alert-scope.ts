import { costAlertScopeSql } from '../../cost/schema';
import { type Migration } from './types';

/** Budget alert state keyed by workspace file and account too (see electron/cost/schema.ts). */
export const costAlertScope005: Migration = {
  version: 5,
  name: 'cost-alert-scope',
  up(db) {
    db.exec(costAlertScopeSql);
  },
};
