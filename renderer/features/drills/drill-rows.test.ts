import { describe, expect, it } from 'vitest';
import { smokeCheckSchema } from '../../../shared/workspace/backups';
import { testWorkspace } from '../test-workspace';
import { describeSmokeCheck, protectedEnvironmentOf } from './drill-rows';

describe('restore drill rows', () => {
  it('describes a plain smoke check by its command', () => {
    expect(describeSmokeCheck(smokeCheckSchema.parse('./smoke orders'))).toBe('./smoke orders');
  });

  it('describes a named check with what it expects', () => {
    const check = smokeCheckSchema.parse({
      name: 'newest order',
      run: 'psql -tAc "select max(created_at) from orders"',
      expect: { newerThan: '26h' },
    });
    expect(describeSmokeCheck(check)).toBe(
      'newest order: psql -tAc "select max(created_at) from orders" (expects a time within 26 h)',
    );
    expect(
      describeSmokeCheck(smokeCheckSchema.parse({ run: 'count', expect: { atLeast: 1000, contains: 'ok' } })),
    ).toBe('count (expects at least 1000, output containing "ok")');
  });

  it('asks for the name of a protected environment the drill host is in, only', () => {
    const ws = testWorkspace();
    expect(protectedEnvironmentOf(ws, 'web-1')).toBe('production');
    expect(protectedEnvironmentOf(ws, 'stg-1')).toBeNull();
    expect(protectedEnvironmentOf(ws, 'drill-1')).toBeNull();
  });
});
