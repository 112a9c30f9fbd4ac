/**
 * The contract: every call the UI can make and every event it can receive. The Node side implements it once
 * (electron/api); Electron IPC and the serve-mode WebSocket both carry it. Add a domain by writing
 * `shared/api/<domain>.ts` and spreading it here.
 */
import {
  type ClientOf,
  type EventSubscriber,
  type InputOf,
  type OutputOf,
  type ParsedInputOf,
  type PayloadOf,
} from './rpc';
import { appEvents, appMethods } from './api/app';
import { backupsEvents, backupsMethods } from './api/backups';
import { costEvents, costMethods } from './api/cost';
import { demoEvents, demoMethods } from './api/demo';
import { drillsEvents, drillsMethods } from './api/drills';
import { deployEvents, deployMethods } from './api/deploys';
import { healthEvents, healthMethods } from './api/health';
import { incidentsEvents, incidentsMethods } from './api/incidents';
import { journalEvents, journalMethods } from './api/journal';
import { promptEvents, promptMethods } from './api/prompts';
import { readinessEvents, readinessMethods } from './api/readiness';
import { runbooksEvents, runbooksMethods } from './api/runbooks';
import { timelineEvents, timelineMethods } from './api/timeline';
import { workspaceEvents, workspaceMethods } from './api/workspace';

export const methods = {
  ...appMethods,
  ...workspaceMethods,
  ...journalMethods,
  ...deployMethods,
  ...healthMethods,
  ...costMethods,
  ...backupsMethods,
  ...drillsMethods,
  ...incidentsMethods,
  ...runbooksMethods,
  ...timelineMethods,
  ...readinessMethods,
  ...demoMethods,
  ...promptMethods,
} as const;

export const events = {
  ...appEvents,
  ...workspaceEvents,
  ...journalEvents,
  ...deployEvents,
  ...healthEvents,
  ...costEvents,
  ...backupsEvents,
  ...drillsEvents,
  ...incidentsEvents,
  ...runbooksEvents,
  ...timelineEvents,
  ...readinessEvents,
  ...demoEvents,
  ...promptEvents,
} as const;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
export type Input<K extends MethodName> = InputOf<Methods, K>;
export type ParsedInput<K extends MethodName> = ParsedInputOf<Methods, K>;
export type Output<K extends MethodName> = OutputOf<Methods, K>;
export type Payload<K extends EventName> = PayloadOf<Events, K>;

/** What `window.cockpit` (and the WebSocket bridge) is: one async function per method, plus `on`. */
export type CockpitApi = ClientOf<Methods> & { readonly on: EventSubscriber<Events> };

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** Electron IPC channels: one for calls, one for events. Nothing else crosses the bridge. */
export const IPC_INVOKE_CHANNEL = 'cockpit:invoke';
export const IPC_EVENT_CHANNEL = 'cockpit:event';
