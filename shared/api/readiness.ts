/**
 * The readiness scorecard: the Readiness screen, the Overview's score and `cockpit scorecard [--json]` (exit 1
 * below the workspace's `readiness.threshold`) read it here.
 */
import { z } from 'zod';
import { scorecardSchema } from '../model/readiness';
import { defineMethod } from '../rpc';

export const readinessMethods = {
  'readiness.scorecard': defineMethod(
    z.strictObject({}),
    scorecardSchema,
    'The production checklist computed from live evidence: each item green, amber or red with its evidence and where to fix it; the score, the threshold and the trend.',
  ),
} as const;

export const readinessEvents = {} as const;
