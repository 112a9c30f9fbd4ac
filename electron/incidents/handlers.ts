/** The incidents contract's handlers: thin calls into the incident service; who acts is the OS user. */
import { userInfo } from 'node:os';
import { type incidentsMethods } from '../../shared/api/incidents';
import { type FeatureHandlers } from '../features/types';
import { type IncidentService } from './service';

export type IncidentsMethodName = keyof typeof incidentsMethods & string;

export function createIncidentsHandlers(
  service: IncidentService,
  actor: string = userInfo().username,
): FeatureHandlers<IncidentsMethodName> {
  return {
    'incidents.list': async ({ limit }) => service.list(limit),
    'incidents.get': async ({ id }) => service.get(id),
    'incidents.acknowledge': async ({ id }) => service.acknowledge(id, actor),
    'incidents.savePostmortem': async ({ id, markdown, actionItems }) =>
      service.savePostmortem(
        id,
        { ...(markdown !== undefined ? { markdown } : {}), ...(actionItems ? { actionItems } : {}) },
        actor,
      ),
    'incidents.postmortem': async ({ id }) => service.postmortem(id),
  };
}
