/**
 * axe-core run inside the page: the WCAG 2.1 A/AA rules plus the best-practice ones (landmarks, heading order,
 * duplicate ids…), keeping the violations a user would be hurt by (minor ones are left out).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Page, expect } from '@playwright/test';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';

interface AxeInPage {
  axe: { run: (options: RunOptions) => Promise<AxeResults> };
}

// Evaluated rather than added as a <script>: the app's Content-Security-Policy (script-src 'self') refuses inline
// scripts, and an evaluation through the DevTools protocol is not subject to it.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const COUNTED: ImpactValue[] = ['critical', 'serious', 'moderate'];

export interface A11yViolation {
  /** Where it was found, e.g. "Deploys (dark)". */
  where: string;
  rule: string;
  impact: ImpactValue;
  help: string;
  helpUrl: string;
  /** One line per offending element: its selector and what axe says is wrong with it. */
  nodes: string[];
}

/** Runs axe on the page as it is now; `where` names the screen or dialog in the failure message. */
export async function axeViolations(page: Page, where: string): Promise<A11yViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axeSource);
  const options: RunOptions = {
    runOnly: { type: 'tag', values: TAGS },
    // Still tagged experimental in axe-core, so off unless asked for: a visible label the accessible name does not
    // contain leaves a speech-input user saying words that match no control.
    rules: { 'label-content-name-mismatch': { enabled: true } },
    resultTypes: ['violations'],
    // The style sheets are fetched only for rules not run here (orientation lock): skipping it saves time.
    preload: false,
  };
  const results = await page.evaluate(
    // Runs in the page, where the evaluated axe source defined the global `axe`; the Node typings cannot know it.
    (o) => (globalThis as unknown as AxeInPage).axe.run(o),
    options,
  );
  return results.violations
    .filter((v: Result) => v.impact && COUNTED.includes(v.impact))
    .map((v: Result) => ({
      where,
      rule: v.id,
      impact: v.impact ?? 'moderate',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => {
        const why = n.failureSummary?.replace(/^Fix (any|all) of the following:\s*/, '').replace(/\s+/g, ' ') ?? '';
        return `${n.target.join(' ')} — ${why.trim()}\n      ${n.html.replace(/\s+/g, ' ').slice(0, 160)}`;
      }),
    }));
}

/** A short list for the assertion's diff ("Deploys (dark): color-contrast × 3"); the message has the details. */
export function summarize(violations: A11yViolation[]): string[] {
  return violations.map((v) => `${v.where}: ${v.rule} × ${v.nodes.length}`);
}

/** The failure message: per place, each rule with its impact, help text, and the elements to fix. */
export function formatViolations(violations: A11yViolation[]): string {
  if (violations.length === 0) return 'no violations';
  const lines = [`${violations.length} accessibility violation(s):`];
  for (const v of violations) {
    lines.push(`\n[${v.where}] ${v.rule} (${v.impact}): ${v.help}\n  ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, 8)) lines.push(`  - ${node}`);
    if (v.nodes.length > 8) lines.push(`  … and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

/**
 * Asserts that the page as it is now (a dialog open, say) has no critical, serious or moderate violation: for the
 * dialogs other tests open on the way (a rollback needs a release to return to, a lock needs a holder), where
 * opening them in the accessibility spec would mean changing the demo.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page, where);
  expect(summarize(violations), formatViolations(violations)).toEqual([]);
}
