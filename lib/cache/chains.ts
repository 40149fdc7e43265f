/**
 * The fallback chains of SIGNALS.md §6 as data: for each served signal, its providers (primary first), the cached
 * series each fills and the freshness rule that decides when the next one stands in. Flow: provider → cache →
 * engine → snapshot → storage → views; the refresh runs them (lib/refresh/chain.ts), and PREFERENCE, `served`
 * and the sources tab read them. Plain data, so a view imports it without any refresh code.
 */
import type { ProviderId } from '../sources/providers';
import type { Settings } from '../settings/defaults';
import type { Snapshot } from '../snapshot/types';
import { FEAR_GREED_SOURCE } from '../sources/alternativeme';
import { binancePair, binanceSource } from '../sources/binance';
import {
  CMC_ALTCOIN_SEASON_SOURCE,
  CMC_DOMINANCE_SOURCE,
  CMC_ETF_BTC_SOURCE,
  CMC_ETF_ETH_SOURCE,
  CMC_FEAR_GREED_SOURCE,
  CMC_TOTAL3_SOURCE,
} from '../sources/cmc';
import { COINGECKO_CLOSES_SOURCE, COINGECKO_DOMINANCE_SOURCE, COINGECKO_TOTAL3_SOURCE } from '../sources/coingecko';
import { COINLORE_DOMINANCE_SOURCE } from '../sources/coinlore';
import { COINPAPRIKA_DOMINANCE_SOURCE } from '../sources/coinpaprika';
import { RUT_SYMBOL, yahooSource } from '../sources/yahoo';
import type { MacroKey } from './series-cache';

export type ServedKey = keyof Snapshot['served'];

/**
 * The newest day a provider can have (see lib/cache/freshness.ts): yesterday's crypto close, the last closed
 * US session, or today (a value published at 00:00 UTC).
 */
export type ExpectedDay = 'crypto-close' | 'us-session' | 'utc-day';

/** One provider of a chain. */
export interface Link {
  provider: ProviderId;
  /** The label of the series it fills, kept apart from the others' (providers define a signal differently). */
  source?: string;
}

export interface Chain {
  /** The `cache.macro` series it fills; absent for coin closes, the universe and the cross-check. */
  macro?: MacroKey;
  /** Primary first; host fallbacks of one provider (Yahoo query1 → query2) live in its source module. */
  links: readonly Link[];
  expected: ExpectedDay;
  /** How old the primary may get (a settings.staleness field) before the next link stands in. */
  maxAge?: keyof Settings['staleness'];
  /** The signal's line in the popup's sources tab, which follows the tiles' order. */
  tab: number;
}

/** A chain that fills `cache.macro[key]`, one series per link: the chain runner's input. */
export interface MacroChain extends Chain {
  macro: MacroKey;
  links: readonly [Link & { source: string }, ...(Link & { source: string })[]];
  maxAge: keyof Settings['staleness'];
}

/** The ETH ÷ BTC series versions before the engine's derivation cached beside the pair (dropped on refresh). */
export const ETHBTC_DERIVED_SOURCE = 'Binance ETHUSDT ÷ BTCUSDT';

const link = (provider: ProviderId, source: string) => ({ provider, source });

// The freshness rules: a daily crypto close is expected the next day, a Russell close after the US session,
// alternative.me's Fear & Greed at 00:00 UTC of its own day.
const CRYPTO_CLOSE = { expected: 'crypto-close', maxAge: 'cryptoMaxAgeDays' } as const;
const US_SESSION = { expected: 'us-session', maxAge: 'russellMaxAgeDays' } as const;
const UTC_DAY = { expected: 'utc-day', maxAge: 'cryptoMaxAgeDays' } as const;
// ETF flows are published once a day, after the US session they are for.
const ETF_SESSION = { expected: 'us-session', maxAge: 'etfFlowsMaxAgeDays' } as const;

