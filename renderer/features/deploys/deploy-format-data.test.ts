/** Names, refs and messages from hosts and journals, as the deploys UI shows them; and what the DORA row covers. */
import { describe, expect, it } from 'vitest';
import { doraScope, failureMessage, recordRelease, releaseName, shortReleaseIds } from './deploy-format';

describe('data shown in the deploys UI', () => {
  it('shows control characters and bidi overrides in refs and names escaped, not acted on', () => {
    expect(recordRelease({ ref: 'v1\u202egpj.exe', releaseId: null })).toBe('v1\\u202egpj.exe');
    expect(releaseName('20250101T120000Z-v1\u001b[31m')).toBe('v1\\x1b[31m');
    expect(releaseName('odd\u0007name')).toBe('odd\\x07name');
  });

  it('keeps the lines of a failure and a summary, escaping the rest', () => {
    expect(failureMessage({ host: 'web-1', message: 'Restart on web-1: exit 1:\n\u001b[31mboom' })).toBe(
      'exit 1:\n\\x1b[31mboom',
    );
    expect(shortReleaseIds('Deploy of 20250101T120000Z-v1.5.1 failed: \u009b2J')).toBe(
      'Deploy of v1.5.1 failed: \\x9b2J',
    );
  });

  it('says which services the DORA figures cover', () => {
    expect(doraScope([{ service: 'api', environment: 'production' }])).toBe('api only');
    expect(
      doraScope([
        { service: 'api', environment: 'production' },
        { service: 'web', environment: 'production' },
        { service: 'api', environment: 'staging' },
      ]),
    ).toBe('All 2 services together (api, web), all 2 environments');
    expect(doraScope([])).toBe('No service deploys yet');
  });
});
