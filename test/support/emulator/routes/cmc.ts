/**
 * CoinMarketCap website data-api on api.coinmarketcap.com (`/data-api/...`), wrapped as CMC does:
 * `{ data: {...}, status: { timestamp, error_code: "0", error_message: "SUCCESS", elapsed, credit_count } }`.
 * Field names follow lib/sources/cmc.ts and recorded answers of the real endpoints.
 *
 * What is real and what is not:
 * - `/data-api/v3/cryptocurrency/listing`: the universe of universe.ts (real caps/ids/tags where the
 *   fixture has them, SYNTHETIC otherwise), prices and percentChange* from the REAL fixture closes
 *   (last close before the simulated day vs N days earlier).
 * - `/data-api/v3/global-metrics/dominance/chart` and `/data-api/v4/global-metrics/quotes/historical`
 *   (TOTAL3 = marketCap − btcValue − ethValue): SYNTHETIC, from market-model.ts. No real daily
 *   dominance/TOTAL3 history exists in the fixtures; tests must never treat these numbers as real.
 * - `/data-api/v3/altcoin-season/chart?start=&end=` (both required, seconds): DERIVED from the real
 *   fixture closes (market-model.ts), not CoinMarketCap's own index values.
 * - `/data-api/v3/fear-greed/chart`: SYNTHETIC. The fixtures hold no CMC Fear & Greed history, so
 *   the score is the REAL alternative.me value of the day mapped by round(0.8·v + 12): a different
 *   index with different numbers, as in reality (never mix it with alternative.me's).
 *
 * Chart points are stamped 00:00 UTC of day D and carry the values of day D−1's close (the value
 * at that instant); each chart ends with a live point stamped `now`.
 */
import { coinSeries, DAY_MS, dayOf, dayStart, fearGreedSeries, isoSeconds, valueOnOrBefore, type Day } from '../data';
import { derivedAltcoinIndex, marketDay } from '../market-model';
import type { EmuRequest, EmuResponse } from '../types';
import { listedAt } from './coingecko';

export const CMC_HOST = 'api.coinmarketcap.com';

const HEADERS = { 'content-type': 'application/json; charset=utf-8' };

const statusBlock = (now: number, code = '0', message = 'SUCCESS') => ({
  timestamp: new Date(now).toISOString(),
  error_code: code,
  error_message: message,
  elapsed: '3',
  credit_count: 0,
});

const ok = (req: EmuRequest, data: unknown): EmuResponse => ({
  status: 200,
  headers: HEADERS,
  json: { data, status: statusBlock(req.now) },
});
const bad = (req: EmuRequest, message: string, status = 400): EmuResponse => ({
  status,
  headers: HEADERS,
  json: { status: statusBlock(req.now, String(status), message) },
});

const sec = (ms: number) => String(Math.floor(ms / 1000));
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const prevDay = (d: Day) => dayOf(dayStart(d) - DAY_MS);

/** Days D (stamped 00:00 UTC) from `fromMs` to `toMs` inclusive, plus whether a live point at `now` follows. */
function chartDays(fromMs: number, toMs: number, now: number): { days: Day[]; live: boolean } {
  const end = Math.min(toMs, now);
  const days: Day[] = [];
  for (let t = dayStart(dayOf(Math.max(0, fromMs))) + (fromMs % DAY_MS === 0 ? 0 : DAY_MS); t <= end; t += DAY_MS)
    days.push(dayOf(t));
  const today = dayOf(now);
  return { days, live: toMs >= now && now > dayStart(today) && now >= fromMs };
}

/** `all`, `1y`, `90d`, `30d`, `7d`, `1d` → start (ms), or undefined if not a range. */
function rangeStart(range: string, now: number): number | undefined {
  if (range === 'all') return 0;
  const m = /^(\d+)([dmy])$/.exec(range);
  if (!m) return undefined;
  const n = Number(m[1]);
  const d = new Date(now);
  if (m[2] === 'd') return now - n * DAY_MS;
  if (m[2] === 'm') d.setUTCMonth(d.getUTCMonth() - n);
  else d.setUTCFullYear(d.getUTCFullYear() - n);
  return d.getTime();
}

