/** Builds ScheduledChecks for scheduler tests without a whole workspace. */
import { type HttpCheckConfig, httpCheckSchema } from '../../../shared/workspace/health';
import { type ScheduledCheck, defaultFailingInterval } from '../plan';

export function scheduledHttp(
  id: string,
  options: Partial<{
    every: string;
    everyFailing: string;
    retries: number;
    timeout: string;
    critical: boolean;
    service: string;
    environment: string;
  }> = {},
): ScheduledCheck {
  const { service = 'checkout', environment = 'production', ...rest } = options;
  const config: HttpCheckConfig = httpCheckSchema.parse({ id, http: `http://127.0.0.1:9/${id}`, ...rest });
  return {
    key: `${service}/${id}@${environment}`,
    service,
    environment,
    checkId: id,
    kind: 'http',
    config,
    subject: `/${id}`,
    critical: config.critical,
    everyMs: config.every,
    everyFailingMs: config.everyFailing ?? defaultFailingInterval(config.every),
    timeoutMs: config.timeout,
    retries: config.retries,
    hosts: [],
  };
}
