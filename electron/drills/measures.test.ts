import { describe, expect, it } from 'vitest';
import { type DrillTimes } from '../../shared/model/drills';
import { drillMeasures, drillVerdict, durationWords, measureAgainstTarget } from './measures';

const targets = { detectMs: 120_000, recoverMs: 300_000 };

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 14, 0, 0) + seconds * 1000).toISOString();

const fullTimes: DrillTimes = {
  injectedAt: at(0),
  firstFailureAt: at(3),
  detectedAt: at(7.9),
  alertedAt: at(8.1),
  actedAt: at(30),
  recoveredAt: at(71),
  verifiedAt: at(81),
};

const noTimes: DrillTimes = {
  injectedAt: null,
  firstFailureAt: null,
  detectedAt: null,
  alertedAt: null,
  actedAt: null,
  recoveredAt: null,
  verifiedAt: null,
};

function byId(times: DrillTimes) {
  return Object.fromEntries(drillMeasures(times, targets, { service: 'checkout' }).map((m) => [m.id, m]));
}

function one(times: DrillTimes, id: 'detect' | 'recover') {
  const found = drillMeasures(times, targets).find((m) => m.id === id);
  if (!found) throw new Error(`no ${id} measure`);
  return found;
}

describe('drillMeasures', () => {
  it('measures each span of a complete drill against the targets', () => {
    const measures = drillMeasures(fullTimes, targets, { service: 'checkout' });
    expect(measures.map((m) => [m.id, m.label, m.ms, m.targetMs, m.met])).toEqual([
      ['detect', 'Time to detect', 7_900, 120_000, true],
      ['alert', 'Time to alert', 8_100, null, null],
      ['act', 'Time to act', 22_100, null, null],
      ['recover', 'Time to recover', 41_000, 300_000, true],
      ['total', 'Total', 81_000, null, null],
    ]);
    expect(measures.map((m) => m.span)).toEqual([
      'failure injected → checkout down',
      'failure injected → down alert sent',
      'checkout down → "Roll back now" pressed',
      '"Roll back now" pressed → every watched check passes',
      'failure injected → recovery verified',
    ]);
  });

  it('names the heal button for a break/heal drill', () => {
    const measures = drillMeasures(fullTimes, targets, { service: 'worker', action: 'Heal now' });
    expect(measures.find((m) => m.id === 'recover')?.span).toBe('"Heal now" pressed → every watched check passes');
  });

  it('leaves every measure unmeasured (met null, not failed) before anything happened', () => {
    for (const m of drillMeasures(noTimes, targets)) {
      expect(m.ms).toBeNull();
      expect(m.met).toBeNull();
    }
  });

  it('does not measure time to act or detect when the button was pressed before the checks noticed', () => {
    const m = byId({ ...fullTimes, detectedAt: null, alertedAt: null });
    expect(m.detect?.ms).toBeNull();
    expect(m.detect?.met).toBeNull();
    expect(m.act?.ms).toBeNull();
    expect(m.recover?.ms).toBe(41_000);
  });

  it('marks a target missed when the time is over it', () => {
    const m = byId({ ...fullTimes, detectedAt: at(200), recoveredAt: at(30 + 301) });
    expect(m.detect?.met).toBe(false);
    expect(m.recover?.ms).toBe(301_000);
    expect(m.recover?.met).toBe(false);
  });

  it('counts a time exactly on the target as met', () => {
    expect(byId({ ...fullTimes, detectedAt: at(120) }).detect?.met).toBe(true);
  });

  it('never reports a negative time when clocks disagree', () => {
    expect(byId({ ...fullTimes, detectedAt: at(-1) }).detect?.ms).toBe(0);
  });
});

describe('drillVerdict', () => {
  it('passes a recovered drill that met every target', () => {
    expect(drillVerdict(drillMeasures(fullTimes, targets), true)).toBe('passed');
  });

  it('says missed-target when recovered but a target was missed', () => {
    expect(drillVerdict(drillMeasures({ ...fullTimes, detectedAt: at(200) }, targets), true)).toBe('missed-target');
  });

  it('fails a drill that did not recover', () => {
    expect(drillVerdict(drillMeasures(fullTimes, targets), false)).toBe('failed');
  });

  it('fails a drill whose failure was never detected, even if it recovered', () => {
    expect(drillVerdict(drillMeasures({ ...fullTimes, detectedAt: null }, targets), true)).toBe('failed');
  });
});

describe('durations in words', () => {
  it('reads short times exactly and minutes with one decimal', () => {
    expect(durationWords(7_900)).toBe('7.9 s');
    expect(durationWords(41_000)).toBe('41 s');
    expect(durationWords(120_000)).toBe('2 min');
    expect(durationWords(150_000)).toBe('2.5 min');
    // Not "2 min": a 2 min target missed by 50 s must not read as met.
    expect(durationWords(170_000)).toBe('2.8 min');
    expect(durationWords(3_900_000)).toBe('1 h 5 min');
  });

  it('says a measure against its target, and by how much it missed', () => {
    const late = { ...fullTimes, detectedAt: at(200) };
    expect(measureAgainstTarget(one(late, 'detect'))).toBe('Time to detect 3.3 min, 1.3 min over the 2 min target');
    expect(measureAgainstTarget(one(late, 'recover'))).toBe('Time to recover 41 s (target 5 min)');
    expect(measureAgainstTarget(one(noTimes, 'detect'))).toBe('Time to detect not measured (target 2 min)');
  });
});
