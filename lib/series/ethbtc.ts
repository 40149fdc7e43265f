/*
 * ETH/BTC by SIGNALS.md §2's one rule, shared by the CLI (load-dir), the extension (the cache's series set)
 * and the evidence, so all three read the same value on the same day.
 */
import type { Day, DayRun, Derivation, Point, Series, SeriesSet } from './types';

/** How a derived ETH/BTC day is labelled (SIGNALS.md §2). */
export const ETHBTC_DERIVED_LABEL = 'derived from ETH and BTC closes';

/**
 * The pair's own close on every day it has one; on any other day on which both ETH and BTC closed,
 * ETH ÷ BTC of that same day, marked as derived. The two closes must come from one source: closes of
 * two venues are never divided by each other. Applying it again to its own result adds nothing.
 */
export function ethBtcSeries(
  pair: Series | undefined,
  eth: Series | undefined,
  btc: Series | undefined,
): Series | undefined {
  if (!eth || !btc || eth.source !== btc.source) return pair;
  const have = new Set(pair?.points.map((p) => p.date));
  const btcBy = new Map(btc.points.map((p) => [p.date, p.value]));
  const added: Point[] = [];
  for (const p of eth.points) {
    const b = have.has(p.date) ? undefined : btcBy.get(p.date);
    if (b) added.push({ date: p.date, value: p.value / b });
  }
  if (added.length === 0) return pair;

  const wasDerived = pair?.derived ? daysIn(pair.points, pair.derived.runs) : new Set<Day>();
  const derivedDays = new Set([...wasDerived, ...added.map((p) => p.date)]);
  const points = [...(pair?.points ?? []), ...added].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const observed = pair && pair.points.length > wasDerived.size ? (pair.derived?.observed ?? pair.source) : null;
  const derived: Derivation = {
    source: pair?.derived?.source ?? `${ETHBTC_DERIVED_LABEL} (${eth.source})`,
    observed,
    runs: runsOf(points, derivedDays),
  };
  return { points, source: derivationText(derived, derived.runs, observed !== null), derived };
}

/** The set with its ETH/BTC completed by `ethBtcSeries` from its own ETH and BTC closes. */
export function withDerivedEthBtc(set: SeriesSet): SeriesSet {
  const ethbtc = ethBtcSeries(set.ethbtc, set.coins?.ETH?.closes, set.coins?.BTC?.closes);
  return ethbtc && ethbtc !== set.ethbtc ? { ...set, ethbtc } : set;
}

/**
 * The derived runs of `series` clipped to [from, to], and whether any observed point lies there: what a
 * signal reading those days must name as its source.
 */
export function derivationWithin(series: Series, from: Day, to: Day): { runs: DayRun[]; observed: boolean } {
  const d = series.derived;
  if (!d) return { runs: [], observed: true };
  const runs = d.runs
    .filter((r) => r.to >= from && r.from <= to)
    .map((r) => ({ from: r.from < from ? from : r.from, to: r.to > to ? to : r.to }));
  const inWindow = series.points.filter((p) => p.date >= from && p.date <= to);
  return { runs, observed: inWindow.length > daysIn(inWindow, runs).size };
}

/**
 * A source that says which days were derived: "ethbtc.csv; derived from ETH and BTC closes
 * (coins/*.csv) on 2024-03-01..2026-03-18". `observed` says whether any observed day was read.
 */
export function derivationText(d: Derivation, runs: readonly DayRun[], observed: boolean): string {
  const own = observed ? (d.observed ?? d.source) : null;
  if (runs.length === 0) return own ?? d.source;
  const shown = runs.slice(0, 3).map((r) => (r.from === r.to ? r.from : `${r.from}..${r.to}`));
  const more = runs.length > 3 ? ` and ${runs.length - 3} more runs` : '';
  return `${own ? `${own}; ` : ''}${d.source} on ${shown.join(', ')}${more}`;
}

/** Runs of adjacent points whose day is in `days`. */
function runsOf(points: readonly Point[], days: ReadonlySet<Day>): DayRun[] {
  const runs: DayRun[] = [];
  let open: DayRun | null = null;
  for (const p of points) {
    if (!days.has(p.date)) {
      open = null;
      continue;
    }
    if (open) open.to = p.date;
    else runs.push((open = { from: p.date, to: p.date }));
  }
  return runs;
}

/** The days of `points` that lie in one of `runs`. */
function daysIn(points: readonly Point[], runs: readonly DayRun[]): Set<Day> {
  const out = new Set<Day>();
  let i = 0;
  for (const p of points) {
    while (i < runs.length && runs[i]!.to < p.date) i++;
    if (i < runs.length && runs[i]!.from <= p.date) out.add(p.date);
  }
  return out;
}
