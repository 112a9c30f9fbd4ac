import { describe, expect, it } from 'vitest';
import { CostExplorerError, describeCostError, toCostExplorerError } from './problems';

function awsError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('Cost Explorer failures become problems a person can act on', () => {
  it.each([
    ['DataUnavailableException', 'not-enabled', /no data/i, /up to a day/],
    ['LimitExceededException', 'throttled', /throttling/i, /Wait a minute/],
    ['BillExpirationException', 'bill-expired', /no longer has the bill/, /13 months/],
    ['InvalidNextTokenException', 'page-token', /page by page/, /Refresh/],
    ['RequestChangedException', 'page-token', /page by page/, /Refresh/],
    ['AccessDeniedException', 'access-denied', /may not read Cost Explorer/, /ce:GetCostAndUsage/],
  ])('%s → %s', (name, kind, message, hint) => {
    const problem = describeCostError(awsError(name));
    expect(problem.kind).toBe(kind);
    expect(problem.message).toMatch(message);
    expect(problem.hint).toMatch(hint);
  });

  it('says how many attempts were made before giving up on throttling', () => {
    expect(describeCostError(awsError('LimitExceededException'), { attempts: 4 }).message).toMatch(/after 4 attempts/);
  });

  it('names the profile when credentials are missing, and how to add it', () => {
    const problem = describeCostError(
      awsError(
        'CredentialsProviderError',
        'Profile acme-billing could not be found or parsed in shared credentials file.',
      ),
      {
        profile: 'acme-billing',
      },
    );
    expect(problem).toMatchObject({
      kind: 'credentials',
      message: 'No AWS credentials found for profile "acme-billing".',
    });
    expect(problem.hint).toMatch(/aws configure sso --profile acme-billing/);
  });

  it('tells to log in again when an SSO session or a token expired', () => {
    const sso = describeCostError(
      awsError(
        'TokenProviderError',
        'The SSO session associated with this profile has expired or is otherwise invalid.',
      ),
      { profile: 'acme' },
    );
    expect(sso).toMatchObject({ kind: 'credentials', message: 'The AWS credentials for profile "acme" have expired.' });
    expect(sso.hint).toMatch(/aws sso login --profile acme/);
    expect(
      describeCostError(awsError('ExpiredTokenException', 'The security token included in the request is expired'))
        .message,
    ).toMatch(/expired/);
  });

  it('reports rejected keys', () => {
    expect(
      describeCostError(
        awsError('UnrecognizedClientException', 'The security token included in the request is invalid.'),
      ),
    ).toMatchObject({
      kind: 'credentials',
      message: expect.stringMatching(/rejected/),
    });
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ENETUNREACH'])('%s → no network', (code) => {
    expect(describeCostError(networkError(code))).toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/^No network/),
    });
  });

  it('finds the network code inside wrappers and AggregateErrors', () => {
    const aggregate = new AggregateError(
      [networkError('ECONNREFUSED'), networkError('ECONNREFUSED')],
      'connect failed',
    );
    expect(describeCostError(new Error('request failed', { cause: aggregate })).kind).toBe('network');
  });

  it('keeps the message of anything else', () => {
    expect(describeCostError(awsError('InternalServerError', 'boom'))).toMatchObject({
      kind: 'unknown',
      message: 'Cost Explorer failed: boom',
    });
  });

  it('travels as an UNAVAILABLE CockpitError with the problem as details', () => {
    const error = toCostExplorerError(awsError('DataUnavailableException'));
    expect(error).toBeInstanceOf(CostExplorerError);
    expect(error.toJSON()).toMatchObject({ code: 'UNAVAILABLE', details: { problem: { kind: 'not-enabled' } } });
    expect(toCostExplorerError(error)).toBe(error);
  });
});
