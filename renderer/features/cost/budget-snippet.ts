/**
 * What the "Draft a budget" form writes: one line of YAML to paste under `cost:` → `budgets:` in cockpit.yaml. The
 * app never writes the workspace file, so budgets stay reviewable as code; the form only saves typing. The line is
 * checked with the workspace's own schema, beside the budgets and accounts the file already declares, so a line the
 * form calls valid is one the cockpit will read. Pure and unit-tested.
 */
import {
  type BudgetAlertKind,
  type CostAccount,
  costSchema,
  defaultBudgetAlerts,
} from '../../../shared/workspace/cost';

export type BudgetScope =
  | { kind: 'all' }
  | { kind: 'service'; service: string }
  /** `value` "" is the spend without that tag (`env=` in the file). */
  | { kind: 'tag'; key: string; value: string };

export interface DraftThreshold {
  kind: BudgetAlertKind;
  /** As typed: "80" (with `percent`) or "300" (an amount in the budget's currency). */
  value: string;
  unit: 'percent' | 'amount';
}

export interface BudgetDraft {
  name: string;
  /** As typed, e.g. "250" or "99.50". */
  amount: string;
  currency: string;
  scope: BudgetScope;
  /** The account the budget holds; null: all accounts together. */
  account: string | null;
  thresholds: DraftThreshold[];
}

/** AWS Budgets' usual set, as the form shows it: actual 80 %, actual 100 %, forecast 100 %. */
export function defaultDraftThresholds(): DraftThreshold[] {
  return defaultBudgetAlerts.map((t) => ({ kind: t.kind, value: String(t.percent ?? ''), unit: 'percent' }));
}

/** Which part of the form an issue is about, so it can be shown beside that field. */
export type DraftField = 'name' | 'amount' | 'scope' | 'account' | 'thresholds';

export interface DraftIssue {
  field: DraftField;
  message: string;
}

/** What the draft's workspace context holds: the accounts declared and the names of the budgets already there. */
export interface DraftContext {
  accounts: readonly CostAccount[];
  budgetNames: readonly string[];
}

export interface BudgetSnippet {
  /** `- { name: …, monthly: … }`, to paste as one more item of `budgets:`. */
  line: string;
  /** Empty when the workspace schema accepts the line. */
  issues: DraftIssue[];
}

type Flow = string | readonly Flow[] | { readonly [key: string]: Flow };

/** The budget as the file would hold it (the schema's input shape), keys in the order the docs write them. */
export function budgetInput(draft: BudgetDraft): Record<string, Flow> {
  const currency = draft.currency.trim().toUpperCase();
  const input: Record<string, Flow> = { name: draft.name.trim() };
  const { scope } = draft;
  if (scope.kind === 'service') input.filter = { service: scope.service };
  if (scope.kind === 'tag') input.filter = { tag: `${scope.key}=${scope.value}` };
  input.monthly = `${draft.amount.trim()} ${currency}`;
  if (draft.account !== null) input.account = draft.account;
  const alerts = draft.thresholds.map(
    (t) => `${t.kind} ${t.value.trim()}${t.unit === 'percent' ? '%' : ` ${currency}`}`,
  );
  if (!sameAsDefault(alerts)) input.alerts = alerts;
  return input;
}

/** The default thresholds are left out of the line: the file reads shorter and means the same. */
function sameAsDefault(alerts: readonly string[]): boolean {
  const defaults = defaultBudgetAlerts.map((t) => `${t.kind} ${t.percent ?? ''}%`);
  return alerts.length === defaults.length && alerts.every((a, i) => a === defaults[i]);
}

/**
 * A scalar that YAML reads back as the same string inside a flow mapping. Plain when it is unmistakably text (no
 * flow indicators, no `: ` or ` #`, nothing YAML would read as a number, boolean or null); otherwise double-quoted,
 * where JSON's escapes are YAML's too.
 */
export function yamlScalar(text: string): string {
  const plain =
    /^[\w/(][\w .=/()%+@&-]*$/.test(text) &&
    !/\s$/.test(text) &&
    !/^\d[\w.+-]*$/.test(text) &&
    !/^(true|false|null|yes|no|on|off|y|n)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

function flow(value: Flow): string {
  if (typeof value === 'string') return yamlScalar(value);
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  const entries = Object.entries(value as Record<string, Flow>).map(([k, v]) => `${yamlScalar(k)}: ${flow(v)}`);
  return `{ ${entries.join(', ')} }`;
}

const fieldOf: Record<string, DraftField> = {
  name: 'name',
  monthly: 'amount',
  filter: 'scope',
  account: 'account',
  alerts: 'thresholds',
};

/** Issues the schema would word for a machine; the form says them for a person first. */
function formIssues(draft: BudgetDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  if (!draft.name.trim()) issues.push({ field: 'name', message: 'Give the budget a name.' });
  if (!draft.amount.trim()) issues.push({ field: 'amount', message: 'Enter the monthly amount.' });
  if (!/^[A-Za-z]{3}$/.test(draft.currency.trim()))
    issues.push({ field: 'amount', message: 'The currency is a three-letter code, such as USD.' });
  const { scope } = draft;
  if (scope.kind === 'service' && !scope.service) issues.push({ field: 'scope', message: 'Choose a service.' });
  if (scope.kind === 'tag' && !scope.key) issues.push({ field: 'scope', message: 'Choose a tag key.' });
  if (draft.thresholds.some((t) => !t.value.trim()))
    issues.push({ field: 'thresholds', message: 'Give every threshold a value, or remove it.' });
  return issues;
}

/**
 * The line for `draft`, and what is wrong with it: the form's own checks, then the workspace schema over a `cost:`
 * section holding the file's accounts, its budgets (by name: a name must stay unique) and this one.
 */
export function budgetSnippet(draft: BudgetDraft, context: DraftContext): BudgetSnippet {
  const input = budgetInput(draft);
  const line = `- ${flow(input)}`;
  const issues = formIssues(draft);
  const index = context.budgetNames.length;
  const checked = costSchema.safeParse({
    accounts: context.accounts.map((a) => ({ name: a.name, aws: a.aws })),
    budgets: [...context.budgetNames.map((name) => ({ name, monthly: '1 USD' })), input],
  });
  for (const issue of checked.error?.issues ?? []) {
    const [section, at, key] = issue.path;
    if (section !== 'budgets' || at !== index) continue;
    const field = fieldOf[String(key)] ?? 'name';
    // The form already said it in its words.
    if (issues.some((i) => i.field === field)) continue;
    issues.push({ field, message: sentence(issue.message) });
  }
  return { line, issues };
}

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
