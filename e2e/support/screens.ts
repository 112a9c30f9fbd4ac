/** The screens of the left navigation, in order; the e2e tests visit each one. */
export const screens = [
  'Overview',
  'Deploys',
  'Health',
  'Cost',
  'Backups',
  'Drills',
  'Incidents',
  'Runbooks',
  'Timeline',
  'Readiness',
  'Activity',
  'Settings',
] as const;
