/**
 * Turns whatever the AWS SDK throws into a problem a person can act on: what went wrong, in their words, and what
 * to do. The SDK's own messages name internals ("Could not load credentials from any providers"); these name the
 * profile, the console page or the command instead.
 */
import { CockpitError } from '../../shared/rpc';
import { type CostProblem, type CostProblemKind } from '../../shared/model/cost';

/** A Cost Explorer failure, carried across the contract as UNAVAILABLE with the problem as details. */
export class CostExplorerError extends CockpitError {
  constructor(
    readonly problem: CostProblem,
    options?: { cause?: unknown },
  ) {
    super('UNAVAILABLE', problem.message, { problem });
    this.name = 'CostExplorerError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export interface ProblemContext {
  /** The AWS profile in use, to name it in messages (undefined: the default chain). */
  profile?: string;
  /** How many attempts the SDK made before giving up, for the throttling message. */
  attempts?: number;
}

const networkCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'TimeoutError',
  'RequestTimeout',
]);

const credentialErrors = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'MissingAuthenticationToken',
  'IncompleteSignature',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };
}

/** The network error code anywhere in the chain: the SDK wraps, Node 20 may throw an AggregateError. */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const e = asErrorLike(error);
  for (const candidate of [e.code, e.name]) {
    if (typeof candidate === 'string' && networkCodes.has(candidate)) return candidate;
  }
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = networkCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return e.cause === undefined ? undefined : networkCode(e.cause, depth + 1);
}

function problem(kind: CostProblemKind, message: string, hint: string): CostProblem {
  return { kind, message, hint };
}

export function describeCostError(error: unknown, context: ProblemContext = {}): CostProblem {
  if (error instanceof CostExplorerError) return error.problem;
  const e = asErrorLike(error);
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const profile = context.profile ? `profile "${context.profile}"` : 'the default AWS profile';
  const login = context.profile ? `aws sso login --profile ${context.profile}` : 'aws sso login';

  const net = networkCode(error);
  if (net) {
    const what =
      net === 'ENOTFOUND' || net === 'EAI_AGAIN'
        ? 'the Cost Explorer address could not be resolved'
        : `the connection failed (${net})`;
    return problem(
      'network',
      `No network: ${what}.`,
      'Check the internet connection (or VPN/proxy) and press Refresh. Cached figures stay shown.',
    );
  }

  if (credentialErrors.has(name)) {
    if (/sso|token.*(expired|refresh)|expired/i.test(`${name} ${message}`)) {
      return problem(
        'credentials',
        `The AWS credentials for ${profile} have expired.`,
        `Run \`${login}\` (or refresh the keys of the profile), then press Refresh.`,
      );
    }
    if (
      /could not be found|not found|could not load|no credentials|Could not resolve/i.test(message) ||
      name === 'CredentialsProviderError'
    ) {
      return problem(
        'credentials',
        `No AWS credentials found for ${profile}.`,
        context.profile
          ? `Add the profile to ~/.aws/config (e.g. with \`aws configure sso --profile ${context.profile}\`), or fix cost.aws.profile in the workspace file.`
          : 'Set cost.aws.profile in the workspace file to a profile in ~/.aws/config, or sign in with `aws configure sso`.',
      );
    }
    return problem(
      'credentials',
      `AWS rejected the credentials of ${profile} (${name}).`,
      `Check the keys of the profile or run \`${login}\`, then press Refresh.`,
    );
  }

  switch (name) {
    case 'AccessDeniedException':
    case 'AccessDenied':
      return problem(
        'access-denied',
        `The credentials of ${profile} may not read Cost Explorer.`,
        'Grant the IAM permissions ce:GetCostAndUsage, ce:GetCostForecast, ce:GetDimensionValues and ce:GetTags (and, in an organization, enable Cost Explorer access for member accounts).',
      );
    case 'DataUnavailableException':
      return problem(
        'not-enabled',
        'Cost Explorer has no data for this account yet.',
        'If Cost Explorer was just enabled (Billing console → Cost Explorer), data can take up to a day to appear; a forecast also needs some history. Try again later.',
      );
    case 'LimitExceededException':
      return problem(
        'throttled',
        `AWS is throttling Cost Explorer requests${context.attempts ? ` (gave up after ${context.attempts} attempts)` : ''}.`,
        'Wait a minute and press Refresh; cached figures stay shown meanwhile.',
      );
    case 'BillExpirationException':
      return problem(
        'bill-expired',
        'AWS no longer has the bill for the requested period.',
        'Cost Explorer keeps 13 months of history (up to 38 with extended history): pick a more recent month.',
      );
    case 'InvalidNextTokenException':
    case 'RequestChangedException':
      return problem(
        'page-token',
        'The Cost Explorer answer changed while it was being read page by page.',
        'Press Refresh to read it again from the first page.',
      );
    case 'ValidationException':
      return problem(
        'invalid-request',
        `Cost Explorer refused the request: ${message}`,
        'This is likely a bug in the cockpit; please report it with this message.',
      );
    default:
      return problem(
        'unknown',
        `Cost Explorer failed: ${message || name || 'unknown error'}`,
        'Press Refresh to try again; if it persists, check the AWS Health Dashboard.',
      );
  }
}

/** The problem of one of several accounts: it says which, so the others' figures can stay shown beside it. */
export function problemOfAccount(problem: CostProblem, account: string): CostProblem {
  if (problem.account !== undefined) return problem;
  return { ...problem, account, message: `Account "${account}": ${problem.message}` };
}

export function toCostExplorerError(error: unknown, context: ProblemContext = {}): CostExplorerError {
  if (error instanceof CostExplorerError) return error;
  return new CostExplorerError(describeCostError(error, context), { cause: error });
}