// ---------- listing ----------

function pctChange(symbolSeries: string | undefined, fixed: number | undefined, day: Day, days: number): number | null {
  if (!symbolSeries) return fixed !== undefined ? 0 : null;
  const s = coinSeries().get(symbolSeries)!;
  const a = valueOnOrBefore(s, dayOf(dayStart(day) - days * DAY_MS), 3);
  const b = valueOnOrBefore(s, day, 3);
  return a && b ? round((b / a - 1) * 100, 8) : null;
}

function listing(req: EmuRequest): EmuResponse {
  const q = req.query;
  const start = Math.max(1, Math.floor(Number(q.get('start') ?? 1)) || 1);
  const limit = Math.min(5000, Math.max(1, Math.floor(Number(q.get('limit') ?? 100)) || 100));
  const yesterday = prevDay(dayOf(req.now));
  let rows = listedAt(req.now);
  const totalCap = rows.reduce((a, r) => a + r.coin.marketCap, 0);
  const tags = q.get('tagSlugs');
  if (tags) {
    const want = tags.split(',');
    rows = rows.filter((r) => want.some((t) => r.coin.cmcTags.includes(t)));
  }
  if ((q.get('sortType') ?? 'desc') === 'asc') rows = [...rows].reverse();
  const list = rows.slice(start - 1, start - 1 + limit).map((r) => {
    const { coin, price } = r;
    const supply = coin.circulatingSupply ?? coin.marketCap / price;
    const ch = (n: number) => pctChange(coin.priceFrom, coin.fixedPrice, yesterday, n);
    const series = coin.priceFrom ? coinSeries().get(coin.priceFrom) : undefined;
    const updated = isoSeconds(req.now - 60_000);
    return {
      id: coin.cmcId,
      name: coin.name,
      symbol: coin.symbol,
      slug: coin.cmcSlug,
      cmcRank: r.rank,
      marketPairCount: 100,
      circulatingSupply: supply,
      selfReportedCirculatingSupply: 0,
      totalSupply: supply,
      maxSupply: coin.symbol === 'BTC' ? 21_000_000 : undefined,
      isActive: 1,
      lastUpdated: updated,
      dateAdded: `${series?.days[0] ?? '2019-01-01'}T00:00:00.000Z`,
      quotes: [
        {
          name: 'USD',
          price,
          volume24h: coin.marketCap * 0.04,
          marketCap: coin.marketCap,
          percentChange1h: 0,
          percentChange24h: ch(1),
          percentChange7d: ch(7),
          percentChange30d: ch(30),
          percentChange60d: ch(60),
          percentChange90d: ch(90),
          fullyDilluttedMarketCap: coin.marketCap,
          marketCapByTotalSupply: coin.marketCap,
          dominance: round((100 * coin.marketCap) / totalCap, 4),
          turnover: 0.04,
          ytdPriceChangePercentage: ch(
            Math.round((dayStart(yesterday) - Date.UTC(Number(yesterday.slice(0, 4)), 0, 1)) / DAY_MS),
          ),
          percentChange1y: ch(365),
          lastUpdated: updated,
        },
      ],
      isAudited: false,
      badges: [],
      tags: coin.cmcTags,
    };
  });
  return ok(req, { cryptoCurrencyList: list, totalCount: String(rows.length) });
}

// ---------- dominance ----------

