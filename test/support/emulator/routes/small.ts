/**
 * The small keyless providers, and stub pages for the trading sites.
 *
 * - api.alternative.me `/fng/?limit=N&format=json`: the REAL values of series/fear-greed.csv, newest
 *   first, strings, timestamps in seconds at 00:00 UTC; the value of a day exists from 00:00 UTC of
 *   that day. limit default 1, `limit=0` = all; only the first entry has time_until_update.
 *   `date_format=us|cn|kr|world` formats the timestamps like the real API. (`format=csv` is not emulated.)
 * - api.coinpaprika.com `/v1/global` and api.coinlore.net `/api/global/`: BTC dominance, total
 *   market cap and volume are the REAL CoinGecko snapshots the emulator's /global uses (the fixtures
 *   hold none from these two providers, whose definitions differ); ATH fields are SYNTHETIC constants.
 * - Site hosts (TradingView, exchanges): a minimal HTML stub page on every path, until a test
 *   installs its own with `emulator.route(host, handler)`.
 */
import {
  btcDominanceSeries,
  DAY_MS,
  dayOf,
  dayStart,
  fearGreedSeries,
  globalSnapshots,
  lastIndexOnOrBefore,
  snapshotAt,
} from '../data';
import type { EmuRequest, EmuResponse } from '../types';

export const ALTERNATIVE_ME_HOST = 'api.alternative.me';
export const COINPAPRIKA_HOST = 'api.coinpaprika.com';
export const COINLORE_HOST = 'api.coinlore.net';
export const SITE_HOSTS = [
  'www.tradingview.com',
  'tradingview.com',
  'www.binance.com',
  'www.coinbase.com',
  'www.bybit.com',
  'www.okx.com',
  'pro.kraken.com',
  'www.bitget.com',
  'www.kucoin.com',
  'app.hyperliquid.xyz',
] as const;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' };

/** alternative.me's bands, as seen in the recorded data. */
export function fngClassification(v: number): string {
  if (v <= 25) return 'Extreme Fear';
  if (v <= 46) return 'Fear';
  if (v <= 54) return 'Neutral';
  if (v <= 75) return 'Greed';
  return 'Extreme Greed';
}

function formatDate(day: string, fmt: string | null, fallbackSec: number): string {
  const [y, m, d] = day.split('-');
  switch (fmt) {
    case 'us':
      return `${m}-${d}-${y}`;
    case 'world':
      return `${d}-${m}-${y}`;
    case 'cn':
    case 'kr':
      return `${y}-${m}-${d}`;
    default:
      return String(fallbackSec);
  }
}

function fng(req: EmuRequest): EmuResponse | undefined {
  if (!/^\/fng\/?$/.test(req.pathname)) return undefined;
  const s = fearGreedSeries();
  const limitRaw = Number(req.query.get('limit') ?? 1);
  const limit = Number.isFinite(limitRaw) && limitRaw >= 0 ? Math.floor(limitRaw) : 1;
  const last = lastIndexOnOrBefore(s, dayOf(req.now));
  const fmt = req.query.get('date_format');
  const data: Array<Record<string, string>> = [];
  for (let i = last; i >= 0 && (limit === 0 || data.length < limit); i--) {
    const day = s.days[i]!;
    const v = s.values[i]!;
    const ts = dayStart(day) / 1000;
    const e: Record<string, string> = {
      value: String(v),
      value_classification: fngClassification(v),
      timestamp: formatDate(day, fmt, ts),
    };
    if (data.length === 0)
      e.time_until_update = String(Math.max(0, Math.floor((dayStart(dayOf(req.now)) + DAY_MS - req.now) / 1000)));
    data.push(e);
  }
  return {
    status: 200,
    headers: JSON_HEADERS,
    json: { name: 'Fear and Greed Index', data, metadata: { error: null } },
  };
}

function snapshot(now: number) {
  const day = dayOf(now);
  const g = globalSnapshots();
  const dom = btcDominanceSeries();
  const btc = dom.values[Math.max(0, lastIndexOnOrBefore(dom, day))]!;
  const totals = g.totalMarketCapUsd;
  const ti = lastIndexOnOrBefore(totals, day);
  const total = snapshotAt(totals, day);
  const prev = ti > 0 ? totals.values[ti - 1]! : total;
  return {
    btc,
    eth: snapshotAt(g.ethDominance, day),
    total,
    prevTotal: prev,
    volume: snapshotAt(g.totalVolumeUsd, day),
    active: snapshotAt(g.activeCryptos, day),
  };
}

function coinpaprika(req: EmuRequest): EmuResponse | undefined {
  if (req.pathname.replace(/\/+$/, '') !== '/v1/global') return undefined;
  const s = snapshot(req.now);
  return {
    status: 200,
    headers: JSON_HEADERS,
    json: {
      market_cap_usd: Math.round(s.total),
      volume_24h_usd: Math.round(s.volume),
      bitcoin_dominance_percentage: Math.round(s.btc * 100) / 100,
      cryptocurrencies_number: Math.round(s.active),
      market_cap_ath_value: 4_390_000_000_000,
      market_cap_ath_date: '2025-10-06T20:50:00Z',
      volume_24h_ath_value: 1_047_000_000_000,
      volume_24h_ath_date: '2021-05-19T14:15:00Z',
      volume_24h_percent_from_ath: Math.round((s.volume / 1_047_000_000_000 - 1) * 10000) / 100,
      volume_24h_percent_to_ath: Math.round((1_047_000_000_000 / s.volume - 1) * 10000) / 100,
      market_cap_change_24h: Math.round((s.total / s.prevTotal - 1) * 10000) / 100,
      volume_24h_change_24h: 0,
      last_updated: Math.floor(req.now / 1000) - 60,
    },
  };
}

function coinlore(req: EmuRequest): EmuResponse | undefined {
  if (req.pathname.replace(/\/+$/, '') !== '/api/global') return undefined;
  const s = snapshot(req.now);
  return {
    status: 200,
    headers: JSON_HEADERS,
    json: [
      {
        coins_count: Math.round(s.active),
        active_markets: 28840,
        total_mcap: s.total,
        total_volume: s.volume,
        btc_d: s.btc.toFixed(2),
        eth_d: s.eth.toFixed(2),
        mcap_change: ((s.total / s.prevTotal - 1) * 100).toFixed(2),
        volume_change: '0.00',
        avg_change_percent: '0.00',
        volume_ath: 344187126190825200,
        mcap_ath: 33248067879029.688,
      },
    ],
  };
}

function sitePage(req: EmuRequest): EmuResponse {
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${req.host} (Regime Lens test ` +
    `stub)</title></head><body><h1>${req.host}</h1><p>Test stub page served by the Regime Lens ` +
    `API emulator for ${req.path.replace(/[<>&"]/g, '')}</p></body></html>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, text: html };
}

export const smallRoutes = { fng, coinpaprika, coinlore, sitePage };
