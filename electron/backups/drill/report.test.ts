import { describe, expect, it } from 'vitest';
import { drillReport } from './report';
import { sampleDrill } from './testing/sample-drill';

describe('the Markdown report of a restore drill', () => {
  it('names the file after the service, the backup and the day', () => {
    expect(drillReport(sampleDrill()).filename).toBe('restore-drill-shop-orders-db-2026-12-06.md');
  });

  it('gives a reader the verdict, the copy and RTO/RPO against the targets', () => {
    const { text } = drillReport(sampleDrill());
    expect(text).toMatch(/^# Restore drill: shop\/orders-db$/m);
    expect(text).toContain('**Verdict: ✅ Succeeded**');
    expect(text).toContain('- Copy: `orders-2026-12-06.dump`');
    expect(text).toContain('- Size: 5.1 MB (5060919 bytes)');
    expect(text).toContain('- Checksum: `sha256:9f2c0d1e`');
    expect(text).toContain('- Why this copy: newest');
    expect(text).toContain('| RTO (restore start → checks passed) | 41 s | 30 min | ✅ within target |');
    expect(text).toContain(
      `| RPO (age of the data restored, from the newest data's time (check "newest order")) | 10 h | 26 h | ✅ within target |`,
    );
    expect(text).toContain('| restore | 2026-12-06T12:00:01.000Z | 38 s | ✅ ok | restored |');
    expect(text).toContain('- Run by: cli:alice');
  });

  it('shows each check with its command, exit code, expectation and output', () => {
    const drill = sampleDrill({ status: 'failed', rtoMs: null });
    drill.checks[0] = {
      ...(drill.checks[0] as (typeof drill.checks)[number]),
      ok: false,
      output: '99000',
      detail: 'printed 99000, expected at least 100000',
    };
    const { text } = drillReport(drill);
    expect(text).toContain('**Verdict: ❌ Failed**');
    expect(text).toContain('### ❌ orders restored');
    expect(text).toContain("```sh\npsql -tA -d cockpit_drill_ab12cd34 -c 'select count(*) from orders'\n```");
    expect(text).toContain('- Exit code: 0');
    expect(text).toContain('- Expected: at least 100000');
    expect(text).toContain('- Verdict: failed — printed 99000, expected at least 100000');
    expect(text).toContain('Output (tail):\n\n```\n99000\n```');
    expect(text).toContain('| RTO (restore start → checks passed) | — | 30 min | not measured |');
  });

  it('flags a target missed on a drill that otherwise passed, and a failed teardown', () => {
    const slow = drillReport(sampleDrill({ rtoMs: 41 * 60_000 })).text;
    expect(slow).toContain('**Verdict: ✅ Succeeded — target missed**');
    expect(slow).toContain('Targets missed: RTO 41 min, 11 min over the 30 min target.');
    const drill = sampleDrill({ status: 'failed', teardownOk: false });
    drill.phases[3] = {
      ...(drill.phases[3] as (typeof drill.phases)[number]),
      ok: false,
      detail: 'teardown failed: the scratch target cockpit_drill_ab12cd34 may still exist on drill-1',
    };
    expect(drillReport(drill).text).toContain(
      '❌ teardown failed: the scratch target cockpit_drill_ab12cd34 may still exist on drill-1',
    );
  });

  it('keeps output holding backticks inside its fence', () => {
    const drill = sampleDrill();
    drill.checks[0] = { ...(drill.checks[0] as (typeof drill.checks)[number]), output: 'a\n```\nb' };
    expect(drillReport(drill).text).toContain('````\na\n```\nb\n````');
  });
});
