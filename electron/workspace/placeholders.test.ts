import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Locator } from './locate';
import { checkQuotedPlaceholders, quotedPlaceholders } from './placeholders';

function issuesOf(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return checkQuotedPlaceholders(doc.toJS(), new Locator('cockpit.yaml', doc, lines));
}

describe('quoted placeholders in deploy commands', () => {
  it.each([
    ['./bin/deploy "${release}"', ['${release}']],
    ["./bin/deploy '${release}'", ['${release}']],
    ['./bin/deploy --to="v-${release}" ${host}', ['${release}']],
    ['./bin/deploy ${release} "$HOME" \\"${host}\\"', []],
    ['./bin/deploy ${release}', []],
  ])('%s', (command, expected) => {
    expect(quotedPlaceholders(command)).toEqual(expected);
  });

  it('are rejected by validate, saying why and where', () => {
    const issues = issuesOf(
      [
        'services:',
        '  api:',
        '    deploy:',
        '      strategy: script',
        '      deploy: ./bin/deploy "${release}"',
        '      rollback: ./bin/rollback ${release}',
        '    health:',
        '      - command: curl -fsS "https://${domain}/ready"',
      ].join('\n'),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 5, path: 'services.api.deploy.deploy' });
    expect(issues[0]?.message).toBe(
      '${release} is quoted in the command; the engine quotes placeholders itself, and quoting them again would let their value run as shell code',
    );
    expect(issues[0]?.expected).toContain('./bin/deploy ${release}');
  });
});
