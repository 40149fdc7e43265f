/**
 * CoinMarketCap data-api `/data-api/v3/etf/overview/netflow/chart?category=all&range=30d`, in the shape of the
 * recorded answer (raw/cmc-data-api/etf-netflow-chart-category-all-range30d.json): `data.points[{value,
 * btcValue, ethValue, timestamp}]` in plain US$, `timestamp` a string of milliseconds at 00:00 UTC of the
 * session day, holidays as 0 for all, then `aggregation` and the last point's totals.
 *
 * What is real: every value is a REAL US spot ETF net flow from series-full/etf-flows-{btc,eth}.csv (Farside).
 * What is moved: the ETF series ends months before the coins do, so the CSV's sessions are laid, in order, on
 * the US sessions that end at the last one published before `now` (a session is published the UTC day after
 * it). A CSV row is a session unless it is a 0.0-for-all holiday row; the served calendar is NYSE's, written
 * out below independently of lib/series/us-market.ts. ETH rows start 2024-07-23: earlier sessions have no
 * `ethValue` (the recorded shape allows a missing asset).
 */
import { readFileSync } from 'node:fs';
import { addDays, DAY_MS, dayOf, dayStart, FIXTURES, type Day } from '../data';
import type { EmuRequest, EmuResponse } from '../types';

const PATH = '/data-api/v3/etf/overview/netflow/chart';

/** NYSE full-day closures 2025..2028 (NYSE's published holiday calendar; 2025-01-09 national day of mourning). */
const NYSE_CLOSED = new Set([
  ...['01-01', '01-09', '01-20', '02-17', '04-18', '05-26', '06-19', '07-04', '09-01', '11-27', '12-25'].map(
    (d) => `2025-${d}`,
  ),
  ...['01-01', '01-19', '02-16', '04-03', '05-25', '06-19', '07-03', '09-07', '11-26', '12-25'].map((d) => `2026-${d}`),
  ...['01-01', '01-18', '02-15', '03-26', '05-31', '06-18', '07-05', '09-06', '11-25', '12-24'].map((d) => `2027-${d}`),
  ...['01-17', '02-21', '04-14', '05-29', '06-19', '07-04', '09-04', '11-23', '12-25'].map((d) => `2028-${d}`),
]);
const weekday = (d: Day) => ![0, 6].includes(new Date(dayStart(d)).getUTCDay());
export const isNyseSession = (d: Day): boolean => weekday(d) && !NYSE_CLOSED.has(d);

function readFlows(asset: 'btc' | 'eth'): Map<Day, number> {
  const text = readFileSync(`${FIXTURES}series-full/etf-flows-${asset}.csv`, 'utf8');
  const rows = text.trim().split(/\r?\n/).slice(1);
  return new Map(rows.map((r) => r.split(',')).map(([d, v]) => [d!, Number(v)]));
}

let csv: { sessions: Day[]; btc: Map<Day, number>; eth: Map<Day, number> } | undefined;
function flows() {
  if (csv) return csv;
  const btc = readFlows('btc');
  const eth = readFlows('eth');
  // Holiday rows show 0.0 for every product: not sessions.
  const sessions = [...btc.keys()].filter((d) => !(btc.get(d) === 0 && (eth.get(d) ?? 0) === 0)).sort();
  return (csv = { sessions, btc, eth });
}

/** One served day: the session it stands for (null on a holiday), with its real flows in US$ millions. */
export interface ServedFlowDay {
  day: Day;
  from: Day | null;
  btc: number | null;
  eth: number | null;
}

/** The days the route serves from `start` (ms) to the last session published at `now`, oldest first. */
export function servedEtfFlows(now: number, start = now - 30 * DAY_MS): ServedFlowDay[] {
  const { sessions, btc, eth } = flows();
  const published = addDays(dayOf(now), -1);
  const days: Day[] = [];
  for (let d = published; dayStart(d) >= start; d = addDays(d, -1)) if (weekday(d)) days.push(d);
  let k = sessions.length;
  const out: ServedFlowDay[] = [];
  for (const day of days) {
    if (!isNyseSession(day)) {
      out.push({ day, from: null, btc: 0, eth: 0 });
      continue;
    }
    const from = sessions[--k];
    if (from === undefined) break;
    out.push({ day, from, btc: btc.get(from) ?? null, eth: eth.get(from) ?? null });
  }
  return out.reverse();
}

const usd = (m: number) => Math.round(m * 1e6);

export function cmcEtf(req: EmuRequest): EmuResponse | undefined {
  if (req.pathname.replace(/\/+$/, '') !== PATH) return undefined;
  const category = req.query.get('category');
  const range = req.query.get('range') ?? '30d';
  const m = /^(\d+)d$/.exec(range);
  // Only what was recorded: `category=all` with a day range. Other categories are not known to exist.
  if (category !== 'all' || !m) {
    return {
      status: 200,
      json: {
        status: { timestamp: new Date(req.now).toISOString(), error_code: '500', error_message: 'Invalid param' },
      },
    };
  }
  const points = servedEtfFlows(req.now, req.now - Number(m[1]) * DAY_MS).map((p) => ({
    value: usd((p.btc ?? 0) + (p.eth ?? 0)),
    ...(p.btc === null ? {} : { btcValue: usd(p.btc) }),
    ...(p.eth === null ? {} : { ethValue: usd(p.eth) }),
    timestamp: String(dayStart(p.day)),
  }));
  const last = points[points.length - 1];
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    json: {
      data: {
        points,
        aggregation: 'daily',
        total: last?.value ?? 0,
        totalBtcValue: last?.btcValue ?? 0,
        totalEthValue: last?.ethValue ?? 0,
      },
      status: {
        timestamp: new Date(req.now).toISOString(),
        error_code: '0',
        error_message: 'SUCCESS',
        elapsed: '2',
        credit_count: 0,
      },
    },
  };
}
