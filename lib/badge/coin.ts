/*
 * The coin on screen: which base asset a trading page shows, read from its URL alone (no page DOM, no request),
 * and where that coin stands in today's ASI: its 90-day return against BTC and its rank in the universe, or why
 * it is not in it. Answers "is my coin leading or lagging the rotation?" on the page where the trader trades.
 */
import type { SiteId } from '../settings/defaults';
import type { AsiResult } from '../signals/asi';

/** Quote assets and contract suffixes stripped from a pair: SOLUSDT → SOL, XBTUSDTM → XBT, SOL-USDT-SWAP → SOL. */
const QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'USDE', 'USD', 'EUR', 'TRY', 'BTC', 'ETH', 'BNB'];
/** Ticker aliases exchanges use for the coin the index knows under another symbol. */
const ALIASES: Record<string, string> = { XBT: 'BTC', XDG: 'DOGE' };

/** The base asset of a pair written with a separator (SOL_USDT, sol-usdt-swap, SOL/USDT) or glued (SOLUSDT). */
export function baseOf(pair: string): string | null {
  const p = decodeURIComponent(pair)
    .toUpperCase()
    .replace(/\.P$|PERP$|-SWAP$|_PERP$/, '');
  const parts = p.split(/[-_/:]/).filter(Boolean);
  let base = parts.length >= 2 ? parts[0]! : p;
  if (parts.length < 2) {
    // Glued: strip the longest known quote, after KuCoin's futures "M" (XBTUSDTM).
    const glued = base.replace(/(USDT|USDC|USD)M$/, '$1');
    const quote = QUOTES.filter((q) => glued.endsWith(q) && glued.length > q.length).sort(
      (a, b) => b.length - a.length,
    )[0];
    base = quote ? glued.slice(0, -quote.length) : glued;
  }
  // Binance perpetuals quote some coins per 1000 tokens (1000PEPEUSDT): the coin is PEPE. Anything but letters
  // and digits is not a ticker (a hostile URL), so it is refused rather than cleaned into one.
  const b = base.replace(/^1000+(?=[A-Z])/, '');
  if (!/^[A-Z0-9]{2,15}$/.test(b)) return null;
  return ALIASES[b] ?? b;
}

/** The base asset of the page at `href` on `site`, or null when the URL names none. */
export function coinFromUrl(site: SiteId, href: string): string | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  const path = u.pathname.replace(/\/+$/, '');
  const seg = path.split('/').filter(Boolean);
  const after = (name: string) => {
    const i = seg.indexOf(name);
    return i >= 0 ? seg[i + 1] : undefined;
  };
  let pair: string | undefined;
  switch (site) {
    case 'tradingview': {
      // ?symbol=BINANCE:SOLUSDT, or /symbols/SOLUSDT/ and /symbols/BINANCE-SOLUSDT/
      const q = u.searchParams.get('symbol');
      const s = q ?? after('symbols');
      pair = s?.includes(':') ? s.split(':')[1] : s?.replace(/^[A-Z0-9]+-(?=[A-Z0-9]+$)/i, '');
      break;
    }
    case 'binance': // /en/trade/SOL_USDT, /en/futures/SOLUSDT
      pair = after('trade') ?? after('futures');
      break;
    case 'coinbase': // /advanced-trade/spot/SOL-USD
      pair = seg.at(-1);
      break;
    case 'bybit': // /trade/usdt/SOLUSDT, /trade/spot/SOL/USDT
      pair = seg[seg.indexOf('trade') + 1] === 'spot' ? `${seg.at(-2)}-${seg.at(-1)}` : seg.at(-1);
      break;
    case 'okx': // /trade-spot/sol-usdt, /trade-swap/sol-usdt-swap
      pair = seg.find((x, i) => i > 0 && seg[i - 1]!.startsWith('trade-'));
      break;
    case 'kraken': // /app/trade/sol-usd
      pair = after('trade');
      break;
    case 'bitget': // /spot/SOLUSDT, /futures/usdt/SOLUSDT
      pair = seg.at(-1);
      break;
    case 'kucoin': // /trade/SOL-USDT, /futures/trade/XBTUSDTM
      pair = after('trade');
      break;
    case 'hyperliquid': // /trade/SOL (a bare /trade shows the last coin used: unknown from the URL)
      pair = after('trade');
      break;
  }
  return pair ? baseOf(pair) : null;
}

/** Where a coin stands in the ASI of the snapshot. */
export type CoinStanding =
  | { kind: 'btc' }
  | { kind: 'ranked'; symbol: string; vsBtcPct: number; rank: number; of: number; beat: boolean }
  | { kind: 'excluded'; symbol: string; reason: string }
  | { kind: 'outside'; symbol: string }
  | { kind: 'unknown'; symbol: string };

/**
 * The coin's 90-day return priced in BTC and its rank by return among the coins the ASI counted (1 = best), or
 * why it is not counted: excluded (stablecoin, too young, outside the top N, no close…) or not in the universe at
 * all. Unknown when the ASI itself is.
 */
export function coinStanding(symbol: string, asi: AsiResult | null | undefined): CoinStanding {
  if (symbol === 'BTC') return { kind: 'btc' };
  if (!asi || asi.value === null) return { kind: 'unknown', symbol };
  const i = asi.coins.findIndex((c) => c.symbol.toUpperCase() === symbol);
  if (i >= 0) {
    const c = asi.coins[i]!;
    const vsBtcPct = ((1 + c.return) / (1 + asi.btcReturn) - 1) * 100;
    // coins are sorted by return, best first
    return { kind: 'ranked', symbol, vsBtcPct, rank: i + 1, of: asi.coins.length, beat: c.beatBtc };
  }
  const x = asi.excluded.find((e) => e.symbol.toUpperCase() === symbol);
  return x ? { kind: 'excluded', symbol, reason: x.reason } : { kind: 'outside', symbol };
}
