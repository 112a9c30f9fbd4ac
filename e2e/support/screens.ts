/** The screens of the left navigation, in order; the e2e tests visit each one. */
export const screens = [
  'Overview',
  'Deploys',
  'Health',
  'Cost',
  'Backups',
  'Drills',
  'Incidents',
  'Activity',
  'Settings',
] as const;
