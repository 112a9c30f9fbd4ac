/**
 * Every migration the app knows, oldest first. A feature that needs tables adds a file
 * `migrations/<nnn>-<feature>.ts` exporting a `Migration` with the next version, and appends it here; the runner
 * checks the list is 1, 2, 3 … without gaps, so a forgotten or duplicated version fails the tests at once.
 */
import { journal001 } from './001-journal';
import { cost002 } from './002-cost';
import { health003 } from './003-health';
import { deploys004 } from './004-deploys';
import { costAlertScope005 } from './005-cost-alert-scope';
import { healthHours006 } from './006-health-hours';
import { type Migration } from './types';

export type { Migration } from './types';

export const migrations: readonly Migration[] = [
  journal001,
  cost002,
  health003,
  deploys004,
  costAlertScope005,
  healthHours006,
];
