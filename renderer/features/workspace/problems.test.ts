import { describe, expect, it } from 'vitest';
import { type WorkspaceState } from '../../../shared/model/workspace-state';
import { testWorkspace } from '../test-workspace';
import { brokenFile, issueAsText, issueLocation, lastGoodSummary } from './problems';

const issue = {
  file: '/infra/team/cockpit.yaml',
  line: 12,
  column: 7,
  path: 'services.api.health.0.every',
  message: 'expected a duration such as "30s", got "soon"',
  expected: 'a duration',
  hint: 'write 30s, 5m or 1h',
};

const broken: WorkspaceState = {
  source: { kind: 'file', path: '/infra/team/cockpit.yaml' },
  workspace: testWorkspace(),
  loadedFrom: { kind: 'demo', path: '/app/demo/cockpit.yaml' },
  issues: [issue],
  loadedAt: '2025-03-12T10:00:00.000Z',
  checkedAt: '2025-03-12T10:05:00.000Z',
};

describe('problems panel wording', () => {
  it('places an issue as file:line:column', () => {
    expect(issueLocation(issue)).toBe('cockpit.yaml:12:7');
    expect(issueLocation({ ...issue, file: 'C:\\infra\\cockpit.yaml' })).toBe('cockpit.yaml:12:7');
  });

  it('copies everything a person needs to fix it, with the full path', () => {
    expect(issueAsText(issue)).toBe(
      '/infra/team/cockpit.yaml:12:7 — services.api.health.0.every — expected a duration such as "30s", got "soon" — expected a duration — hint: write 30s, 5m or 1h',
    );
    expect(issueAsText({ ...issue, path: '', expected: undefined, hint: undefined })).toBe(
      '/infra/team/cockpit.yaml:12:7 — expected a duration such as "30s", got "soon"',
    );
  });

  it('says which last good workspace is still shown, and where it came from', () => {
    expect(lastGoodSummary(broken)).toEqual({
      name: 'Acme Shop',
      from: 'the built-in demo',
      fromPath: false,
      loadedAt: '2025-03-12T10:00:00.000Z',
    });
    expect(lastGoodSummary({ ...broken, workspace: null, loadedAt: null })).toBeNull();
  });

  it('names the broken file', () => {
    expect(brokenFile(broken)).toBe('/infra/team/cockpit.yaml');
  });
});
