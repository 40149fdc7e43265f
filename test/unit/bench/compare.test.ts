/**
 * The bench's comparison (bench/compare.ts): each figure beside its target and the last committed run,
 * flagged when more than 20 % worse.
 */
import { describe, expect, it } from 'vitest';
import { cells, compare, lastRunOf, parseLastRun, type Figure } from '../../../bench/compare';

const fig = (id: string, value: number | null, max?: number): Figure => ({ id, label: id, unit: 'ms', value, max });

describe('bench comparison', () => {
  it('flags a figure more than 20 % worse than the last run, and not one at exactly 20 %', () => {
    const last = { from: 'x', figures: { a: 10, b: 10, c: 10 } };
    const [a, b, c] = compare([fig('a', 12), fig('b', 12.01), fig('c', 5)], last);
    expect([a!.change, a!.regression]).toEqual([expect.closeTo(0.2, 10), false]);
    expect(b!.regression).toBe(true);
    expect([c!.change, c!.regression]).toEqual([-0.5, false]);
  });

  it('a target is met at its bound and missed above it; no target, no verdict', () => {
    const [met, missed, none] = compare([fig('a', 5, 5), fig('b', 5.1, 5), fig('c', 7)], null);
    expect([met!.target, missed!.target, none!.target]).toEqual(['met', 'missed', 'none']);
    expect(cells(missed!)[3]).toBe('MISSED');
  });

  it('from 0 to anything is a regression (long tasks); 0 to 0 is not', () => {
    const last = { from: 'x', figures: { lt: 0, z: 0 } };
    const [lt, z] = compare([{ ...fig('lt', 2, 0), unit: 'count' }, fig('z', 0)], last);
    expect([lt!.change, lt!.regression]).toEqual([Infinity, true]);
    expect(cells(lt!)[5]).toBe('from 0 REGRESSION');
    expect([z!.change, z!.regression]).toEqual([0, false]);
  });

  it('a figure not measured, or not in the last run, is shown without a comparison', () => {
    const [n, fresh] = compare([fig('n', null, 2), fig('fresh', 3)], { from: 'x', figures: { n: 1 } });
    expect(n).toMatchObject({ target: 'not measured', last: 1, change: null, regression: false });
    expect(fresh).toMatchObject({ last: null, change: null, regression: false });
    expect(cells(fresh!)).toEqual(['fresh', '3.0 ms', '—', '', '—', '—']);
  });

  it('round-trips the last run through its JSON, keeping only measured numbers', () => {
    const run = lastRunOf([fig('a', 1.5), fig('b', null), { ...fig('c', 14693), unit: 'B' }], 'bench of today');
    expect(run).toEqual({ from: 'bench of today', figures: { a: 1.5, c: 14693 } });
    expect(parseLastRun(JSON.stringify(run))).toEqual(run);
    expect(parseLastRun('{"from":"x","figures":{"a":"7","b":2}}')).toEqual({ from: 'x', figures: { b: 2 } });
    expect(parseLastRun('not json')).toBeNull();
    expect(parseLastRun(null)).toBeNull();
  });
});
