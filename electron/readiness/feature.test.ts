/**
 * The readiness feature on a test context: a source that fails costs only its own items, no workspace adds no
 * point to the trend, and in the background the day's score is kept without anyone asking.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TestFeatureContext, createTestFeatureContext } from '../features/testing/feature-context';
import { createReadinessFeature } from './feature';
import { item } from '../features/readiness-items';
import { ReadinessTrend } from './trend';

describe('the readiness feature', () => {
  let test: TestFeatureContext | undefined;
  let dir = '';
  afterEach(async () => {
    await test?.close();
    test = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function context(background: boolean): TestFeatureContext {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-readiness-feature-'));
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, 'version: 1\nname: Shop\nenvironments: { production: {} }\nreadiness: { threshold: 80 }\n');
    test = createTestFeatureContext({ dir, demoPath: file, background });
    return test;
  }

  it('keeps the other items when one source fails, and scores what it has', async () => {
    const { context: ctx, workspace } = context(false);
    await workspace.openDemo();
    ctx.contributions.readiness.push(
      () => [item('runbooks', 'green', 'covered', null)],
      () => {
        throw new Error('journal is locked');
      },
    );
    const feature = createReadinessFeature(ctx);
    const card = await feature.handlers['readiness.scorecard']({});
    // runbooks green, production protected green (its own item), nothing else contributed.
    expect(card.items.map((i) => [i.id, i.status])).toEqual([
      ['production-protected', 'green'],
      ['runbooks', 'green'],
    ]);
    expect(card).toMatchObject({ score: 100, threshold: 80 });
    await feature.close();
  });

  it('adds no point to the trend while no workspace is open', async () => {
    const { context: ctx } = context(false);
    const feature = createReadinessFeature(ctx);
    const card = await feature.handlers['readiness.scorecard']({});
    expect(card).toMatchObject({ items: [], score: 0, threshold: 70, trend: [] });
    await feature.close();
  });

  it('keeps the day’s score in the background without being asked', async () => {
    const { context: ctx, workspace } = context(true);
    await workspace.openDemo();
    const feature = createReadinessFeature(ctx, { firstDailyMs: 5 });
    const trend = new ReadinessTrend(ctx.db);
    const file = workspace.current().loadedFrom?.path ?? '';
    await vi.waitFor(() => expect(trend.list(file, ctx.now())).toHaveLength(1));
    expect(trend.list(file, ctx.now())[0]?.score).toBe(100);
    await feature.close();
  });
});
