/*
 * The thesis clock (SIGNALS.md §3 spill-over window): where the market is in the 90..180 days after the latest
 * Russell breakout, and, once the window has closed, its verdict from the data: the highest ASI in it and its
 * date, whether altseason came, and ETH/BTC and TOTAL3 against BTC over the window. While it is open the same
 * figures are given so far. Descriptive: it reports what happened, never what will.
 */
import { addDays, daysBetween } from '../series/dates';
import { pointWithin } from '../series/lookup';
import type { CoinSeries, Day, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { asiSignal } from '../signals/asi';
import type { SpilloverWindow } from '../signals/russell';
import { pctChange } from '../signals/signal';

export interface ThesisFigures {
  /** The days looked at: the window's first day to its last, or to today while it is open. */
  from: Day;
  to: Day;
  /** Highest ASI on a day of the range, and that day; null without any known ASI in it. */
  peakAsi: number | null;
  peakDate: Day | null;
  /** Days of the range with a known ASI. */
  asiDays: number;
  days: number;
  /** Whether the ASI reached the altseason threshold on a day of the range (null: no ASI known in it). */
  altseason: boolean | null;
  altseasonMin: number;
  /** ETH/BTC over the range, %. */
  ethbtcPct: number | null;
  /** TOTAL3 priced in BTC over the range, %: above 0, alts' market cap grew faster than Bitcoin. */
  total3VsBtcPct: number | null;
}

export interface Thesis {
  window: SpilloverWindow;
  /** The window so far (open), its verdict (closed), or null before it opens. */
  figures: ThesisFigures | null;
  /** The clock in plain English (the CLI prints it; views build theirs from the fields). */
  text: string;
}

/** ASI per coin set and ASI settings, per day: the verdict asks for the same days on every evaluation. */
const asiMemo = new WeakMap<object, WeakMap<object, Map<Day, number | null>>>();

function asiOn(coins: Record<string, CoinSeries>, s: Settings, d: Day): number | null {
  let bySettings = asiMemo.get(coins);
  if (!bySettings) asiMemo.set(coins, (bySettings = new WeakMap()));
  let byDay = bySettings.get(s.asi);
  if (!byDay) bySettings.set(s.asi, (byDay = new Map()));
  if (!byDay.has(d)) {
    const r = asiSignal(coins, d, d, s.asi, s.staleness.cryptoMaxAgeDays);
    // Only a day with its own BTC close has an ASI of its own (weekends of a Russell calendar still do).
    byDay.set(d, r.value !== null && r.asOf === d ? r.value : null);
  }
  return byDay.get(d)!;
}

/** The figures of the days from..to (inclusive). */
export function thesisFigures(set: SeriesSet, s: Settings, from: Day, to: Day): ThesisFigures {
  let peakAsi: number | null = null;
  let peakDate: Day | null = null;
  let asiDays = 0;
  if (set.coins) {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const v = asiOn(set.coins, s, d);
      if (v === null) continue;
      asiDays++;
      if (peakAsi === null || v > peakAsi) [peakAsi, peakDate] = [v, d];
    }
  }
  const tol = s.asi.toleranceDays;
  const change = (pts: readonly { date: Day; value: number }[] | undefined) => {
    const a = pts && pointWithin(pts, from, tol);
    const b = pts && pointWithin(pts, to, tol);
    return a && b && a.date < b.date ? pctChange(a.value, b.value) : null;
  };
  const t3 = change(set.total3?.points);
  const btc = change(set.coins?.BTC?.closes.points);
  return {
    from,
    to,
    peakAsi,
    peakDate,
    asiDays,
    days: daysBetween(from, to) + 1,
    altseason: peakAsi === null ? null : peakAsi >= s.stage.altseasonMin,
    altseasonMin: s.stage.altseasonMin,
    ethbtcPct: change(set.ethbtc?.points),
    total3VsBtcPct: t3 === null || btc === null ? null : pctChange(1 + btc / 100, 1 + t3 / 100),
  };
}

const pct = (x: number | null) => (x === null ? 'unknown' : `${x > 0 ? '+' : ''}${x.toFixed(1)}%`);

/** How long after its window closed a breakout's verdict is still shown: a year (older ones are history). */
export const VERDICT_SHOWN_DAYS = 365;

/** The thesis clock as of `day`, or null without a breakout (or when its verdict is over a year old). */
export function thesisClock(set: SeriesSet, s: Settings, w: SpilloverWindow | null, day: Day): Thesis | null {
  if (!w || (w.status === 'closed' && daysBetween(w.closes, day) > VERDICT_SHOWN_DAYS)) return null;
  if (w.status === 'before') {
    const n = w.from - w.day;
    return {
      window: w,
      figures: null,
      text:
        `Russell breakout of ${w.breakout} (day ${w.day}): the spill-over window opens in ${n} ` +
        `${n === 1 ? 'day' : 'days'}`,
    };
  }
  const f = thesisFigures(set, s, w.opens, w.status === 'open' ? day : w.closes);
  const peak = f.peakAsi === null ? 'ASI unknown' : `highest ASI ${f.peakAsi} on ${f.peakDate}`;
  const season =
    f.altseason === null
      ? 'altseason unknown'
      : f.altseason
        ? 'altseason came'
        : `no altseason (ASI never ≥ ${f.altseasonMin})`;
  const rest = `ETH/BTC ${pct(f.ethbtcPct)}, TOTAL3 vs BTC ${pct(f.total3VsBtcPct)}`;
  const text =
    w.status === 'open'
      ? `Day ${w.day} of the ${w.from}–${w.to}-day spill-over window after the ${w.breakout} ` +
        `breakout; so far ${peak}, ${season}; ${rest}`
      : `The spill-over window after the ${w.breakout} breakout closed on ${w.closes}: ${peak}, ${season}; ${rest}`;
  return { window: w, figures: f, text };
}
