/**
 * CoinGecko keyless API v3 on api.coingecko.com.
 *
 * - `/api/v3/global`: market_cap_percentage.btc is the REAL CoinGecko value of
 *   series/btc-dominance.csv on or before the simulated day (before its first day, 2026-04-24, the
 *   first value); eth, total_market_cap.usd, total_volume.usd, active_cryptocurrencies and markets
 *   are the REAL snapshots in raw/coingecko-global/ picked the same way (so at the default clock they
 *   are real values of a LATER day). usdt/usdc percentages and the btc/eth denominations are derived.
 * - `/api/v3/coins/markets`: the universe of universe.ts (real caps where the fixture has them,
 *   SYNTHETIC otherwise; see there), prices = the last fixture close before the simulated day;
 *   `category`, `ids`, `order`, `per_page` (≤ 250, default 100) and `page` work; market_cap_rank is
 *   the global rank. Coins whose series starts after the simulated day are not listed yet.
 * - `/api/v3/coins/{id}/market_chart?vs_currency=usd&days=N`: daily points at 00:00 UTC whose price
 *   is the previous day's fixture close, then a live point at `now` (the last known close). Like the
 *   keyless API, days > 365 (or `max`) answers 401 with error_code 10012. Daily granularity is
 *   always used (the real API gives 5-minute/hourly points for days ≤ 90 without interval=daily).
 *   market_caps = price × a constant SYNTHETIC supply (cap / current price); total_volumes SYNTHETIC.
 */
import {
  btcDominanceSeries,
  coinSeries,
  DAY_MS,
  dayOf,
  dayStart,
  globalSnapshots,
  isoSeconds,
  lastIndexOnOrBefore,
  snapshotAt,
  valueOnOrBefore,
  type Day,
} from '../data';
import type { EmuRequest, EmuResponse } from '../types';
import { universe, type UniverseCoin } from '../universe';

export const COINGECKO_HOST = 'api.coingecko.com';

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=30, public' };
const err = (status: number, json: unknown): EmuResponse => ({ status, headers: HEADERS, json });

/** Price of a universe coin at the close of `day` (undefined before its series starts). */
export function priceOn(c: UniverseCoin, day: Day, maxGap = Infinity): number | undefined {
  if (!c.priceFrom) return c.fixedPrice;
  return valueOnOrBefore(coinSeries().get(c.priceFrom)!, day, maxGap);
}

/** Universe coins that exist at `now` (their series has a close before today), with today's price. */
export function listedAt(now: number): Array<{ coin: UniverseCoin; price: number; prev: number; rank: number }> {
  const yesterday = dayOf(dayStart(dayOf(now)) - DAY_MS);
  const out: Array<{ coin: UniverseCoin; price: number; prev: number; rank: number }> = [];
  for (const coin of universe()) {
    const price = priceOn(coin, yesterday);
    if (price === undefined) continue;
    const prev = priceOn(coin, dayOf(dayStart(yesterday) - DAY_MS)) ?? price;
    out.push({ coin, price, prev, rank: out.length + 1 });
  }
  return out;
}

function global(req: EmuRequest): EmuResponse {
  const day = dayOf(req.now);
  const g = globalSnapshots();
  const total = snapshotAt(g.totalMarketCapUsd, day);
  const dom = btcDominanceSeries();
  const i = lastIndexOnOrBefore(dom, day);
  const btc = dom.values[Math.max(0, i)]!;
  const totals = g.totalMarketCapUsd;
  const ti = lastIndexOnOrBefore(totals, day);
  const prevTotal = ti > 0 ? totals.values[ti - 1]! : total;
  const listed = listedAt(req.now);
  const priceOf = (s: string) => listed.find((l) => l.coin.symbol === s)?.price ?? 1;
  const pct = (s: string) => (100 * (universe().find((c) => c.symbol === s)?.marketCap ?? 0)) / total;
  const vol = snapshotAt(g.totalVolumeUsd, day);
  return {
    status: 200,
    headers: HEADERS,
    json: {
      data: {
        active_cryptocurrencies: Math.round(snapshotAt(g.activeCryptos, day)),
        upcoming_icos: 0,
        ongoing_icos: 49,
        ended_icos: 3376,
        markets: Math.round(snapshotAt(g.markets, day)),
        total_market_cap: { btc: total / priceOf('BTC'), eth: total / priceOf('ETH'), usd: total },
        total_volume: { btc: vol / priceOf('BTC'), eth: vol / priceOf('ETH'), usd: vol },
        market_cap_percentage: { btc, eth: snapshotAt(g.ethDominance, day), usdt: pct('USDT'), usdc: pct('USDC') },
        market_cap_change_percentage_24h_usd: (total / prevTotal - 1) * 100,
        updated_at: Math.floor(req.now / 1000) - 60,
      },
    },
  };
}

