import { addDays, daysBetween, monthEnd } from '../series/dates';
import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import { monthEndValues, monthlyMacd } from '../signals/dominance';
import { blockBootstrap, mean, type BootstrapInterval } from './block-bootstrap';
import { dominanceFall, type ClaimOutcome, type SourcedSeries } from './claims';
import { permutationTest, type PermutationResult } from './permutation';
import { stats } from './stats';
import type { Stats } from './types';

/** Months after a cross at which dominance is read (the claim's "within a few months"). */
export const MACD_MONTHS = [3, 6] as const;
export type MacdMonths = (typeof MACD_MONTHS)[number];
/** The claim: a fall of 10 points or more within 6 months of a bearish cross. */
export const MACD_FALL_POINTS = 10;

export interface MonthOutcome {
  month: string;
  /** Month-end dominance and its change in points `k` months later (null: that month is past the data). */
  value: number;
  change: Record<MacdMonths, number | null>;
  /** Fell ≥ 10 points within 6 months (any point of the series, not only month ends). */
  fall: ClaimOutcome;
}

export interface MacdCrossRow extends MonthOutcome {
  type: 'bullish' | 'bearish';
  macd: number;
  signal: number;
}

export interface DominanceMacdResult {
  source: string;
  rule: { fast: number; slow: number; signal: number; firstMonth: string | null; lastMonth: string | null };
  /** Every cross the badge would have shown, month by month (the engine's own monthlyMacd). */
  crosses: MacdCrossRow[];
  bearish: {
    n: number;
    change: Record<MacdMonths, { events: Stats; base: Stats }>;
    fall: { known: number; held: number; base: { n: number; held: number; interval: BootstrapInterval | null } };
    permutation: PermutationResult | null;
  };
}

/**
 * Every monthly MACD cross of BTC dominance (12/26/9 on month-end values, lib/signals/dominance.ts:
 * month ends, the unbroken run of months and the cross rule are the badge's) and what dominance did
 * 3 and 6 months later, beside every month (the base rate), with a placebo test on the 10-point fall.
 */
export function dominanceMacd(
  dom: SourcedSeries,
  asOf: Day,
  s: Settings['dominance'],
  o: { permutations: number; resamples: number; seed: number },
): DominanceMacdResult {
  const months = monthEndValues(dom.points, asOf, s.toleranceDays);
  const outcome = (i: number): MonthOutcome => {
    const m = months[i]!;
    const end = monthEnd(`${m.month}-01`);
    const change = {} as Record<MacdMonths, number | null>;
    for (const k of MACD_MONTHS) change[k] = months[i + k] ? months[i + k]!.value - m.value : null;
    const sixOn = monthEnd(addDays(`${m.month}-01`, 31 * 6));
    return {
      month: m.month,
      value: m.value,
      change,
      fall: dominanceFall([dom], end, daysBetween(end, sixOn), MACD_FALL_POINTS),
    };
  };
  const base = months.map((_, i) => outcome(i));
  const crosses: MacdCrossRow[] = [];
  let firstMonth: string | null = null;
  for (let i = 0; i < months.length; i++) {
    const m = monthlyMacd(dom.points, monthEnd(`${months[i]!.month}-01`), s);
    if (!m) continue;
    firstMonth ??= m.month;
    if (m.lastCross?.month === m.month)
      crosses.push({ ...base[i]!, type: m.lastCross.type, macd: m.macd, signal: m.signal });
  }
  const bearish = crosses.filter((c) => c.type === 'bearish');
  const change = {} as DominanceMacdResult['bearish']['change'];
  for (const k of MACD_MONTHS) {
    const vals = (rows: MonthOutcome[]) => rows.flatMap((r) => (r.change[k] === null ? [] : [r.change[k]!]));
    change[k] = { events: stats(vals(bearish)), base: stats(vals(base)) };
  }
  const held = (rows: MonthOutcome[]) => rows.flatMap((r) => (r.fall.status === 'known' ? [r.fall.held ? 1 : 0] : []));
  const basePool = held(base);
  return {
    source: dom.source,
    rule: {
      fast: s.macdFast,
      slow: s.macdSlow,
      signal: s.macdSignal,
      firstMonth,
      lastMonth: months.at(-1)?.month ?? null,
    },
    crosses,
    bearish: {
      n: bearish.length,
      change,
      fall: {
        known: held(bearish).length,
        held: held(bearish).filter(Boolean).length,
        base: {
          n: basePool.length,
          held: basePool.filter(Boolean).length,
          // Blocks of 6 months: month-end outcomes closer than that share part of their window.
          interval: blockBootstrap(basePool, 6, mean, { resamples: o.resamples, seed: o.seed }),
        },
      },
      permutation: permutationTest(held(bearish), basePool, 'greater', o.permutations, o.seed),
    },
  };
}
