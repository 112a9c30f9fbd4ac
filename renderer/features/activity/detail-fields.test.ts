import { describe, expect, it } from 'vitest';
import { detailFields, hasRawData, labelOf } from './detail-fields';

const alertEntries = [
  {
    phase: 'intent' as const,
    data: {
      alert: {
        id: 'a1',
        at: 1741770000000,
        service: 'checkout',
        environment: 'production',
        kind: 'down',
        severity: 'critical',
        status: 'down',
        title: 'checkout is down in production',
        body: 'line one\nline two',
        reason: '503 from /health/ready',
        recentChange: 'last deploy 12 min ago: 8b71ff7 by ana',
        delayed: false,
      },
    },
  },
  { phase: 'result' as const, data: { outcome: { word: 'down', tone: 'bad' } } },
];

describe('the detail pane’s facts in words', () => {
  it('shows an alert’s service, environment, reason, recent change and who was told as labelled rows', () => {
    const fields = detailFields(
      { kind: 'health.alert', summary: '503 from /health/ready. Told: desktop, Slack.' },
      alertEntries,
    );
    expect(fields).toEqual([
      { label: 'Service', value: 'checkout' },
      { label: 'Environment', value: 'production' },
      { label: 'Severity', value: 'critical' },
      { label: 'Reason', value: '503 from /health/ready' },
      { label: 'Recent change', value: 'last deploy 12 min ago: 8b71ff7 by ana' },
      { label: 'Held by quiet hours', value: 'no' },
      { label: 'Told', value: 'desktop, Slack' },
    ]);
  });

  it('says what could not be sent when a delivery failed', () => {
    const fields = detailFields(
      { kind: 'health.alert', summary: 'Down. Told: desktop. Not sent: Slack: 500 Internal Server Error' },
      alertEntries,
    );
    expect(fields.find((f) => f.label === 'Not sent')?.value).toBe('Slack: 500 Internal Server Error');
  });

  it('shows a deploy’s release and hosts, and leaves long or deep data to the raw view', () => {
    const fields = detailFields({ kind: 'deploy.run', summary: 'Deployed' }, [
      {
        phase: 'intent',
        data: {
          service: 'checkout',
          environment: 'staging',
          hosts: ['demo-stg'],
          releaseId: 'r-8b71ff7',
          reason: null,
          steps: [{ name: 'upload', run: 'rsync …' }],
          notes: 'x'.repeat(500),
        },
      },
      { phase: 'step', data: { host: 'demo-stg' } },
      { phase: 'result', data: { switchedHosts: 1, rolledBack: false } },
    ]);
    expect(fields).toEqual([
      { label: 'Service', value: 'checkout' },
      { label: 'Environment', value: 'staging' },
      { label: 'Hosts', value: 'demo-stg' },
      { label: 'Release', value: 'r-8b71ff7' },
      { label: 'Switched hosts', value: '1' },
      { label: 'Rolled back', value: 'no' },
    ]);
  });

  it('makes a label from a field’s name when it has none of its own', () => {
    expect(labelOf('recentChange')).toBe('Recent change');
    expect(labelOf('knownHostsName')).toBe('Known hosts name');
    expect(labelOf('dry_run')).toBe('Dry run');
  });

  it('offers raw data only when an entry carried some', () => {
    expect(hasRawData([{ data: null }, { data: {} }])).toBe(false);
    expect(hasRawData(alertEntries)).toBe(true);
  });
});
