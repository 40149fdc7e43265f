/*
 * Sources: one file per provider, each building its URLs and parsing its answer into daily series.
 * Flow: provider → cache → engine → snapshot → storage → views; this is the first step. Parsers never
 * throw and return only finite, in-range values or a typed error.
 */
/** The providers the refresh calls, by id, and their names as the sources tab shows them. */
export type ProviderId =
  'yahoo' | 'binance' | 'coingecko' | 'cmc' | 'cmc-etf' | 'coinpaprika' | 'coinlore' | 'alternative.me';

export const PROVIDER_LABELS: Record<ProviderId, string> = {
  yahoo: 'Yahoo Finance',
  binance: 'Binance market data',
  coingecko: 'CoinGecko',
  cmc: 'CoinMarketCap',
  // Its own id: a busy or changed ETF endpoint must not cool down the other CoinMarketCap series.
  'cmc-etf': 'CoinMarketCap ETF flows',
  coinpaprika: 'CoinPaprika',
  coinlore: 'CoinLore',
  'alternative.me': 'alternative.me',
};
