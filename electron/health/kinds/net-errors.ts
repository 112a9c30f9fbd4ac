/**
 * Network failures in words. Node reports them as error codes (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED …);
 * a person on call wants "connection refused by db-1:5432".
 */
import { humanDuration } from '../words';

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? undefined : codeOf(cause);
}

/** Says why a connection to `target` ("host:port") failed. */
export function describeNetError(error: unknown, target: string, timeoutMs: number, aborted: boolean): string {
  if (aborted) return `timed out after ${humanDuration(timeoutMs)}`;
  const code = codeOf(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused by ${target}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${target.replace(/:\d+$/, '')}`;
    case 'ETIMEDOUT':
      return `timed out connecting to ${target}`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `connection reset by ${target}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${target} is unreachable`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `certificate of ${target} is not trusted (${code})`;
    case 'CERT_HAS_EXPIRED':
      return `certificate of ${target} has expired`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `certificate of ${target} is for another name`;
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_STATUS':
    case 'HPE_INVALID_HEADER_TOKEN':
      return `${target} did not answer in HTTP`;
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return code ? `${code}: ${message}` : message;
    }
  }
}

/** "host:port" of a URL, with the scheme's default port filled in. */
export function targetOf(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}
