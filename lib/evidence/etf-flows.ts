/*
 * ETF flows around each Russell breakout and weekly confirmation (issue 16): the long-window sums (20 sessions by
 * default) of the BTC and ETH spot ETFs ending on the event day and over the sessions after it, beside the same
 * sums ending on every session (the base rate). Sessions are NYSE days; a session without a row makes the sum
 * over it unknown, never smaller. Only sessions since both products were listed are counted.
 */
import { addDays } from '../series/dates';
import { isUsSession } from '../series/us-market';
import type { Day, Series, SeriesSet } from '../series/types';
import type { Settings } from '../settings/defaults';
import { ETF_LISTED } from '../signals/etf-flows';
import { stats } from './stats';
import type { EventKind, RussellEvent, Stats } from './types';

/** The sums over one window of sessions; a missing session leaves the sums (and the rotation) null. */
export interface FlowWindow {
  from: Day;
  to: Day;
  btc: number | null;
  eth: number | null;
  /** BTC's sum < 0 while ETH's > 0 (SIGNALS.md §3); null when a sum is unknown. */
  rotation: boolean | null;
}

export interface FlowsAroundEvent {
  kind: EventKind;
  date: Day;
  /** The `sessions` sessions ending on the event day (its session or the last before it). */
  before: FlowWindow | null;
  /** The `sessions` sessions after it; `pending` while the data does not reach that far. */
  after: FlowWindow | { pending: true } | null;
}

export interface FlowsEvidence {
  sessions: number;
  source: string;
  /** The sessions the flows cover (both assets listed). */
  first: Day;
  last: Day;
  events: FlowsAroundEvent[];
  /** Every window of `sessions` sessions ending on a session of the data: the base rate. */
  base: { windows: number; btc: Stats; eth: Stats; rotationShare: number | null };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The flows around the events beside their base rate; null without both flow series. */
export function flowsEvidence(
  set: Pick<SeriesSet, 'etfFlowsBtc' | 'etfFlowsEth'>,
  events: readonly RussellEvent[],
  s: Settings['etfFlows'],
): FlowsEvidence | null {
  const b = set.etfFlowsBtc;
  const e = set.etfFlowsEth;
  if (!b?.points.length || !e?.points.length) return null;
  const first = ETF_LISTED.eth > ETF_LISTED.btc ? ETF_LISTED.eth : ETF_LISTED.btc;
  const last = [b.points.at(-1)!.date, e.points.at(-1)!.date].sort()[1]!;
  const days: Day[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) if (isUsSession(d)) days.push(d);
  const n = s.longSessions;
  const prefix = (x: Series) => {
    const m = new Map(x.points.map((p) => [p.date, p.value]));
    const sum = [0];
    const gaps = [0];
    for (const d of days) {
      const v = m.get(d);
      sum.push(sum.at(-1)! + (v ?? 0));
      gaps.push(gaps.at(-1)! + (v === undefined ? 1 : 0));
    }
    return { sum, gaps };
  };
  const pb = prefix(b);
  const pe = prefix(e);
  /** Sessions days[i-n+1 .. i], or null before the window fits. */
  const window = (i: number): FlowWindow | null => {
    if (i - n + 1 < 0 || i >= days.length) return null;
    const part = (p: typeof pb) =>
      p.gaps[i + 1]! - p.gaps[i - n + 1]! > 0 ? null : round1(p.sum[i + 1]! - p.sum[i - n + 1]!);
    const btc = part(pb);
    const eth = part(pe);
    return {
      from: days[i - n + 1]!,
      to: days[i]!,
      btc,
      eth,
      rotation: btc === null || eth === null ? null : btc < 0 && eth > 0,
    };
  };
  const base = days.map((_, i) => window(i)).filter((w): w is FlowWindow => w !== null);
  const known = (k: 'btc' | 'eth') => base.flatMap((w) => (w[k] === null ? [] : [w[k]!]));
  const rot = base.filter((w) => w.rotation !== null);
  // The session an event day stands for: its own, or the last one before it.
  const indexOf = (day: Day) => {
    let lo = 0;
    let hi = days.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid]! <= day) ((at = mid), (lo = mid + 1));
      else hi = mid - 1;
    }
    return at;
  };
  const around = events
    .filter((ev) => ev.date >= first && ev.date <= addDays(last, 7))
    .map((ev): FlowsAroundEvent => {
      const i = indexOf(ev.date);
      return {
        kind: ev.kind,
        date: ev.date,
        before: window(i),
        after: i + n >= days.length ? { pending: true } : window(i + n),
      };
    });
  return {
    sessions: n,
    source: [...new Set([b.source, e.source])].join(' · '),
    first,
    last,
    events: around,
    base: {
      windows: base.length,
      btc: stats(known('btc')),
      eth: stats(known('eth')),
      rotationShare: rot.length ? rot.filter((w) => w.rotation).length / rot.length : null,
    },
  };
}
