import type { Day } from '../series/types';

/** `any-of`: the rule passes when any of the conditions listed as its threshold holds. */
export type Comparator = '<=' | '<' | '>=' | '>' | 'in' | 'is' | 'known' | 'any-of';

/**
 * A translated part of a reason's sentence: a word (a stage, a Russell state, a trend: `{ code:
 * 'stage.altseason' }`) or a clause with its own parameters (`{ code: 'ath', args: [-1.2] }`). Its
 * message is `reason_p_<code>` (dots and dashes as underscores) in lib/i18n/messages/reasons.json.
 */
export interface Phrase {
  code: string;
  args?: ReasonArg[];
}

/** One parameter of a reason's sentence: a number (formatted for the locale), a day or month as is, a phrase, or nothing. */
export type ReasonArg = number | string | null | Phrase;

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
  /** The same in plain words, e.g. "ASI 22 ≤ 25 → Bitcoin season" (English; the CLI prints it). */
  text: string;
  /** The value was known but too old to use, so the rule was not tested. */
  stale?: boolean;
  /** The numbers of the sentence carry an explicit sign (30-day changes, distance to the ATH). */
  sign?: boolean;
  /**
   * The sentence's parameters in the order of its message's placeholders: the message is
   * `reason_<rule>_<stale|unknown|pass|fail>`, else `reason_<rule>` (lib/i18n/reason-text.ts). A
   * numeric rule has `[value, threshold, outcome]`. Absent from reasons stored by older versions:
   * views then show `text`.
   */
  args?: ReasonArg[];
}

const SYMBOL: Record<Comparator, string> = {
  '<=': '≤',
  '<': '<',
  '>=': '≥',
  '>': '>',
  in: 'in',
  is: 'is',
  known: 'is',
  'any-of': 'any of',
};

export function cmp(value: number, c: '<=' | '<' | '>=' | '>', t: number): boolean {
  switch (c) {
    case '<=':
      return value <= t;
    case '<':
      return value < t;
    case '>=':
      return value >= t;
    case '>':
      return value > t;
  }
}

/** Numbers as a trader reads them: at most two decimals, no trailing zeros, explicit sign when asked. */
export function fmt(n: number, opts: { sign?: boolean; digits?: number } = {}): string {
  const s = Number(n.toFixed(opts.digits ?? 2)).toString();
  return opts.sign && n > 0 ? `+${s}` : s;
}

/** Where a rule's value came from: the signal's source, its data date and whether it is too old to use. */
export function provenance(sig: { source: string; asOf: Day; stale: boolean } | null | undefined): {
  source: string | null;
  asOf: Day | null;
  stale?: boolean;
} {
  return { source: sig?.source ?? null, asOf: sig?.asOf ?? null, stale: sig?.stale };
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
  /** The outcome as a phrase code: `stage.<stage>` or `flag.<flag>`. */
  outcomeCode: string;
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
    ...(x.value !== null && x.stale ? { stale: true } : {}),
    ...(x.sign ? { sign: true } : {}),
    args: [x.value, x.threshold, { code: x.outcomeCode }],
  };
}