function dominance(req: EmuRequest): EmuResponse {
  const range = req.query.get('range') ?? 'all';
  const from = rangeStart(range, req.now);
  if (from === undefined) return bad(req, `Invalid range: ${range}`);
  const { days, live } = chartDays(from, Infinity, req.now);
  const point = (d: Day, ts: number) => {
    const m = marketDay(prevDay(d));
    if (!m) return undefined;
    const btc = round(m.btcDominance, 8);
    const eth = round(m.ethDominance, 8);
    return { dominance: [btc, eth, round(100 - btc - eth, 8)], timestamp: sec(ts) };
  };
  const points = days.map((d) => point(d, dayStart(d))).filter((p) => p !== undefined);
  if (live) {
    const p = point(dayOf(req.now), req.now);
    if (p) points.push(p);
  }
  return ok(req, {
    points,
    configs: [{ name: 'Bitcoin Dominance' }, { name: 'Ethereum Dominance' }, { name: 'Others' }],
  });
}

// ---------- TOTAL3 (global quotes) ----------

function quotesHistorical(req: EmuRequest): EmuResponse {
  const convertId = req.query.get('convertId') ?? '2781';
  if (convertId !== '2781') return bad(req, `emulator: only convertId=2781 (USD) is emulated, got ${convertId}`);
  const range = req.query.get('range') ?? '30d';
  const from = rangeStart(range, req.now);
  if (from === undefined) return bad(req, `Invalid range: ${range}`);
  const { days, live } = chartDays(from, Infinity, req.now);
  // `range=all` is weekly on the real endpoint: keep Mondays only.
  const picked = range === 'all' ? days.filter((d) => new Date(dayStart(d)).getUTCDay() === 1) : days;
  const point = (d: Day, ts: number) => {
    const m = marketDay(prevDay(d));
    if (!m) return undefined;
    return {
      marketCap: round(m.total, 2),
      volume: round(m.total * 0.04, 2),
      btcValue: round(m.btcCap, 2),
      ethValue: round(m.ethCap, 2),
      stableValue: round(m.stableCap, 2),
      otherValue: round(m.altCap, 2),
      timestamp: sec(ts),
    };
  };
  const points = picked.map((d) => point(d, dayStart(d))).filter((p) => p !== undefined);
  if (live) {
    const p = point(dayOf(req.now), req.now);
    if (p) points.push(p);
  }
  const capAt = (daysAgo: number) => marketDay(dayOf(req.now - (daysAgo + 1) * DAY_MS))?.total;
  const nowCap = capAt(0);
  const monthCap = capAt(30);
  return ok(req, {
    points,
    historicalValues: {
      now: { marketCap: nowCap },
      yesterday: { marketCap: capAt(1) },
      lastWeek: { marketCap: capAt(7) },
      lastMonth: { marketCap: monthCap },
    },
    thirtyDaysPercentage: nowCap && monthCap ? round((nowCap / monthCap - 1) * 100, 2) : null,
  });
}

// ---------- altcoin season ----------

const seasonName = (i: number) => (i >= 75 ? 'Altcoin Season' : i <= 25 ? 'Bitcoin Season' : '');

function altcoinSeason(req: EmuRequest): EmuResponse {
  const q = req.query;
  for (const p of ['start', 'end']) {
    if (!q.get(p)) return bad(req, `Required request parameter '${p}' for method parameter type Long is not present`);
    if (!/^\d+$/.test(q.get(p)!))
      return bad(
        req,
        `Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long'; ` +
          `For input string: "${q.get(p)}"`,
      );
  }
  const start = Number(q.get('start')) * 1000;
  const end = Number(q.get('end')) * 1000;
  const { days, live } = chartDays(start, end, req.now);
  const point = (d: Day, ts: number) => {
    const a = derivedAltcoinIndex(prevDay(d));
    if (!a) return undefined;
    const m = marketDay(prevDay(d));
    return {
      name: seasonName(a.index),
      altcoinIndex: String(a.index),
      altcoinMarketcap: m ? m.altCap.toFixed(2) : '0',
      timestamp: sec(ts),
    };
  };
  const points = days.map((d) => point(d, dayStart(d))).filter((p) => p !== undefined);
  const nowPoint = point(dayOf(req.now), req.now);
  if (live && nowPoint) points.push(nowPoint);
  const at = (n: number) => point(dayOf(req.now - n * DAY_MS), dayStart(dayOf(req.now - n * DAY_MS)));
  const yesterday = prevDay(dayOf(req.now));
  const topCryptos = listedAt(req.now)
    .filter((r) => r.coin.priceFrom && r.coin.symbol !== 'BTC')
    .map((r) => ({ r, ch: pctChange(r.coin.priceFrom, undefined, yesterday, 90) }))
    .filter((x): x is { r: (typeof x)['r']; ch: number } => x.ch !== null)
    .sort((a, b) => b.ch - a.ch)
    .slice(0, 10)
    .map(({ r, ch }) => ({
      id: r.coin.cmcId,
      name: r.coin.name,
      symbol: r.coin.symbol,
      slug: r.coin.cmcSlug,
      percentChange: ch,
    }));
  return ok(req, {
    points,
    historicalValues: { now: nowPoint, yesterday: at(1), lastWeek: at(7), lastMonth: at(30) },
    dialConfigs: [
      { start: 0, end: 25, name: 'Bitcoin Season' },
      { start: 26, end: 74, name: '' },
      { start: 75, end: 100, name: 'Altcoin Season' },
    ],
    topCryptos,
  });
}

