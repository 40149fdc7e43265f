/**
 * What never counts as an altcoin (SIGNALS.md §3, §6), listed once: the default exclusion settings
 * are built from these lists, and each source asks its provider for its own categories from here.
 */

/**
 * Coins that are not bets on an altcoin: stablecoins, wrapped and bridged assets, liquid-staking
 * receipts, tokenized gold and other asset-backed tokens. Maintained by hand; users may edit it.
 */
// prettier-ignore
export const BUILTIN_EXCLUSIONS: readonly string[] = [
  // stablecoins
  'USDT', 'USDC', 'DAI', 'FDUSD', 'TUSD', 'USDE', 'USDS', 'PYUSD', 'USD1', 'BUSD', 'USDD', 'FRAX', 'LUSD', 'GUSD',
  'USDP', 'RLUSD', 'USDG', 'EURC', 'EURT', 'USD0', 'CRVUSD', 'GHO', 'USDY', 'BFUSD', 'USDF', 'USDTB', 'SUSDE', 'SUSDS',
  'USTC', 'USDX', 'DOLA', 'USDB', 'AUSD', 'FXUSD', 'USDA',
  // wrapped and bridged
  'WBTC', 'WETH', 'WBNB', 'WTRX', 'WAVAX', 'WSOL', 'WPOL', 'CBBTC', 'BTCB', 'LBTC', 'SOLVBTC', 'TBTC', 'WHBAR',
  'BTC.B', 'FBTC', 'UNIBTC', 'PUMPBTC', 'CLBTC', 'ENZOBTC', 'KBTC',
  // liquid staking and restaking receipts
  'STETH', 'WSTETH', 'RETH', 'CBETH', 'WBETH', 'WEETH', 'EETH', 'EZETH', 'RSETH', 'METH', 'LSETH', 'SWETH',
  'OSETH', 'ETHX', 'SFRXETH', 'JITOSOL', 'MSOL', 'BNSOL', 'JUPSOL', 'BBSOL', 'STSOL', 'SSOL', 'STKAVAX',
  'SAVAX', 'STX.ST', 'BSOL', 'HSOL', 'INF',
  // tokenized gold and other asset-backed or yield tokens
  'PAXG', 'XAUT', 'KAU', 'KAG', 'DGX', 'BUIDL', 'USYC', 'OUSG', 'USTB', 'BENJI', 'SYRUPUSDC',
];

/** Provider categories whose members are excluded, by provider: each names them its own way. */
export const EXCLUDED_CATEGORIES = {
  /** CoinGecko category ids (`/coins/markets?category=…`, one call each). */
  coingecko: [
    'stablecoins',
    'wrapped-tokens',
    'liquid-staking-tokens',
    'bridged-tokens',
    'tokenized-btc',
    'asset-backed-tokens',
  ],
  /** CoinMarketCap tags (the listing's `tags`). */
  cmc: ['stablecoin', 'wrapped-tokens', 'tokenized-gold'],
} as const;

/** The `asi.excludeCategories` default: every provider's categories, each id once (CoinGecko's first). */
export const BUILTIN_EXCLUDED_CATEGORIES: readonly string[] = [
  ...new Set<string>([...EXCLUDED_CATEGORIES.coingecko, ...EXCLUDED_CATEGORIES.cmc]),
];