const RUSSELL: MacroChain = { macro: 'rut', ...US_SESSION, tab: 0, links: [link('yahoo', yahooSource(RUT_SYMBOL))] };
const DOMINANCE: MacroChain = {
  macro: 'btcDominance',
  ...CRYPTO_CLOSE,
  tab: 3,
  // CoinMarketCap's daily history; the fallbacks give today's value only.
  links: [
    link('cmc', CMC_DOMINANCE_SOURCE),
    link('coingecko', COINGECKO_DOMINANCE_SOURCE),
    link('coinpaprika', COINPAPRIKA_DOMINANCE_SOURCE),
    link('coinlore', COINLORE_DOMINANCE_SOURCE),
  ],
};
const ETHBTC: MacroChain = {
  macro: 'ethbtc',
  ...CRYPTO_CLOSE,
  tab: 4,
  // Days without a pair close are derived by the series set from the cached ETH and BTC closes (one rule).
  links: [link('binance', binanceSource('ETHBTC'))],
};
const FEAR_GREED: MacroChain = {
  macro: 'fearGreed',
  ...UTC_DAY,
  tab: 6,
  // CoinMarketCap's own index, a different one: kept and labelled as such.
  links: [link('alternative.me', FEAR_GREED_SOURCE), link('cmc', CMC_FEAR_GREED_SOURCE)],
};
const TOTAL3: MacroChain = {
  macro: 'total3',
  ...CRYPTO_CLOSE,
  tab: 5,
  links: [link('cmc', CMC_TOTAL3_SOURCE), link('coingecko', COINGECKO_TOTAL3_SOURCE)],
};

/** ETF flows: one CoinMarketCap request fills both assets (lib/refresh/tasks/etf-flows.ts); no keyless fallback. */
const ETF_FLOWS_BTC: MacroChain = {
  macro: 'etfFlowsBtc',
  ...ETF_SESSION,
  tab: 8,
  links: [link('cmc-etf', CMC_ETF_BTC_SOURCE)],
};
const ETF_FLOWS_ETH: MacroChain = {
  ...ETF_FLOWS_BTC,
  macro: 'etfFlowsEth',
  tab: 9,
  links: [link('cmc-etf', CMC_ETF_ETH_SOURCE)],
};

/**
 * Every served signal's chain, in the order the snapshot's `served` lists them. Coin closes, the universe
 * and the cross-check keep their own caches and rules (lib/refresh/tasks): CoinGecko's closes only for a coin
 * Binance does not list; both universe providers are asked, CoinGecko's market caps used first.
 */
export const CHAINS: Record<ServedKey, Chain> = {
  russell: RUSSELL,
  dominance: DOMINANCE,
  ethbtc: ETHBTC,
  fearGreed: FEAR_GREED,
  total3: TOTAL3,
  coins: {
    ...CRYPTO_CLOSE,
    tab: 1,
    links: [link('binance', binanceSource(binancePair('BTC'))), link('coingecko', COINGECKO_CLOSES_SOURCE)],
  },
  universe: { expected: 'utc-day', tab: 2, links: [{ provider: 'coingecko' }, { provider: 'cmc' }] },
  crossCheck: { expected: 'crypto-close', tab: 7, links: [link('cmc', CMC_ALTCOIN_SEASON_SOURCE)] },
  etfFlowsBtc: ETF_FLOWS_BTC,
  etfFlowsEth: ETF_FLOWS_ETH,
};

/** The macro series' chains by cache key. */
export const MACRO_CHAINS: Record<MacroKey, MacroChain> = {
  rut: RUSSELL,
  btcDominance: DOMINANCE,
  ethbtc: ETHBTC,
  fearGreed: FEAR_GREED,
  total3: TOTAL3,
  etfFlowsBtc: ETF_FLOWS_BTC,
  etfFlowsEth: ETF_FLOWS_ETH,
};

/** One value per macro series, computed from its chain. */
export function perMacroChain<T>(f: (chain: MacroChain) => T): Record<MacroKey, T> {
  const entries = Object.entries(MACRO_CHAINS).map(([key, chain]) => [key, f(chain)]);
  return Object.fromEntries(entries) as Record<MacroKey, T>;
}

/** Each macro series' sources, primary first: which cached series the engine prefers (pickSource). */
export const PREFERENCE: Record<MacroKey, readonly string[]> = perMacroChain((c) => c.links.map((l) => l.source));

/** The signals in the order the popup's sources tab lists who served them. */
export const SOURCES_TAB = (Object.keys(CHAINS) as ServedKey[]).sort((a, b) => CHAINS[a].tab - CHAINS[b].tab);