// ---------- fear & greed (CMC's own index) ----------

/** SYNTHETIC CMC score for a day: the real alternative.me value mapped by round(0.8·v + 12). */
export function cmcFearGreedScore(alternativeMeValue: number): number {
  return Math.min(100, Math.max(0, Math.round(0.8 * alternativeMeValue + 12)));
}

const fgName = (s: number) =>
  s < 20 ? 'Extreme fear' : s < 40 ? 'Fear' : s < 60 ? 'Neutral' : s < 80 ? 'Greed' : 'Extreme greed';

function fearGreed(req: EmuRequest): EmuResponse {
  const q = req.query;
  for (const p of ['start', 'end']) {
    const v = q.get(p);
    if (v !== null && !/^\d+$/.test(v))
      return bad(
        req,
        `Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long'; ` +
          `For input string: "${v}"`,
      );
  }
  const fg = fearGreedSeries();
  const start = q.has('start') ? Number(q.get('start')) * 1000 : dayStart(fg.days[0]!);
  const end = q.has('end') ? Number(q.get('end')) * 1000 : Infinity;
  const { days, live } = chartDays(start, end, req.now);
  const btc = coinSeries().get('BTC')!;
  const point = (d: Day, ts: number) => {
    const i = fg.index.get(d);
    if (i === undefined) return undefined;
    const score = cmcFearGreedScore(fg.values[i]!);
    const p = valueOnOrBefore(btc, prevDay(d), 0);
    return { score, name: fgName(score), timestamp: sec(ts), btcPrice: p ? p.toFixed(2) : '0', btcVolume: '0' };
  };
  const dataList = days.map((d) => point(d, dayStart(d))).filter((p) => p !== undefined);
  if (live) {
    const p = point(dayOf(req.now), req.now);
    if (p) dataList.push(p);
  }
  return ok(req, {
    dataList,
    dialConfig: [
      { start: 0, end: 20, name: 'Extreme fear' },
      { start: 20, end: 40, name: 'Fear' },
      { start: 40, end: 60, name: 'Neutral' },
      { start: 60, end: 80, name: 'Greed' },
      { start: 80, end: 100, name: 'Extreme greed' },
    ],
  });
}

export function cmc(req: EmuRequest): EmuResponse | undefined {
  const p = req.pathname.replace(/\/+$/, '');
  switch (p) {
    case '/data-api/v3/cryptocurrency/listing':
      return listing(req);
    case '/data-api/v3/global-metrics/dominance/chart':
      return dominance(req);
    case '/data-api/v4/global-metrics/quotes/historical':
      return quotesHistorical(req);
    case '/data-api/v3/altcoin-season/chart':
      return altcoinSeason(req);
    case '/data-api/v3/fear-greed/chart':
      return fearGreed(req);
    default:
      return undefined;
  }
}
