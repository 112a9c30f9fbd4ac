/**
 * The budget draft's YAML line: what it says for each kind of budget, that every line it produces is read back by
 * the real workspace parser (YAML, then the workspace schema) as the budget the form described, and what it says
 * when the draft is not a valid budget yet.
 */
// The test reads the line the way the backend reads cockpit.yaml; the renderer itself never parses YAML.
// eslint-disable-next-line no-restricted-imports
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../../shared/workspace';
import { type BudgetDraft, budgetSnippet, defaultDraftThresholds, yamlScalar } from './budget-snippet';

const single = { accounts: [{ name: 'default', aws: { region: 'us-east-1' } }], budgetNames: [] };
const several = {
  accounts: [
    { name: 'shop', aws: { profile: 'acme-shop', region: 'us-east-1' } },
    { name: 'data', aws: { profile: 'acme-data', region: 'us-east-1' } },
  ],
  budgetNames: ['All of AWS'],
};

function draft(overrides: Partial<BudgetDraft> = {}): BudgetDraft {
  return {
    name: 'All of AWS',
    amount: '400',
    currency: 'USD',
    scope: { kind: 'all' },
    account: null,
    thresholds: defaultDraftThresholds(),
    ...overrides,
  };
}

/** The line pasted under `cost: budgets:` of a minimal workspace, parsed as the backend parses the file. */
function readBack(line: string, cost = '  aws: { profile: acme-billing }\n') {
  const text = [
    'version: 1',
    'name: Test',
    'environments:',
    '  production: { hosts: [] }',
    'cost:',
    cost.trimEnd(),
    '  budgets:',
    `    ${line}`,
    '',
  ].join('\n');
  return workspaceSchema.parse(parse(text)).cost?.budgets.at(-1);
}

describe('the YAML line of a drafted budget', () => {
  it('writes a whole-account budget in the docs’ short form, leaving the default thresholds out', () => {
    const snippet = budgetSnippet(draft(), single);
    expect(snippet).toEqual({ line: '- { name: All of AWS, monthly: 400 USD }', issues: [] });
    expect(readBack(snippet.line)).toEqual({
      name: 'All of AWS',
      monthly: { amount: '400', currency: 'USD' },
      alerts: [
        { kind: 'actual', percent: 80 },
        { kind: 'actual', percent: 100 },
        { kind: 'forecast', percent: 100 },
      ],
    });
  });

  it('writes a service budget with the Cost Explorer service name as it is', () => {
    const snippet = budgetSnippet(
      draft({
        name: 'EC2',
        amount: '120.50',
        scope: { kind: 'service', service: 'Amazon Elastic Compute Cloud - Compute' },
      }),
      single,
    );
    expect(snippet.line).toBe(
      '- { name: EC2, filter: { service: Amazon Elastic Compute Cloud - Compute }, monthly: 120.50 USD }',
    );
    expect(readBack(snippet.line)).toMatchObject({
      filter: { service: 'Amazon Elastic Compute Cloud - Compute' },
      monthly: { amount: '120.50', currency: 'USD' },
    });
  });

  it('writes a tag budget as key=value, and the untagged spend as key=', () => {
    const production = budgetSnippet(
      draft({ name: 'Production', scope: { kind: 'tag', key: 'env', value: 'production' } }),
      single,
    );
    expect(production.line).toBe('- { name: Production, filter: { tag: env=production }, monthly: 400 USD }');
    const untagged = budgetSnippet(draft({ name: 'No team', scope: { kind: 'tag', key: 'team', value: '' } }), single);
    expect(untagged.line).toBe('- { name: No team, filter: { tag: team= }, monthly: 400 USD }');
    expect(readBack(untagged.line)?.filter).toEqual({ tag: 'team=' });
  });

  it('names the account with several, and writes thresholds that differ from the defaults', () => {
    const snippet = budgetSnippet(
      draft({
        name: 'Data platform',
        amount: '300',
        account: 'data',
        thresholds: [
          { kind: 'actual', value: '50', unit: 'percent' },
          { kind: 'forecast', value: '250', unit: 'amount' },
        ],
      }),
      several,
    );
    expect(snippet).toEqual({
      line: '- { name: Data platform, monthly: 300 USD, account: data, alerts: [actual 50%, forecast 250 USD] }',
      issues: [],
    });
    const cost =
      '  accounts:\n    - { name: shop, aws: { profile: acme-shop } }\n    - { name: data, aws: { profile: acme-data } }\n';
    expect(readBack(snippet.line, cost)).toEqual({
      name: 'Data platform',
      monthly: { amount: '300', currency: 'USD' },
      account: 'data',
      alerts: [
        { kind: 'actual', percent: 50 },
        { kind: 'forecast', amount: '250', currency: 'USD' },
      ],
    });
  });

  it('quotes whatever YAML would read otherwise, and the parser reads back the same text', () => {
    const names = [
      'Team: payments, EU',
      '2026',
      'true',
      'no',
      '#1 cost',
      '- dash',
      '[prod]',
      'a {b}',
      'trailing ',
      '"quoted"',
      "it's",
      'back\\slash',
      'Ünïcode budget',
      'env=prod # note',
      '1e3',
      '0x1F',
      '~',
      '*alias',
      '&anchor',
      '!tag',
      '%directive',
      '@at',
      '`tick`',
      '? key',
      'line\nbreak',
    ];
    for (const name of names) {
      // A tag value is one line (the schema's key=value); a name may be anything.
      const value = name.replace('\n', ' ');
      const snippet = budgetSnippet(draft({ name: `${name}x`, scope: { kind: 'tag', key: 'env', value } }), single);
      expect(snippet.issues).toEqual([]);
      expect(readBack(snippet.line)).toMatchObject({ name: `${name}x`, filter: { tag: `env=${value}` } });
    }
    expect(yamlScalar('Amazon Simple Storage Service')).toBe('Amazon Simple Storage Service');
    expect(yamlScalar('400 USD')).toBe('400 USD');
    expect(yamlScalar('2026')).toBe('"2026"');
    expect(yamlScalar('a: b')).toBe('"a: b"');
  });

  it('says what is missing before the line is valid', () => {
    const empty = budgetSnippet(
      draft({ name: ' ', amount: '', scope: { kind: 'service', service: '' }, thresholds: [] }),
      single,
    );
    expect(empty.issues).toEqual([
      { field: 'name', message: 'Give the budget a name.' },
      { field: 'amount', message: 'Enter the monthly amount.' },
      { field: 'scope', message: 'Choose a service.' },
    ]);
  });

  it('rejects with the workspace schema’s words: a taken name, a malformed amount, a threshold out of range', () => {
    expect(budgetSnippet(draft({ name: 'All of AWS' }), several).issues).toEqual([
      { field: 'name', message: 'Budget "All of AWS" is declared twice.' },
    ]);
    expect(budgetSnippet(draft({ amount: '12,5' }), single).issues).toEqual([
      { field: 'amount', message: 'Expected an amount with a currency such as "400 USD", got "12,5 USD".' },
    ]);
    const zero = budgetSnippet(draft({ thresholds: [{ kind: 'actual', value: '0', unit: 'percent' }] }), single);
    expect(zero.issues).toEqual([
      { field: 'thresholds', message: 'Expected "actual 80%", "forecast 100%" or "actual 300 USD", got "actual 0%".' },
    ]);
    expect(budgetSnippet(draft({ account: 'web' }), several).issues).toEqual([
      { field: 'name', message: 'Budget "All of AWS" is declared twice.' },
      {
        field: 'account',
        message: 'Budget "All of AWS" names account "web", which is not declared (accounts: shop, data).',
      },
    ]);
  });
});
