/** The line beside a dialog's disabled Deploy or Roll back button: what holds it back, in the order to fix it. */
import { describe, expect, it } from 'vitest';
import { deployWhyNot, rollbackWhyNot } from './why-disabled';

const ready = {
  environment: 'production',
  starting: false,
  busy: false,
  hasRelease: true,
  needsRef: false,
  confirmed: true,
  hostsProblem: null,
  planned: true,
  planProblem: null,
};

describe('why a Deploy button is disabled', () => {
  it('says nothing when it can be pressed, or while the run starts', () => {
    expect(deployWhyNot(ready)).toBeNull();
    expect(deployWhyNot({ ...ready, starting: true, confirmed: false })).toBeNull();
  });

  it('names what holds it back', () => {
    expect(deployWhyNot({ ...ready, confirmed: false })).toBe('Type production above to confirm.');
    expect(deployWhyNot({ ...ready, busy: true })).toContain('A run is going on in production');
    expect(deployWhyNot({ ...ready, hasRelease: false, planned: false })).toBe('Choose a release above.');
    expect(deployWhyNot({ ...ready, needsRef: true, planned: false })).toBe('Name the release above.');
    expect(deployWhyNot({ ...ready, planned: false })).toBe('Working out the plan…');
    expect(deployWhyNot({ ...ready, planned: false, planProblem: 'no such file' })).toBe(
      'There is no plan: see the message above.',
    );
  });
});

describe('why a Roll back button is disabled', () => {
  const chosen = { id: '20250101T120000Z-v1.4.0', everywhere: true, missingOn: [], bad: null };
  const base = { environment: 'staging', starting: false, chosen, confirmed: true, hostsProblem: null };

  it('says what to do about the chosen release', () => {
    expect(rollbackWhyNot(base)).toBeNull();
    expect(rollbackWhyNot({ ...base, chosen: null })).toBe('Choose a release to roll back to above.');
    expect(rollbackWhyNot({ ...base, chosen: { ...chosen, everywhere: false, missingOn: ['prod-2'] } })).toBe(
      'v1.4.0 is not on prod-2: choose another release, or deploy v1.4.0 instead.',
    );
    expect(rollbackWhyNot({ ...base, chosen: { ...chosen, bad: { reason: 'errors' } } })).toBe(
      'v1.4.0 is marked bad: choose another release, or clear its mark first.',
    );
    expect(rollbackWhyNot({ ...base, confirmed: false })).toBe('Type staging above to confirm.');
  });
});
