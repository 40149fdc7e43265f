/*
 * Evidence: what followed every past Russell 2000 breakout, beside the base rate of every day.
 * Flow: provider → cache → engine → snapshot → storage → views; it reads the cached (or shipped) series
 * beside the engine, never changes the stage, and feeds the popup's evidence tab and `regime evidence`.
 */
import type { Day, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { asiPath } from './asi-path';
import { flowsEvidence } from './etf-flows';
import { findEvents } from './events';
import { outcome, outcomeInputs, type OutcomeInputs } from './outcomes';
import { stats } from './stats';
import {
  ALTS_FAVOURED,
  HORIZONS,
  METRICS,
  type EventKind,
  type EvidenceEvent,
  type EvidenceResult,
  type Horizon,
  type MetricId,
  type MetricSummary,
  type Outcome,
} from './types';

type Grid<T> = Record<MetricId, Record<Horizon, T>>;

function grid<T>(make: (m: MetricId, h: Horizon) => T): Grid<T> {
  const out = {} as Grid<T>;
  for (const m of METRICS) {
    out[m] = {} as Record<Horizon, T>;
    for (const h of HORIZONS) out[m][h] = make(m, h);
  }
  return out;
}

/**
 * What followed past Russell 2000 breakouts and weekly confirmations (issue 7), beside the same
 * measures over every Russell trading day (the base rate). Pure: data and `today` (which decides
 * whether the last week is complete) come in. Null without Russell closes: there is nothing to test.
 */
export function computeEvidence(set: SeriesSet, settings: Settings, today: Day): EvidenceResult | null {
  const rut = set.rut;
  if (!rut || rut.points.length === 0) return null;
  const tol = settings.asi.toleranceDays;
  const x = outcomeInputs(set, settings, tol);
  const found = findEvents(rut.points, settings.russell.breakoutBaseDays, today);
  const events: EvidenceEvent[] = found.events.map((e) => ({
    ...e,
    outcomes: grid((m, h) => outcome(x, m, e.date, h)),
    asiPath: asiPath(x.asi, e.date, HORIZONS, tol),
  }));
  const base = baseValues(
    x,
    rut.points.map((p) => p.date),
  );
  const summary = {} as EvidenceResult['summary'];
  for (const kind of ['breakout', 'weekly'] as EventKind[]) {
    const mine = events.filter((e) => e.kind === kind);
    summary[kind] = grid((m, h) =>
      summarize(
        m,
        mine.map((e) => e.outcomes[m][h]),
        base[m][h],
      ),
    );
  }
  const first = rut.points[0]!.date;
  const last = rut.points[rut.points.length - 1]!.date;
  return {
    russell: {
      source: rut.source,
      first,
      last,
      closes: rut.points.length,
      points: rut.points.map((p) => [p.date, p.value]),
    },
    rule: { baseDays: settings.russell.breakoutBaseDays, horizons: HORIZONS, toleranceDays: tol },
    dataEnd: dataEnd(x),
    events,
    unconfirmed: found.unconfirmed,
    summary,
    sources: sources(x),
    etfFlows: flowsEvidence(set, found.events, settings.etfFlows),
  };
}

/** Known outcomes of every Russell trading day: the base rate (windows overlap; see docs/EVIDENCE.md). */
function baseValues(x: OutcomeInputs, days: readonly Day[]): Grid<number[]> {
  const out = grid<number[]>(() => []);
  for (const day of days) {
    for (const m of METRICS) {
      for (const h of HORIZONS) {
        const o = outcome(x, m, day, h);
        if (o.status === 'known') out[m][h].push(o.value);
      }
    }
  }
  return out;
}

function summarize(m: MetricId, outs: Outcome[], base: number[]): MetricSummary {
  const known = outs.flatMap((o) => (o.status === 'known' ? [o.value] : []));
  const hits = known.filter((v) => (ALTS_FAVOURED[m] === 'up' ? v > 0 : v < 0)).length;
  return {
    events: {
      ...stats(known),
      hits,
      misses: known.length - hits,
      pending: outs.filter((o) => o.status === 'pending').length,
      unknown: outs.filter((o) => o.status === 'unknown').length,
    },
    base: stats(base),
  };
}

function dataEnd(x: OutcomeInputs): Day | null {
  const s = x.set;
  const ends = [...x.ethbtc, s.coins?.BTC?.closes, s.btcDominance, s.total3].flatMap((v) => {
    const p = v?.points[v.points.length - 1];
    return p ? [p.date] : [];
  });
  return ends.length ? ends.sort()[ends.length - 1]! : null;
}

function sources(x: OutcomeInputs): Record<MetricId, string[]> {
  const s = x.set;
  const coins = s.coins?.BTC ? [s.coins.BTC.closes.source] : [];
  return {
    ethbtc: x.ethbtc.map((v) => v.source),
    basketEqual: coins,
    basketCap: [
      ...new Set(
        Object.values(s.coins ?? {}).flatMap((c) => (c.marketCaps?.points.length ? [c.marketCaps.source] : [])),
      ),
    ],
    dominance: s.btcDominance ? [s.btcDominance.source] : [],
    total3: s.total3 ? [s.total3.source] : [],
    asi: x.asi.first ? [x.asi.source] : [],
  };
}
