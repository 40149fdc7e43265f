import type { CompactSeries } from '../snapshot/types';
import { HORIZONS, METRICS, type EventKind, type EvidenceResult, type Horizon, type MetricId } from './types';

/** Known outcomes of one kind of event, metric and horizon, with the event day (for the strip's dots). */
export function eventValues(
  r: EvidenceResult,
  kind: EventKind,
  m: MetricId,
  h: Horizon,
): { date: string; value: number }[] {
  return r.events.flatMap((e) => {
    const o = e.outcomes[m][h];
    return e.kind === kind && o.status === 'known' ? [{ date: e.date, value: o.value }] : [];
  });
}

/** Metrics with anything to show for this kind (a known or pending event outcome, or a base rate). */
export function metricsWithData(r: EvidenceResult, kind: EventKind): MetricId[] {
  return METRICS.filter((m) =>
    HORIZONS.some((h) => {
      const s = r.summary[kind][m][h];
      return s.events.n + s.events.pending + s.base.n > 0;
    }),
  );
}

/**
 * The value range a strip chart of one metric spans over every horizon: the base rate's middle half,
 * every event and 0, so the zero line is always visible. Null when there is nothing to draw.
 */
export function stripDomain(r: EvidenceResult, kind: EventKind, m: MetricId): [number, number] | null {
  const xs: number[] = [];
  for (const h of HORIZONS) {
    const b = r.summary[kind][m][h].base;
    if (b.p25 !== null && b.p75 !== null) xs.push(b.p25, b.p75);
    xs.push(...eventValues(r, kind, m, h).map((e) => e.value));
  }
  if (xs.length === 0) return null;
  const lo = Math.min(0, ...xs);
  const hi = Math.max(0, ...xs);
  const pad = (hi - lo) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

/** Chart markers for the Russell chart: one per day, a breakout and its same-day weekly confirmation merged. */
export function eventMarkers(r: EvidenceResult, label: (kind: EventKind) => string): { time: string; text: string }[] {
  const byDay = new Map<string, string[]>();
  for (const e of r.events) byDay.set(e.date, [...(byDay.get(e.date) ?? []), label(e.kind)]);
  return [...byDay.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([time, texts]) => ({ time, text: texts.join('+') }));
}

/** The Russell closes for the chart, or an empty series before the evidence is computed. */
export function russellPoints(r: EvidenceResult | null | undefined): CompactSeries {
  return r ? r.russell.points : [];
}
