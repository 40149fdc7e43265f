/**
 * The bench's figures beside their targets (issue #18) and beside the last committed run (bench/last.json),
 * with a regression flagged when a figure got more than 20 % worse. Pure: bench/run.ts measures and
 * writes; test/unit/bench/compare.test.ts checks the arithmetic.
 */

/** How much worse than the last run a figure may get before it is flagged (a fraction). */
export const REGRESSION_FRACTION = 0.2;

export interface Figure {
  id: string;
  label: string;
  unit: 'ms' | 'B' | 'requests' | 'count';
  /** Null when this run did not measure it. */
  value: number | null;
  /** The target, `value ≤ max`; absent when the figure has none (it is still compared with the last run). */
  max?: number;
  /** Lower is better for every figure here (times, bytes, requests, long tasks). */
}

export interface LastRun {
  /** When and how the figures were measured. */
  from: string;
  figures: Record<string, number>;
}

export interface Compared extends Figure {
  target: 'met' | 'missed' | 'none' | 'not measured';
  last: number | null;
  /** (value − last) ÷ last; null without both, Infinity when last is 0 and the value is not. */
  change: number | null;
  regression: boolean;
}

/** Each figure against its target and the last run's value of the same id. */
export function compare(figures: readonly Figure[], last: LastRun | null): Compared[] {
  return figures.map((f) => {
    const prev = last?.figures[f.id];
    const lastValue = typeof prev === 'number' && Number.isFinite(prev) ? prev : null;
    const target =
      f.value === null ? 'not measured' : f.max === undefined ? 'none' : f.value <= f.max ? 'met' : 'missed';
    let change: number | null = null;
    if (f.value !== null && lastValue !== null)
      change = lastValue === 0 ? (f.value === 0 ? 0 : Infinity) : (f.value - lastValue) / lastValue;
    return { ...f, target, last: lastValue, change, regression: change !== null && change > REGRESSION_FRACTION };
  });
}

/** The figures a run stores for the next one to compare with (the measured ones only). */
export function lastRunOf(figures: readonly Figure[], from: string): LastRun {
  return {
    from,
    figures: Object.fromEntries(figures.flatMap((f) => (f.value === null ? [] : [[f.id, f.value]]))),
  };
}

/** Reads bench/last.json's text; null when there is none or it is not a LastRun. */
export function parseLastRun(text: string | null): LastRun | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as Partial<LastRun>;
    if (typeof v.from !== 'string' || typeof v.figures !== 'object' || v.figures === null) return null;
    const figures = Object.fromEntries(
      Object.entries(v.figures).filter((e): e is [string, number] => typeof e[1] === 'number'),
    );
    return { from: v.from, figures };
  } catch {
    return null;
  }
}

const num = (v: number, unit: Figure['unit']) =>
  unit === 'ms'
    ? `${v.toFixed(1)} ms`
    : unit === 'B'
      ? `${Math.round(v)} B`
      : `${v}${unit === 'requests' ? ' req' : ''}`;

/** The cells of one row: figure, now, target, verdict, last, change. */
export function cells(c: Compared): [string, string, string, string, string, string] {
  const change =
    c.change === null
      ? '—'
      : c.change === Infinity
        ? 'from 0'
        : `${c.change >= 0 ? '+' : '−'}${Math.abs(c.change * 100).toFixed(0)} %`;
  return [
    c.label,
    c.value === null ? 'not measured' : num(c.value, c.unit),
    c.max === undefined ? '—' : `≤ ${num(c.max, c.unit)}`,
    c.target === 'missed' ? 'MISSED' : c.target === 'none' ? '' : c.target,
    c.last === null ? '—' : num(c.last, c.unit),
    c.regression ? `${change} REGRESSION` : change,
  ];
}
