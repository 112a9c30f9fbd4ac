/**
 * The check kinds the app knows, by the key that names them in the workspace file. Adding a kind is one file in
 * kinds/ and one line here (and its schema in shared/workspace/health.ts). Tests swap kinds for scripted ones.
 */
import {
  type CheckKindName,
  type HealthCheckConfig,
  type HttpCheckConfig,
  type PrometheusCheckConfig,
  type SshCheckConfig,
  type TcpCheckConfig,
  type TlsCheckConfig,
  checkKindOf,
} from '../../shared/workspace/health';
import { httpKind } from './kinds/http';
import { prometheusKind } from './kinds/prometheus';
import { sshKind } from './kinds/ssh';
import { tcpKind } from './kinds/tcp';
import { tlsKind } from './kinds/tls';
import { type CheckKind } from './kinds/types';

export interface KindRegistry {
  http: CheckKind<HttpCheckConfig>;
  tcp: CheckKind<TcpCheckConfig>;
  tls: CheckKind<TlsCheckConfig>;
  ssh: CheckKind<SshCheckConfig>;
  prometheus: CheckKind<PrometheusCheckConfig>;
}

export const builtInKinds: KindRegistry = {
  http: httpKind,
  tcp: tcpKind,
  tls: tlsKind,
  ssh: sshKind,
  prometheus: prometheusKind,
};

export function createRegistry(overrides: Partial<KindRegistry> = {}): KindRegistry {
  return { ...builtInKinds, ...overrides };
}

/** The kind that runs this check. */
export function kindFor(registry: KindRegistry, check: HealthCheckConfig): CheckKind<HealthCheckConfig> {
  const name: CheckKindName = checkKindOf(check);
  // Sound: `name` comes from the check's own target key, so the kind under it accepts exactly this config shape;
  // TypeScript cannot correlate the two through the union, hence the widening cast.
  return registry[name] as CheckKind<HealthCheckConfig>;
}
