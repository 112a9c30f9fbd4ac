/**
 * The runbook engine's health gate asks through the capabilities, late-bound: the health feature may replace the
 * capability after the feature that runs the engine (deploys, runbooks) was created.
 */
import { type CheckHealth } from '../runbooks/types';
import { type Capabilities } from './types';

export function gateHealthVia(capabilities: Capabilities): CheckHealth {
  return (target, checkIds, signal) =>
    capabilities.checkHealth({
      service: target.service,
      environment: target.environment,
      checkIds: [...checkIds],
      ...(target.host ? { host: target.host } : {}),
      ...(signal ? { signal } : {}),
    });
}
