/**
 * The reviewed lists, written out on purpose rather than imported from lib/origins.ts and
 * lib/badge/sites.ts (which the build uses): a permission widened there must fail here.
 */
export const REVIEWED_API_ORIGINS = [
  'https://data-api.binance.vision',
  'https://api.binance.com',
  'https://query1.finance.yahoo.com',
  'https://query2.finance.yahoo.com',
  'https://api.coingecko.com',
  'https://api.coinmarketcap.com',
  'https://api.coinpaprika.com',
  'https://api.coinlore.net',
  'https://api.alternative.me',
];
export const REVIEWED_BADGE_MATCHES = [
  'https://*.tradingview.com/chart/*',
  'https://*.tradingview.com/symbols/*',
  'https://app.hyperliquid.xyz/*',
  'https://pro.kraken.com/app/*',
  'https://www.binance.com/*/futures/*',
  'https://www.binance.com/*/trade/*',
  'https://www.bitget.com/*/futures/*',
  'https://www.bitget.com/*/spot/*',
  'https://www.bitget.com/futures/*',
  'https://www.bitget.com/spot/*',
  'https://www.bybit.com/*/trade/*',
  'https://www.bybit.com/trade/*',
  'https://www.coinbase.com/advanced-trade/*',
  'https://www.kucoin.com/*/trade/*',
  'https://www.kucoin.com/trade/*',
  'https://www.okx.com/*/trade-*',
  'https://www.okx.com/trade-*',
];

/** The badge sites' origins, where the badge panel's module is web-accessible (Chrome takes no path there). */
export const REVIEWED_BADGE_ORIGINS = [
  'https://*.tradingview.com/*',
  'https://app.hyperliquid.xyz/*',
  'https://pro.kraken.com/*',
  'https://www.binance.com/*',
  'https://www.bitget.com/*',
  'https://www.bybit.com/*',
  'https://www.coinbase.com/*',
  'https://www.kucoin.com/*',
  'https://www.okx.com/*',
];
