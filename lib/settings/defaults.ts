/** Every threshold and window of SIGNALS.md §3–5, with the documented defaults. */
export const SETTINGS_VERSION = 2;

/** Sites that get the on-page badge; each can be switched off. */
export const SITE_IDS = [
  'tradingview',
  'binance',
  'coinbase',
  'bybit',
  'okx',
  'kraken',
  'bitget',
  'kucoin',
  'hyperliquid',
] as const;
export type SiteId = (typeof SITE_IDS)[number];

export interface Settings {
  version: typeof SETTINGS_VERSION;
  russell: {
    /** The 2021 record close the weekly confirmation is measured against. */
    referenceHigh: number;
    /** Trading days without a record close that make a base; a record close after one is a breakout. */
    breakoutBaseDays: number;
    /** Within this % of the ATH counts as near-ath. */
    nearAthPct: number;
    /** A record close within this many trading days makes the state `breakout`. */
    breakoutRecentDays: number;
    spilloverFromDays: number;
    spilloverToDays: number;
    smaDays: number;
  };
  asi: {
    preset: AsiPresetId;
    topN: number;
    windowDays: number;
    /** How far before D − W the last close may lie and still count. */
    toleranceDays: number;
    /** Below this share of the universe aimed at actually counted, the ASI is unknown (SIGNALS.md §3). */
    minCoveragePct: number;
    /** Symbols never counted (stablecoins, wrapped, liquid staking, tokenized gold…). Upper case. */
    excludeSymbols: string[];
    /** Provider category tags that exclude a coin. */
    excludeCategories: string[];
  };
  dominance: {
    /** Zone boundaries, ascending: below [0] strongest alt rallies … [2]..[3] pivotal … above [3]. */
    zones: [number, number, number, number];
    trendPoints: number;
    changeDays: number;
    changeLongDays: number;
    toleranceDays: number;
    macdFast: number;
    macdSlow: number;
    macdSignal: number;
    /** A bearish monthly cross within this many months supports the setup. */
    bearishCrossMonths: number;
    wedgeWeeks: number;
  };
  ethbtc: { changeDays: number; smaShort: number; smaLong: number; toleranceDays: number };
  total3: { changeDays: number; toleranceDays: number };
  fearGreed: { extremeFear: number; fear: number; neutral: number; greed: number };
  stage: {
    btcSeasonMax: number;
    altRotationMin: number;
    altseasonMin: number;
    /** ETH/BTC 30-day change (%) at or above which majors are leading. */
    ethRotationEthBtcPct: number;
    /** Dominance 30-day change (points) at or below which majors are leading (negative). */
    ethRotationDominancePts: number;
    lateCycleGreed: number;
    lateCycleDominance: number;
    fearWashout: number;
  };
  hysteresis: { confirmDays: number; marginPoints: number };
  staleness: { cryptoMaxAgeDays: number; russellMaxAgeDays: number };
  refresh: { intervalMinutes: number };
  sites: Record<SiteId, boolean>;
  badge: {
    /** 0.3..1: how opaque the on-page badge is. */
    opacity: number;
  };
  alerts: {
    stageChange: boolean;
    russellBreakout: boolean;
    weeklyConfirmation: boolean;
    /** Notify when the ASI crosses any of these levels (0..100), either way. */
    asiLevels: number[];
    dominanceZone: boolean;
    /** Epoch ms until which no notification is shown; 0 = not snoozed. */
    snoozeUntil: number;
  };
}

export type AsiPresetId = 'top50-90d' | 'top100-90d' | 'custom';

/** Presets of SIGNALS.md §3: blockchaincenter-style (default) and CoinMarketCap-style. */
export const ASI_PRESETS: Record<
  Exclude<AsiPresetId, 'custom'>,
  { label: string; topN: number; windowDays: number }
> = {
  'top50-90d': { label: 'Top 50 / 90 d', topN: 50, windowDays: 90 },
  'top100-90d': { label: 'Top 100 / 90 d', topN: 100, windowDays: 90 },
};

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

// prettier-ignore
export const BUILTIN_EXCLUDED_CATEGORIES: readonly string[] = [
  // CoinGecko category ids
  'stablecoins', 'wrapped-tokens', 'liquid-staking-tokens', 'bridged-tokens', 'tokenized-btc', 'asset-backed-tokens',
  // CoinMarketCap tags
  'stablecoin', 'tokenized-gold',
];

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    russell: {
      referenceHigh: 2442.74,
      breakoutBaseDays: 250,
      nearAthPct: 3,
      breakoutRecentDays: 20,
      spilloverFromDays: 90,
      spilloverToDays: 180,
      smaDays: 200,
    },
    asi: {
      preset: 'top50-90d',
      topN: 50,
      windowDays: 90,
      toleranceDays: 3,
      minCoveragePct: 80,
      excludeSymbols: [...BUILTIN_EXCLUSIONS],
      excludeCategories: [...BUILTIN_EXCLUDED_CATEGORIES],
    },
    dominance: {
      zones: [50, 55, 59, 63],
      trendPoints: 1,
      changeDays: 30,
      changeLongDays: 90,
      toleranceDays: 3,
      macdFast: 12,
      macdSlow: 26,
      macdSignal: 9,
      bearishCrossMonths: 6,
      wedgeWeeks: 26,
    },
    ethbtc: { changeDays: 30, smaShort: 50, smaLong: 200, toleranceDays: 3 },
    total3: { changeDays: 30, toleranceDays: 3 },
    fearGreed: { extremeFear: 25, fear: 45, neutral: 55, greed: 75 },
    stage: {
      btcSeasonMax: 25,
      altRotationMin: 50,
      altseasonMin: 75,
      ethRotationEthBtcPct: 5,
      ethRotationDominancePts: -1,
      lateCycleGreed: 80,
      lateCycleDominance: 50,
      fearWashout: 25,
    },
    hysteresis: { confirmDays: 2, marginPoints: 3 },
    staleness: { cryptoMaxAgeDays: 2, russellMaxAgeDays: 4 },
    refresh: { intervalMinutes: 60 },
    sites: Object.fromEntries(SITE_IDS.map((id) => [id, true])) as Record<SiteId, boolean>,
    badge: { opacity: 0.95 },
    alerts: {
      stageChange: true,
      russellBreakout: false,
      weeklyConfirmation: false,
      asiLevels: [],
      dominanceZone: false,
      snoozeUntil: 0,
    },
  };
}
