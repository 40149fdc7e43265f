/**
 * Every origin the worker fetches from (SIGNALS.md §6). The manifest's host permissions and the
 * extension pages' CSP `connect-src` are built from this one list (a test checks each source URL is in it).
 */
export const API_ORIGINS = [
  'https://data-api.binance.vision',
  'https://api.binance.com',
  'https://query1.finance.yahoo.com',
  'https://query2.finance.yahoo.com',
  'https://api.coingecko.com',
  'https://api.coinmarketcap.com',
  'https://api.coinpaprika.com',
  'https://api.coinlore.net',
  'https://api.alternative.me',
] as const;
