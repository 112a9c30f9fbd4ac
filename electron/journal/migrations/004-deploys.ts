import { type Migration } from './types';

/** Deploy records beyond the journal (filled in by the deploy feature, if it needs any). */
export const deploys004: Migration = {
  version: 4,
  name: 'deploys',
  up() {},
};