function marketRow(l: ReturnType<typeof listedAt>[number], now: number) {
  const { coin, price, prev } = l;
  const series = coin.priceFrom ? coinSeries().get(coin.priceFrom) : undefined;
  const yesterday = dayOf(dayStart(dayOf(now)) - DAY_MS);
  let ath = price;
  let atl = price;
  let athDate = yesterday;
  let atlDate = yesterday;
  if (series) {
    const end = lastIndexOnOrBefore(series, yesterday);
    for (let i = 0; i <= end; i++) {
      const v = series.values[i]!;
      if (v >= ath) [ath, athDate] = [v, series.days[i]!];
      if (v <= atl) [atl, atlDate] = [v, series.days[i]!];
    }
  }
  const supply = coin.circulatingSupply ?? coin.marketCap / price;
  const cap = coin.marketCap;
  const prevCap = (cap * prev) / price;
  return {
    id: coin.cgId,
    symbol: coin.symbol.toLowerCase(),
    name: coin.name,
    image: `https://coin-images.coingecko.com/coins/images/0/large/${coin.cgId}.png`,
    current_price: price,
    market_cap: cap,
    market_cap_rank: l.rank,
    fully_diluted_valuation: cap,
    total_volume: cap * 0.04,
    high_24h: Math.max(price, prev),
    low_24h: Math.min(price, prev),
    price_change_24h: price - prev,
    price_change_percentage_24h: (price / prev - 1) * 100,
    market_cap_change_24h: cap - prevCap,
    market_cap_change_percentage_24h: (cap / prevCap - 1) * 100,
    circulating_supply: supply,
    total_supply: supply,
    max_supply: coin.symbol === 'BTC' ? 21_000_000 : null,
    ath,
    ath_change_percentage: (price / ath - 1) * 100,
    ath_date: `${athDate}T00:00:00.000Z`,
    atl,
    atl_change_percentage: (price / atl - 1) * 100,
    atl_date: `${atlDate}T00:00:00.000Z`,
    roi: null,
    last_updated: isoSeconds(now - 60_000),
  };
}

function markets(req: EmuRequest): EmuResponse {
  const q = req.query;
  const vs = q.get('vs_currency');
  if (!vs) return err(400, { error: 'Missing parameter vs_currency' });
  if (vs.toLowerCase() !== 'usd') return err(400, { error: 'invalid vs_currency' });
  const perPage = Math.min(250, Math.max(1, Math.floor(Number(q.get('per_page') ?? 100)) || 100));
  const page = Math.max(1, Math.floor(Number(q.get('page') ?? 1)) || 1);
  let rows = listedAt(req.now);
  const category = q.get('category');
  if (category) rows = rows.filter((r) => r.coin.categories.includes(category));
  const ids = q.get('ids');
  if (ids) {
    const want = new Set(ids.split(',').map((s) => s.trim()));
    rows = rows.filter((r) => want.has(r.coin.cgId));
  }
  const order = q.get('order') ?? 'market_cap_desc';
  if (order === 'market_cap_asc') rows = [...rows].reverse();
  else if (order === 'id_asc') rows = [...rows].sort((a, b) => a.coin.cgId.localeCompare(b.coin.cgId));
  else if (order === 'id_desc') rows = [...rows].sort((a, b) => b.coin.cgId.localeCompare(a.coin.cgId));
  const slice = rows.slice((page - 1) * perPage, page * perPage);
  return { status: 200, headers: HEADERS, json: slice.map((r) => marketRow(r, req.now)) };
}

function marketChart(req: EmuRequest, id: string): EmuResponse {
  const coin = universe().find((c) => c.cgId === id);
  if (!coin) return err(404, { error: 'coin not found' });
  const q = req.query;
  if (!q.get('vs_currency')) return err(400, { error: 'Missing parameter vs_currency' });
  const daysParam = q.get('days');
  if (!daysParam) return err(400, { error: 'Missing parameter days' });
  const days = daysParam === 'max' ? Infinity : Number(daysParam);
  if (Number.isNaN(days) || days <= 0) return err(400, { error: 'invalid days' });
  if (days > 365) {
    return err(401, {
      error: {
        status: {
          error_code: 10012,
          error_message:
            'Your request exceeds the allowed time range. Public API users are limited to querying ' +
            'historical data within the past 365 days. Upgrade to a paid plan to enjoy full historical ' +
            'data access: https://www.coingecko.com/en/api/pricing. ',
        },
      },
    });
  }
  const today = dayOf(req.now);
  const yesterday = dayOf(dayStart(today) - DAY_MS);
  const current = priceOn(coin, yesterday);
  const supply = current ? coin.marketCap / current : 0;
  const prices: Array<[number, number]> = [];
  const n = Math.ceil(days);
  for (let k = n; k >= 0; k--) {
    const ts = dayStart(today) - k * DAY_MS;
    const p = priceOn(coin, dayOf(ts - DAY_MS), 0);
    if (p !== undefined) prices.push([ts, p]);
  }
  if (current !== undefined && req.now > dayStart(today)) prices.push([req.now, current]);
  return {
    status: 200,
    headers: HEADERS,
    json: {
      prices,
      market_caps: prices.map(([t, p]) => [t, p * supply]),
      total_volumes: prices.map(([t, p]) => [t, p * supply * 0.04]),
    },
  };
}

export function coingecko(req: EmuRequest): EmuResponse | undefined {
  const p = req.pathname.replace(/\/+$/, '');
  if (p === '/api/v3/ping') return { status: 200, headers: HEADERS, json: { gecko_says: '(V3) To the Moon!' } };
  if (p === '/api/v3/global') return global(req);
  if (p === '/api/v3/coins/markets') return markets(req);
  const m = /^\/api\/v3\/coins\/([^/]+)\/market_chart$/.exec(p);
  if (m) return marketChart(req, m[1]!);
  return undefined;
}
