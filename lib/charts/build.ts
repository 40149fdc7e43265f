/*
 * Charts: the popup's chart series (ASI, dominance with its MACD, ETH/BTC, TOTAL3, Russell) from the series.
 * Flow: provider → cache → engine → snapshot → storage → views; built from the cached series in the popup
 * (./from-cache.ts), so the stored snapshot stays small.
 */
import { monthEndValues } from '../signals/dominance';
import { macdSeries } from '../indicators/macd';
import { addDays, monthEnd } from '../series/dates';
import type { Day, Series, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import type { UniverseBasis } from '../signals/asi';
import { asiHistory } from '../signals/asi-history';
import { sessionsEndingAt } from '../signals/etf-flows';
import { russellSignal } from '../signals/russell';
import { isUsSession } from '../series/us-market';
import type { CompactSeries } from '../snapshot/types';

/** How far back each chart looks (calendar days). */
export const CHART_DAYS = { rut: 730, asi: 365, dominance: 730, ethbtc: 365, fearGreed: 365, total3: 365 } as const;
/** Months of the dominance MACD shown. */
export const MACD_MONTHS = 36;

export interface LineChart {
  points: CompactSeries;
  source: string;
}

export interface MacdBar {
  /** Last day of the month the value closes. */
  time: Day;
  macd: number;
  signal: number;
  histogram: number;
}

/**
 * Compact series for every popup chart. A member is null when its series is absent (unknown, shown as
 * "no data", never as 0); `points` may be empty when the series has nothing in the window.
 */
export interface ChartData {
  today: Day;
  rut: (LineChart & { referenceHigh: number; breakouts: Day[] }) | null;
  asi: (LineChart & { lower: number; upper: number; universe: UniverseBasis | null }) | null;
  dominance: (LineChart & { zones: readonly number[]; macd: MacdBar[] }) | null;
  ethbtc: LineChart | null;
  fearGreed: (LineChart & { lower: number; upper: number }) | null;
  /** The last 90 US sessions of spot ETF net flows, US$ millions; null without either series. */
  etfFlows: { btc: CompactSeries; eth: CompactSeries; source: string } | null;
  /** TOTAL3 and BTC, each rebased to 100 on the first day both have a close in the window. */
  total3: (LineChart & { btc: CompactSeries; btcSource: string }) | null;
}

/** Sessions the flows histogram shows. */
export const ETF_CHART_SESSIONS = 90;

/**
 * The rows of the last `n` sessions on or before `today` (from the newest row of either asset): holiday rows
 * (0.0 in the tables) are left out, a session without a row is a gap in the bars, never a 0 bar.
 */
export function etfFlowsChart(btc: Series | undefined, eth: Series | undefined, today: Day, n = ETF_CHART_SESSIONS) {
  if (!btc && !eth) return null;
  const rows = (s: Series | undefined) =>
    (s?.points ?? [])
      .filter((p) => p.date <= today && isUsSession(p.date))
      .map((p): [Day, number] => [p.date, p.value]);
  const b = rows(btc);
  const e = rows(eth);
  const newest = [b.at(-1)?.[0], e.at(-1)?.[0]]
    .filter((d): d is Day => !!d)
    .sort()
    .at(-1);
  const from = newest ? sessionsEndingAt(newest, n, '1900-01-01')[0]! : today;
  const keep = (x: [Day, number][]) => x.filter(([d]) => d >= from);
  const source = [btc?.source, eth?.source].filter((x): x is string => !!x);
  return { btc: keep(b), eth: keep(e), source: [...new Set(source)].join(' · ') };
}

/** Points of a series in (today − days, today], as [day, value] pairs. */
function tail(s: Series, today: Day, days: number): CompactSeries {
  const from = addDays(today, -days);
  const out: CompactSeries = [];
  for (const p of s.points) if (p.date > from && p.date <= today) out.push([p.date, p.value]);
  return out;
}

/**
 * Builds the popup's chart data from the cached series as of `today` (pure; time comes in). The ASI
 * history is the same rule for every past day (SIGNALS.md §3), unknown days skipped, never zeroed.
 */
export function buildChartData(set: SeriesSet, s: Settings, today: Day): ChartData {
  return {
    today,
    rut: set.rut ? rutChart(set.rut, s, today) : null,
    asi: set.coins ? asiChart(set.coins, s, today) : null,
    dominance: set.btcDominance ? dominanceChart(set.btcDominance, s, today) : null,
    ethbtc: set.ethbtc ? { points: tail(set.ethbtc, today, CHART_DAYS.ethbtc), source: set.ethbtc.source } : null,
    fearGreed: set.fearGreed
      ? {
          points: tail(set.fearGreed, today, CHART_DAYS.fearGreed),
          source: set.fearGreed.source,
          lower: s.fearGreed.extremeFear,
          upper: s.fearGreed.greed,
        }
      : null,
    etfFlows: etfFlowsChart(set.etfFlowsBtc, set.etfFlowsEth, today),
    total3: set.total3 && set.coins?.BTC ? total3Chart(set.total3, set.coins.BTC.closes, today) : null,
  };
}

/** TOTAL3 against BTC over the same days (days either lacks are left out), both rebased to 100 at the start. */
export function total3Chart(total3: Series, btc: Series, today: Day): NonNullable<ChartData['total3']> {
  const b = new Map(tail(btc, today, CHART_DAYS.total3));
  const both = tail(total3, today, CHART_DAYS.total3).filter(([d, v]) => b.has(d) && v > 0 && b.get(d)! > 0);
  const t0 = both[0]?.[1];
  const b0 = both[0] ? b.get(both[0][0])! : undefined;
  return {
    points: both.map(([d, v]) => [d, (v / t0!) * 100]),
    btc: both.map(([d]) => [d, (b.get(d)! / b0!) * 100]),
    source: total3.source,
    btcSource: btc.source,
  };
}

function rutChart(rut: Series, s: Settings, today: Day): NonNullable<ChartData['rut']> {
  const points = tail(rut, today, CHART_DAYS.rut);
  const sig = russellSignal(rut, today, today, s.russell, s.staleness.russellMaxAgeDays);
  const first = points[0]?.[0];
  const breakouts = first === undefined ? [] : (sig?.breakouts ?? []).filter((d) => d >= first);
  return { points, source: rut.source, referenceHigh: s.russell.referenceHigh, breakouts };
}

function asiChart(coins: NonNullable<SeriesSet['coins']>, s: Settings, today: Day): NonNullable<ChartData['asi']> {
  const days = asiHistory(coins, s, addDays(today, -CHART_DAYS.asi), today);
  const last = days[days.length - 1];
  return {
    points: days.map((p) => [p.date, p.value]),
    source: last?.source ?? coins.BTC?.closes.source ?? '',
    lower: s.stage.btcSeasonMax,
    upper: s.stage.altseasonMin,
    universe: last?.universe ?? null,
  };
}

function dominanceChart(dom: Series, s: Settings, today: Day): NonNullable<ChartData['dominance']> {
  const d = s.dominance;
  const months = monthEndValues(dom.points, today, d.toleranceDays);
  const series = macdSeries(
    months.map((m) => m.value),
    d.macdFast,
    d.macdSlow,
    d.macdSignal,
  );
  const macd: MacdBar[] = [];
  for (let i = Math.max(0, months.length - MACD_MONTHS); i < months.length; i++) {
    const p = series[i];
    if (p) macd.push({ time: monthEnd(`${months[i]!.month}-01`), ...p });
  }
  return { points: tail(dom, today, CHART_DAYS.dominance), source: dom.source, zones: [...d.zones], macd };
}
