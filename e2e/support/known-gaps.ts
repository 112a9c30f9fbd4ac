/**
 * A reporter that says, once per run and after the summary, which e2e tests were skipped for a known gap — so a skip
 * in CI's output reads as a decision with its reason, not as a silent "1 skipped". A spec marks such a skip with a
 * `KNOWN_GAP` annotation whose description is the line to print; every distinct line is printed once, however many
 * tests it skipped.
 */
import { type Reporter, type TestCase, type TestResult } from '@playwright/test/reporter';

export const KNOWN_GAP = 'known gap';

export default class KnownGapsReporter implements Reporter {
  private readonly lines = new Set<string>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    for (const annotation of [...test.annotations, ...result.annotations]) {
      if (annotation.type === KNOWN_GAP && annotation.description) this.lines.add(annotation.description);
    }
  }

  onEnd(): void {
    for (const line of this.lines) console.log(line);
  }

  printsToStdio(): boolean {
    return this.lines.size > 0;
  }
}
