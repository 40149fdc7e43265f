import { addDays } from '../series/dates';
import type { Day, Series } from '../series/types';
import { blockBootstrap, mean, type BootstrapInterval } from './block-bootstrap';
import { asiReached, dominanceFall, total3Rise, type ClaimOutcome, type SourcedSeries } from './claims';
import { findEvents } from './events';
import { permutationTest, type PermutationResult } from './permutation';
import { stats } from './stats';
import type { RussellEvent, Stats } from './types';

/*
 * The thesis as traders state it (issue #19), tested after every Russell breakout where data reaches:
 * - altcoin season (ASI ≥ 75) within 90–180 days;
 * - BTC dominance down 10 points or more within 6 months;
 * - altcoin market caps (TOTAL3) up 200–400 % in the 3–6 months after.
 * Each beside the same claim on every day with data (the base rate), with placebo triggers (a
 * permutation test), block-bootstrap intervals, and its sensitivity to the base length and window.
 */

export type ClaimFamily = 'asi' | 'dominance' | 'total3';

/** A claim: its family, the window in days after the trigger ([lo, hi]) and the threshold. */
export interface ClaimSpec {
  id: string;
  family: ClaimFamily;
  lo: number;
  hi: number;
  /** ASI level; dominance fall in points; TOTAL3 rise as a fraction (2 = +200 %). */
  threshold: number;
}

/** The claims as stated. TOTAL3's "200–400 %": its lower end is what "held" means. */
export const STATED: readonly ClaimSpec[] = [
  { id: 'asi', family: 'asi', lo: 90, hi: 180, threshold: 75 },
  { id: 'dominance', family: 'dominance', lo: 1, hi: 180, threshold: 10 },
  { id: 'total3-90', family: 'total3', lo: 90, hi: 90, threshold: 2 },
  { id: 'total3-180', family: 'total3', lo: 180, hi: 180, threshold: 2 },
];

/** The same claim within a window of `w` days after the trigger (the sensitivity to the window). */
export function withinWindow(family: ClaimFamily, w: number): ClaimSpec {
  const threshold = STATED.find((c) => c.family === family)!.threshold;
  return { id: `${family}-${w}`, family, lo: family === 'total3' ? w : 1, hi: w, threshold };
}

export interface ThesisInput {
  russell: Series;
  /** In any order; a window uses the series covering its start that starts latest (ours after blockchaincenter's). */
  asi: SourcedSeries[];
  dominance: SourcedSeries[];
  total3: SourcedSeries[];
  /** Other markets' closes whose record highs are tested the same way, never pooled with the Russell. */
  others: { name: string; series: Series }[];
}

export interface ThesisOptions {
  baseDays: number;
  /** Base lengths and windows of the sensitivity table. */
  bases: readonly number[];
  windows: readonly number[];
  permutations: number;
  resamples: number;
  seed: number;
}

export const THESIS_DEFAULTS: ThesisOptions = {
  baseDays: 250,
  bases: [150, 250, 350],
  windows: [90, 180],
  permutations: 10_000,
  resamples: 2_000,
  seed: 20_251_918,
};

/** One day's outcome in a pool (the base rate's days). */
interface PoolDay {
  day: Day;
  held: boolean;
  value: number;
  source: string;
}

export interface BaseRate {
  /** Days with a known outcome, and on how many of them the claim held. */
  n: number;
  held: number;
  share: number | null;
  /** 95 % circular block bootstrap interval of `share`, blocks as long as the window. */
  interval: BootstrapInterval | null;
  /** Distribution of the measured value on those days. */
  value: Stats;
  first: Day | null;
  last: Day | null;
  bySource: { source: string; n: number; held: number; first: Day; last: Day }[];
  /** How many windows of `hi` days the n days span: at most this many independent observations. */
  windows: number;
}

export interface ClaimTest {
  spec: ClaimSpec;
  events: { date: Day; outcome: ClaimOutcome }[];
  known: number;
  held: number;
  pending: number;
  unknown: number;
  base: BaseRate;
  permutation: PermutationResult | null;
}

export interface SensitivityRow {
  baseDays: number;
  window: number;
  breakouts: Day[];
  claims: { family: ClaimFamily; known: number; held: number; base: number | null; baseN: number; p: number | null }[];
}

export interface ThesisResult {
  russell: { source: string; first: Day; last: Day; closes: number };
  options: ThesisOptions;
  breakouts: RussellEvent[];
  claims: ClaimTest[];
  sensitivity: SensitivityRow[];
  others: {
    name: string;
    source: string;
    first: Day | null;
    last: Day | null;
    breakouts: RussellEvent[];
    events: { spec: ClaimSpec; outcomes: { date: Day; outcome: ClaimOutcome }[] }[];
  }[];
  /** The series each family used, with its range. */
  series: Record<ClaimFamily, { source: string; first: Day; last: Day }[]>;
}

export function measure(inp: ThesisInput, spec: ClaimSpec, day: Day): ClaimOutcome {
  switch (spec.family) {
    case 'asi':
      return asiReached(inp.asi, day, spec.lo, spec.hi, spec.threshold);
    case 'dominance':
      return dominanceFall(inp.dominance, day, spec.hi, spec.threshold);
    case 'total3':
      return total3Rise(inp.total3, day, spec.hi, spec.threshold);
  }
}

const familySeries = (inp: ThesisInput, f: ClaimFamily) =>
  f === 'asi' ? inp.asi : f === 'dominance' ? inp.dominance : inp.total3;

