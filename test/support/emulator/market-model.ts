/**
 * SYNTHETIC market-wide series. The fixtures hold no daily history of total market cap, BTC/ETH
 * dominance or TOTAL3 (PROVENANCE.md: "No long daily BTC-dominance or TOTAL3 series was found"), yet
 * the CoinMarketCap chart endpoints must answer something plausible. This model builds them from
 * REAL inputs, but the result is an emulator artefact; tests must never treat it as market data:
 *
 *   cap_s(d)  = close_s(d) × units_s, units_s = real cap of 2025-04-23 / close of 2025-04-23, for
 *               BTC, ETH and the 15 fixture coins with a real CMC cap (XRP … DOT);
 *   stables   = USDT + USDC real caps of 2025-04-23, constant;
 *   others(d) = stables + basket(d) × (1 + k), k fitted so that the total of 2025-04-23 equals the
 *               real CMC total (2.937e12): the long tail moves with the basket;
 *   total(d)  = cap_BTC(d) + cap_ETH(d) + others(d); TOTAL3(d) = others(d);
 *   dominance = [BTC, ETH, rest] as percentages of total.
 *
 * Closes are carried forward over gaps and backward before a coin's first day (TON). Defined from
 * 2024-01-01 to the last BTC close (2026-08-31).
 *
 * The CMC altcoin-season points are DERIVED from the real coin closes with the index's rule
 * (share of the fixture's altcoins whose 90-day return beats BTC's), not CoinMarketCap's values.
 */
import {
  cmcTop,
  cmcTotalMarketCap20250423,
  coinSeries,
  DAY_MS,
  dayOf,
  dayStart,
  perShift,
  type Day,
  valueOnOrBefore,
} from './data';

export interface MarketDay {
  day: Day;
  btcCap: number;
  ethCap: number;
  stableCap: number;
  altCap: number;
  total: number;
  /** total − BTC − ETH (includes stablecoins, as TradingView's TOTAL3 does). */
  total3: number;
  btcDominance: number;
  ethDominance: number;
}

const CALIBRATION_DAY = '2025-04-23';
const BASKET = [
  'XRP',
  'BNB',
  'SOL',
  'DOGE',
  'ADA',
  'TRX',
  'LINK',
  'SUI',
  'AVAX',
  'XLM',
  'TON',
  'SHIB',
  'HBAR',
  'BCH',
  'DOT',
];

interface Model {
  first: Day;
  last: Day;
  units: Map<string, number>;
  stable: number;
  k: number;
  memo: Map<Day, MarketDay>;
}

/** Built once per day shift (the model's days follow the shifted closes). */
const modelOf = perShift(build);

function closeOf(symbol: string, day: Day): number {
  const s = coinSeries().get(symbol);
  if (!s) throw new Error(`emulator: no series for ${symbol}`);
  return valueOnOrBefore(s, day) ?? s.values[0]!;
}

function build(): Model {
  const top = new Map(cmcTop().map((c) => [c.symbol, c]));
  const cap = (s: string) => {
    const c = top.get(s);
    if (!c) throw new Error(`emulator: ${s} missing from top_cryptos_raw.json`);
    return c.quote.USD.market_cap;
  };
  const units = new Map<string, number>();
  for (const s of ['BTC', 'ETH', ...BASKET]) units.set(s, cap(s) / closeOf(s, CALIBRATION_DAY));
  const stable = cap('USDT') + cap('USDC');
  const basket = BASKET.reduce((a, s) => a + cap(s), 0);
  const k = (cmcTotalMarketCap20250423() - cap('BTC') - cap('ETH') - stable) / basket - 1;
  const btc = coinSeries().get('BTC')!;
  return { first: btc.days[0]!, last: btc.days[btc.days.length - 1]!, units, stable, k, memo: new Map() };
}

/** The model for one UTC day (its closes), or undefined outside 2024-01-01 .. last BTC close. */
export function marketDay(day: Day): MarketDay | undefined {
  const m = modelOf();
  if (day < m.first || day > m.last) return undefined;
  const hit = m.memo.get(day);
  if (hit) return hit;
  const capOf = (s: string) => closeOf(s, day) * m.units.get(s)!;
  const btcCap = capOf('BTC');
  const ethCap = capOf('ETH');
  const altCap = BASKET.reduce((a, s) => a + capOf(s), 0) * (1 + m.k);
  const total3 = m.stable + altCap;
  const total = btcCap + ethCap + total3;
  const r: MarketDay = {
    day,
    btcCap,
    ethCap,
    stableCap: m.stable,
    altCap,
    total,
    total3,
    btcDominance: (100 * btcCap) / total,
    ethDominance: (100 * ethCap) / total,
  };
  m.memo.set(day, r);
  return r;
}

const asiMemoOf = perShift(() => new Map<Day, { index: number; counted: number } | null>());

/** Altcoin-season index DERIVED from the fixture closes for `day` (90-day window, 3-day tolerance). */
export function derivedAltcoinIndex(day: Day): { index: number; counted: number } | undefined {
  const asiMemo = asiMemoOf();
  const hit = asiMemo.get(day);
  if (hit !== undefined) return hit ?? undefined;
  const from = dayOf(dayStart(day) - 90 * DAY_MS);
  const ret = (symbol: string): number | undefined => {
    const s = coinSeries().get(symbol)!;
    const a = valueOnOrBefore(s, from, 3);
    const b = valueOnOrBefore(s, day, 3);
    return a && b ? b / a - 1 : undefined;
  };
  const btc = ret('BTC');
  let result: { index: number; counted: number } | null = null;
  if (btc !== undefined) {
    let beat = 0;
    let counted = 0;
    for (const sym of coinSeries().keys()) {
      if (sym === 'BTC') continue;
      const r = ret(sym);
      if (r === undefined) continue;
      counted++;
      if (r > btc) beat++;
    }
    if (counted > 0) result = { index: Math.round((100 * beat) / counted), counted };
  }
  asiMemo.set(day, result);
  return result ?? undefined;
}
