import { z } from 'zod';

/** A deploy or rollback as a point on a chart ("did it break after the deploy?"). */
export const deployMarkerSchema = z.object({
  at: z.string(),
  service: z.string(),
  environment: z.string(),
  kind: z.enum(['deploy', 'rollback']),
  release: z.string(),
  result: z.enum(['healthy', 'failed', 'rolled-back', 'bad', 'unknown', 'running']),
  /** "deploy 8b71ff7 by ana" */
  label: z.string(),
  /** Who deployed or rolled back ("ana", "cli:ana"), when known: alerts say it next to what failed. */
  actor: z.string().optional(),
  /** A rollback drill's run: shown apart on charts, never "what changed" in an alert. */
  practice: z.boolean().optional(),
});
export type DeployMarker = z.infer<typeof deployMarkerSchema>;
