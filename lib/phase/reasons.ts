import type { Day } from '../series/types';

export type Comparator = '<=' | '<' | '>=' | '>' | 'in' | 'is' | 'known';

/** One rule evaluation (SIGNALS.md §4): what was compared, with what, and where the value came from. */
export interface Reason {
  /** Which rule, e.g. `stage.btc-season`, `flag.fear-washout`, `setup.russell`. */
  rule: string;
  signal: 'asi' | 'ethbtc' | 'dominance' | 'fearGreed' | 'russell' | 'stage' | 'hysteresis';
  value: number | string | boolean | null;
  comparator: Comparator;
  threshold: number | string | readonly (number | string)[] | null;
  passed: boolean;
  source: string | null;
  asOf: Day | null;
  /** The same in plain words, e.g. "ASI 22 ≤ 25 → Bitcoin season". */
  text: string;
}

const SYMBOL: Record<Comparator, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', in: 'in', is: 'is', known: 'is' };

export function cmp(value: number, c: '<=' | '<' | '>=' | '>', t: number): boolean {
  switch (c) {
    case '<=': return value <= t;
    case '<': return value < t;
    case '>=': return value >= t;
    case '>': return value > t;
  }
}

/** Numbers as a trader reads them: at most two decimals, no trailing zeros, explicit sign when asked. */
export function fmt(n: number, opts: { sign?: boolean; digits?: number } = {}): string {
  const s = Number(n.toFixed(opts.digits ?? 2)).toString();
  return opts.sign && n > 0 ? `+${s}` : s;
}

/** A numeric rule: `label value comparator threshold → outcome`, or "unknown" when the value is. */
export function numericReason(x: {
  rule: string;
  signal: Reason['signal'];
  label: string;
  value: number | null;
  comparator: '<=' | '<' | '>=' | '>';
  threshold: number;
  unit?: string;
  sign?: boolean;
  outcome: string;
  source: string | null;
  asOf: Day | null;
  stale?: boolean;
}): Reason {
  const unit = x.unit ?? '';
  const known = x.value !== null && !x.stale;
  const passed = known && cmp(x.value!, x.comparator, x.threshold);
  const v = x.value === null ? 'unknown' : `${fmt(x.value, { sign: x.sign })}${unit}`;
  const t = `${fmt(x.threshold, { sign: x.sign })}${unit}`;
  const staleNote = x.value !== null && x.stale ? ' (stale, not used)' : '';
  const text = known
    ? `${x.label} ${v} ${SYMBOL[x.comparator]} ${t} ${passed ? '→' : '✗'} ${x.outcome}`
    : `${x.label} ${v}${staleNote}: cannot test ${SYMBOL[x.comparator]} ${t} for ${x.outcome}`;
  return {
    rule: x.rule,
    signal: x.signal,
    value: x.value,
    comparator: x.comparator,
    threshold: x.threshold,
    passed,
    source: x.source,
    asOf: x.asOf,
    text,
  };
}
