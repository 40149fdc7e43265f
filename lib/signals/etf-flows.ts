/*
 * ETF flows (SIGNALS.md §3): the US spot BTC and ETH ETFs' net flows per US session, in US$ millions.
 * A session is a NYSE day (lib/series/us-market.ts): a row on a holiday (tables show 0.0 for 2025-01-01)
 * is not a session and is never counted; a session without a row is unknown, never 0, so a sum over
 * a window holding one is unknown. Sessions before an asset's products were listed are not in its windows.
 */
import { addDays } from '../series/dates';
import { indexOnOrBefore } from '../series/lookup';
import { isUsSession } from '../series/us-market';
import type { Day, Point, Series } from '../series/types';
import type { Settings } from '../settings/defaults';
import { clean, freshness } from './signal';

export type EtfAsset = 'btc' | 'eth';
export const ETF_ASSETS: readonly EtfAsset[] = ['btc', 'eth'];

/** First session of the US spot products (BTC 2024-01-11, ETH 2024-07-23): no flow can exist before. */
export const ETF_LISTED: Record<EtfAsset, Day> = { btc: '2024-01-11', eth: '2024-07-23' };

/** A sum over the last sessions: null when a session of the window has no row. */
export interface EtfSum {
  /** US$ millions; null when unknown. */
  value: number | null;
  /** Sessions the window holds (fewer than asked only right after listing). */
  sessions: number;
  /** First and last session of the window. */
  from: Day;
  to: Day;
  /** Sessions of the window without a row (why the sum is unknown). */
  missing: Day[];
}

export interface EtfStreak {
  /** `in` for net inflows, `out` for outflows; null when the last session's flow is exactly 0. */
  direction: 'in' | 'out' | null;
  sessions: number;
  /** The run may be longer: it reaches a session without a row. */
  atLeast: boolean;
}

export interface EtfAssetFlows {
  asset: EtfAsset;
  /** The newest session with a row, on or before the day. */
  asOf: Day;
  /** That session's net flow, US$ millions. */
  last: number;
  short: EtfSum;
  long: EtfSum;
  streak: EtfStreak;
  source: string;
  ageDays: number;
  stale: boolean;
}

export interface EtfFlowsSignal {
  /** BTC's long-window sum (US$ millions), the number the rotation rule reads first; null when unknown. */
  value: number | null;
  /** The older of the assets' last sessions: the rotation needs both. */
  asOf: Day;
  source: string;
  ageDays: number;
  stale: boolean;
  btc: EtfAssetFlows | null;
  eth: EtfAssetFlows | null;
  /**
   * SIGNALS.md §3: BTC's long sum < 0 while ETH's long sum > 0. Tri-state: null when a sum it needs is
   * unknown or an asset's flows are stale; false as soon as one known, fresh leg fails.
   */
  rotation: boolean | null;
  shortSessions: number;
  longSessions: number;
}

/** NYSE sessions, remembered: the engine asks for the same few hundred days on every evaluation. */
const SESSION = new Map<Day, boolean>();
function session(d: Day): boolean {
  let v = SESSION.get(d);
  if (v === undefined) SESSION.set(d, (v = isUsSession(d)));
  return v;
}

/** The sessions from listing on, newest last, ending at `end`: at most `n` of them. */
export function sessionsEndingAt(end: Day, n: number, listed: Day): Day[] {
  const out: Day[] = [];
  for (let d = end; out.length < n && d >= listed; d = addDays(d, -1)) if (session(d)) out.push(d);
  return out.reverse();
}

function sumOver(byDay: ReadonlyMap<Day, number>, sessions: Day[]): EtfSum {
  const missing = sessions.filter((d) => !byDay.has(d));
  const total = sessions.reduce((a, d) => a + (byDay.get(d) ?? 0), 0);
  return {
    value: missing.length > 0 ? null : clean(total),
    sessions: sessions.length,
    from: sessions[0]!,
    to: sessions[sessions.length - 1]!,
    missing,
  };
}

