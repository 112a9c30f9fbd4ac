/**
 * The cost section's accounts as a user writes them in cockpit.yaml, read by the real workspace parser: both forms
 * load, and a budget that names an undeclared account is reported at its line and column.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkspaceText } from '../workspace/parse';

const head = ['version: 1', 'name: Acme', 'environments:', '  production: { hosts: [] }'];

function parse(lines: string[]) {
  return parseWorkspaceText([...head, ...lines].join('\n'), '/infra/cockpit.yaml');
}

describe('accounts in cockpit.yaml', () => {
  it('loads the single `aws:` form (one account, "default") and the `accounts:` form', () => {
    const single = parse(['cost:', '  aws: { profile: acme-billing }']);
    expect(single.issues).toEqual([]);
    expect(single.workspace?.cost?.accounts).toEqual([
      { name: 'default', aws: { profile: 'acme-billing', region: 'us-east-1' } },
    ]);

    const several = parse([
      'cost:',
      '  accounts:',
      '    - { name: shop, aws: { profile: acme-shop } }',
      '    - { name: data, aws: { profile: acme-data } }',
      '  budgets:',
      '    - { name: Data, monthly: 300 USD, account: data }',
    ]);
    expect(several.issues).toEqual([]);
    expect(several.workspace?.cost?.accounts.map((a) => a.name)).toEqual(['shop', 'data']);
    expect(several.workspace?.cost?.budgets[0]?.account).toBe('data');
  });

  it('places a budget naming an undeclared account at its line and column', () => {
    const result = parse([
      'cost:', // 5
      '  accounts:', // 6
      '    - { name: shop, aws: { profile: acme-shop } }', // 7
      '    - { name: data, aws: { profile: acme-data } }', // 8
      '  budgets:', // 9
      '    - name: Web', // 10
      '      monthly: 100 USD', // 11
      '      account: web', // 12
    ]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({
      file: '/infra/cockpit.yaml',
      line: 12,
      column: 16,
      path: 'cost.budgets.0.account',
      message: expect.stringContaining(
        'budget "Web" names account "web", which is not declared (accounts: shop, data)',
      ),
    });
  });
});
