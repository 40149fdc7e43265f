import { daysBetween } from '../series/dates';
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

/**
 * One parameter of a reason's sentence: a number (formatted for the locale), a day or month as is, a phrase, or
 * nothing.
 */
export type ReasonArg = number | string | null | Phrase;

/** What a rule says: it holds, it does not, or it cannot be told because an input is missing or too old. */
export type Outcome = 'pass' | 'fail' | 'unknown';

/** One rule evaluation (SIGNALS.md §4): what was compared, with what, and where the value came from. */
export interface Reason {
  /** Which rule, e.g. `stage.btc-season`, `flag.fear-washout`, `setup.russell`. */
  rule: string;
  signal: 'asi' | 'ethbtc' | 'dominance' | 'fearGreed' | 'russell' | 'stage' | 'hysteresis' | 'etfFlows';
  value: number | string | boolean | null;
  comparator: Comparator;
  threshold: number | string | readonly (number | string)[] | null;
  /** Tri-state (SIGNALS.md §4): null when an input is missing or stale, never false for "cannot tell". */
  passed: boolean | null;
  source: string | null;
  asOf: Day | null;
  /** The same in plain words, e.g. "ASI 22 ≤ 25 → Bitcoin season" (English; the CLI prints it). */
  text: string;
  /** The value was known but too old to use, so the rule was not tested. */
  stale?: boolean;
  /** The numbers of the sentence carry an explicit sign (30-day changes, distance to the ATH). */
  sign?: boolean;
  /** The rule set what is shown (the stage, a flag, the setup): views list these first. */
  decisive?: boolean;
  /**
   * The message family when it is not the rule's own: `num` for a numeric comparison (its args are
   * `[label, value, comparator, threshold, outcome, inverse comparator, age]`).
   */
  template?: 'num';
  /**
   * The sentence's parameters in the order of its message's placeholders: the message is
   * `reason_<template or rule>_<pass|fail|unknown|stale>`, else `reason_<rule>` (lib/i18n/reason-text.ts).
   * Absent from reasons stored by older versions: views then show `text`.
   */
  args?: ReasonArg[];
}

/** The outcome of a reason, from its tri-state `passed` and its stale mark. */
export function outcomeOf(r: Pick<Reason, 'passed'>): Outcome {
  return r.passed === null ? 'unknown' : r.passed ? 'pass' : 'fail';
}

/** The message variant of a reason: stale, unknown, pass or fail. */
export function variantOf(r: Pick<Reason, 'passed' | 'stale'>): 'stale' | Outcome {
  return r.stale ? 'stale' : outcomeOf(r);
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
/** What a failed comparison reads as: ASI 39 ≥ 75 failing is "ASI 39 < 75". */
const INVERSE: Record<'<=' | '<' | '>=' | '>', string> = { '<=': '>', '<': '≥', '>=': '<', '>': '≤' };

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

/** "1 day", "9 days": the age of a value, as a phrase the views translate. */
export function daysPhrase(n: number): { text: string; phrase: Phrase } {
  // A string, not a number: a sentence with signed numbers ("+0.4 pts") must not print "+658 days".
  return {
    text: `${n} ${n === 1 ? 'day' : 'days'}`,
    phrase: { code: n === 1 ? 'days.one' : 'days', args: [String(n)] },
  };
}

/** Where a rule's value came from: the signal's source, its data date and whether it is too old to use. */
export function provenance(sig: { source: string; asOf: Day; stale: boolean } | null | undefined): {
  source: string | null;
  asOf: Day | null;
  stale?: boolean;
} {
  return { source: sig?.source ?? null, asOf: sig?.asOf ?? null, stale: sig?.stale };
}

/** Units of numeric rules: the number's phrase in the views, its suffix in the engine's English. */
const UNITS = { '': ['', 'num'], '%': ['%', 'unit.pct'], pts: [' pts', 'unit.pts'] } as const;

/**
 * A numeric rule. Passing: "ASI 79 ≥ 75 → Altcoin season". Failing, worded as what it is: "not Altcoin
 * season: ASI 39 < 75". Unknown: "Altcoin season not tested: ASI unknown". Stale: "ETH & majors lead not
 * tested: ETH/BTC 30-day change not used, 680 days old".
 */
export function numericReason(x: {
  rule: string;
  signal: Reason['signal'];
  /** The value's name in English, and its phrase code (`label.<code>`) for the views. */
  label: string;
  labelCode: string;
  value: number | null;
  comparator: '<=' | '<' | '>=' | '>';
  threshold: number;
  unit?: keyof typeof UNITS;
  sign?: boolean;
  outcome: string;
  /** The outcome as a phrase code: `stage.<stage>` or `flag.<flag>`. */
  outcomeCode: string;
  source: string | null;
  asOf: Day | null;
  stale?: boolean;
  /** The evaluation day, for a stale value's age. */
  day: Day;
}): Reason {
  const [suffix, unitCode] = UNITS[x.unit ?? ''];
  const num = (n: number) => `${fmt(n, { sign: x.sign })}${suffix}`;
  // A stale series without this value (its 30-day change unknown) is simply unknown.
  const stale = x.value !== null && x.stale === true;
  const known = x.value !== null && !stale;
  const passed = known ? cmp(x.value!, x.comparator, x.threshold) : null;
  const age = stale && x.asOf ? daysPhrase(daysBetween(x.asOf, x.day)) : null;
  const t = num(x.threshold);
  const text = stale
    ? `${x.outcome} not tested: ${x.label} not used, ${age?.text ?? 'too'} old`
    : x.value === null
      ? `${x.outcome} not tested: ${x.label} unknown`
      : passed
        ? `${x.label} ${num(x.value)} ${SYMBOL[x.comparator]} ${t} → ${x.outcome}`
        : `not ${x.outcome}: ${x.label} ${num(x.value)} ${INVERSE[x.comparator]} ${t}`;
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
    ...(stale ? { stale: true } : {}),
    ...(x.sign ? { sign: true } : {}),
    template: 'num',
    args: [
      { code: `label.${x.labelCode}` },
      x.value === null ? null : { code: unitCode, args: [x.value] },
      SYMBOL[x.comparator],
      { code: unitCode, args: [x.threshold] },
      { code: x.outcomeCode },
      INVERSE[x.comparator],
      age?.phrase ?? null,
    ],
  };
}

/** Kleene logic over tri-state rules: any "no" makes an AND "no", any "yes" makes an OR "yes". */
export function all(xs: readonly (boolean | null)[]): boolean | null {
  return xs.includes(false) ? false : xs.every((x) => x === true) ? true : null;
}
export function any(xs: readonly (boolean | null)[]): boolean | null {
  return xs.includes(true) ? true : xs.every((x) => x === false) ? false : null;
}