function streakOf(byDay: ReadonlyMap<Day, number>, end: Day, listed: Day): EtfStreak {
  const first = byDay.get(end)!;
  const direction = first > 0 ? 'in' : first < 0 ? 'out' : null;
  if (direction === null) return { direction, sessions: 0, atLeast: false };
  let sessions = 0;
  for (let d = end; d >= listed; d = addDays(d, -1)) {
    if (!session(d)) continue;
    const v = byDay.get(d);
    if (v === undefined) return { direction, sessions, atLeast: true };
    if (direction === 'in' ? v <= 0 : v >= 0) break;
    sessions++;
  }
  return { direction, sessions, atLeast: false };
}

/** One asset's flows as of `day`: its newest session with a row on or before it, and the windows ending there. */
export function assetFlows(
  asset: EtfAsset,
  series: Series,
  day: Day,
  today: Day,
  s: Settings['etfFlows'],
  maxAgeDays: number,
): EtfAssetFlows | null {
  const pts: readonly Point[] = series.points;
  // The newest row that is a session: a holiday's 0.0 row is skipped, not read as a flat session.
  let i = indexOnOrBefore(pts, day);
  while (i >= 0 && !session(pts[i]!.date)) i--;
  if (i < 0) return null;
  const byDay = new Map<Day, number>();
  // Only the rows a window can reach (the long window plus its holidays), not the whole history.
  const reach = addDays(pts[i]!.date, -Math.ceil(s.longSessions * 1.6) - 14);
  for (let k = i; k >= 0 && pts[k]!.date >= reach; k--)
    if (session(pts[k]!.date)) byDay.set(pts[k]!.date, pts[k]!.value);
  const asOf = pts[i]!.date;
  const listed = ETF_LISTED[asset];
  return {
    asset,
    asOf,
    last: pts[i]!.value,
    short: sumOver(byDay, sessionsEndingAt(asOf, s.shortSessions, listed)),
    long: sumOver(byDay, sessionsEndingAt(asOf, s.longSessions, listed)),
    streak: streakOf(byDay, asOf, listed),
    source: series.source,
    ...freshness(asOf, today, maxAgeDays),
  };
}

/** The rotation rule on two assets' flows (tri-state, see EtfFlowsSignal.rotation). */
export function flowsRotation(btc: EtfAssetFlows | null, eth: EtfAssetFlows | null): boolean | null {
  const leg = (a: EtfAssetFlows | null, ok: (v: number) => boolean) =>
    !a || a.stale || a.long.value === null ? null : ok(a.long.value);
  const b = leg(btc, (v) => v < 0);
  const e = leg(eth, (v) => v > 0);
  return b === false || e === false ? false : b === true && e === true ? true : null;
}

/**
 * ETF flows as of `day` from the BTC and ETH series (either may be absent: that asset is unknown). Null when
 * neither has a session on or before the day.
 */
export function etfFlowsSignal(
  btcSeries: Series | undefined,
  ethSeries: Series | undefined,
  day: Day,
  today: Day,
  s: Settings['etfFlows'],
  maxAgeDays: number,
): EtfFlowsSignal | null {
  const btc = btcSeries ? assetFlows('btc', btcSeries, day, today, s, maxAgeDays) : null;
  const eth = ethSeries ? assetFlows('eth', ethSeries, day, today, s, maxAgeDays) : null;
  if (!btc && !eth) return null;
  const asOf = btc && eth ? (btc.asOf < eth.asOf ? btc.asOf : eth.asOf) : (btc ?? eth)!.asOf;
  const sources = [...new Set([btc?.source, eth?.source].filter((x): x is string => !!x))];
  return {
    value: btc?.long.value ?? null,
    asOf,
    source: sources.join(' · '),
    ...freshness(asOf, today, maxAgeDays),
    btc,
    eth,
    rotation: flowsRotation(btc, eth),
    shortSessions: s.shortSessions,
    longSessions: s.longSessions,
  };
}