/** The claim on every calendar day whose window the data holds ("every day with data"). */
export function pool(inp: ThesisInput, spec: ClaimSpec): PoolDay[] {
  const list = familySeries(inp, spec.family).filter((s) => s.points.length);
  if (list.length === 0) return [];
  const from = addDays(list.map((s) => s.points[0]!.date).sort()[0]!, -spec.lo);
  const to = list.map((s) => s.points[s.points.length - 1]!.date).sort()[list.length - 1]!;
  const out: PoolDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const o = measure(inp, spec, d);
    if (o.status === 'known') out.push({ day: d, held: o.held, value: o.value, source: o.source });
  }
  return out;
}

function baseRate(days: PoolDay[], spec: ClaimSpec, o: ThesisOptions): BaseRate {
  const flags = days.map((d) => (d.held ? 1 : 0));
  const held = flags.reduce<number>((s, v) => s + v, 0);
  const bySource = new Map<string, BaseRate['bySource'][number]>();
  for (const d of days) {
    const b = bySource.get(d.source);
    if (b) {
      b.n++;
      b.held += d.held ? 1 : 0;
      b.last = d.day;
    } else bySource.set(d.source, { source: d.source, n: 1, held: d.held ? 1 : 0, first: d.day, last: d.day });
  }
  return {
    n: days.length,
    held,
    share: days.length ? held / days.length : null,
    // Two days less than a window apart share part of it; days a window apart share nothing.
    interval: blockBootstrap(flags, spec.hi, mean, { resamples: o.resamples, seed: o.seed }),
    value: stats(days.map((d) => d.value)),
    first: days[0]?.day ?? null,
    last: days[days.length - 1]?.day ?? null,
    bySource: [...bySource.values()],
    windows: Math.floor(days.length / spec.hi),
  };
}

function claimTest(
  inp: ThesisInput,
  spec: ClaimSpec,
  dates: readonly Day[],
  days: PoolDay[],
  base: BaseRate,
  o: ThesisOptions,
): ClaimTest {
  const events = dates.map((date) => ({ date, outcome: measure(inp, spec, date) }));
  const known = events.flatMap((e) => (e.outcome.status === 'known' ? [e.outcome.held ? 1 : 0] : []));
  const count = (s: ClaimOutcome['status']) => events.filter((e) => e.outcome.status === s).length;
  return {
    spec,
    events,
    known: known.length,
    held: known.filter(Boolean).length,
    pending: count('pending'),
    unknown: count('unknown'),
    base,
    permutation: permutationTest(
      known,
      days.map((d) => (d.held ? 1 : 0)),
      'greater',
      o.permutations,
      o.seed,
    ),
  };
}

const breakoutsOf = (series: Series, baseDays: number) => {
  const last = series.points[series.points.length - 1]?.date ?? '0000-01-01';
  return findEvents(series.points, baseDays, last).events.filter((e) => e.kind === 'breakout');
};

const range = (list: SourcedSeries[]) =>
  list
    .filter((s) => s.points.length)
    .map((s) => ({ source: s.source, first: s.points[0]!.date, last: s.points[s.points.length - 1]!.date }));

/** The thesis tested as stated, with its controls. Pure: the data and the options come in. */
export function computeThesis(inp: ThesisInput, o: ThesisOptions = THESIS_DEFAULTS): ThesisResult {
  const rut = inp.russell.points;
  const breakouts = breakoutsOf(inp.russell, o.baseDays);
  const pools = new Map<string, { days: PoolDay[]; base: BaseRate }>();
  const pooled = (spec: ClaimSpec) => {
    const key = `${spec.family}:${spec.lo}:${spec.hi}`;
    let p = pools.get(key);
    if (!p) {
      const days = pool(inp, spec);
      pools.set(key, (p = { days, base: baseRate(days, spec, o) }));
    }
    return p;
  };
  const test = (spec: ClaimSpec, dates: Day[]) => {
    const p = pooled(spec);
    return claimTest(inp, spec, dates, p.days, p.base, o);
  };
  const dates = breakouts.map((e) => e.date);
  const sensitivity: SensitivityRow[] = [];
  for (const baseDays of o.bases) {
    const found = breakoutsOf(inp.russell, baseDays).map((e) => e.date);
    for (const window of o.windows) {
      const claims = (['asi', 'dominance', 'total3'] as ClaimFamily[]).map((family) => {
        const t = test(withinWindow(family, window), found);
        return {
          family,
          known: t.known,
          held: t.held,
          base: t.base.share,
          baseN: t.base.n,
          p: t.permutation?.p ?? null,
        };
      });
      sensitivity.push({ baseDays, window, breakouts: found, claims });
    }
  }
  return {
    russell: {
      source: inp.russell.source,
      first: rut[0]?.date ?? '',
      last: rut[rut.length - 1]?.date ?? '',
      closes: rut.length,
    },
    options: o,
    breakouts,
    claims: STATED.map((spec) => test(spec, dates)),
    sensitivity,
    others: inp.others.map(({ name, series }) => {
      const found = breakoutsOf(series, o.baseDays);
      return {
        name,
        source: series.source,
        first: series.points[0]?.date ?? null,
        last: series.points[series.points.length - 1]?.date ?? null,
        breakouts: found,
        events: STATED.map((spec) => ({
          spec,
          outcomes: found.map((e) => ({ date: e.date, outcome: measure(inp, spec, e.date) })),
        })),
      };
    }),
    series: { asi: range(inp.asi), dominance: range(inp.dominance), total3: range(inp.total3) },
  };
}
