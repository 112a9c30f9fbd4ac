/**
 * The bridge of a page whose preload failed: every call fails with a message that says so, no event ever comes,
 * and the connection state is 'bridge-missing', which the app shows as a full-screen error.
 */
import { type CockpitApi, methods } from '../../shared/api';
import { CockpitError, buildClient } from '../../shared/rpc';
import { type ConnectionSource, constantConnection } from './connection';

export const BRIDGE_MISSING_MESSAGE =
  "The app's bridge to its backend did not load (preload failed). Restart the app; if it persists, reinstall. " +
  'Details are in the terminal/log.';

export function createMissingBridge(): { api: CockpitApi; connection: ConnectionSource } {
  const call = () => Promise.reject(new CockpitError('UNAVAILABLE', BRIDGE_MISSING_MESSAGE));
  return {
    api: { ...buildClient(methods, call), on: () => () => undefined },
    connection: constantConnection('bridge-missing'),
  };
}
