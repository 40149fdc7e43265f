/**
 * The coin universe the emulator's CoinGecko and CoinMarketCap listings answer: every coin in
 * test/fixtures/real/series/coins plus six tokens that are NOT altcoins (USDT, USDC, DAI, WBTC,
 * STETH, XAUT), so that exclusion by category / tag can be tested.
 *
 * Market caps: the REAL caps of raw/cmc-pro/top_cryptos_raw.json (CoinMarketCap, 2025-04-23) where
 * the symbol is there (BTC, ETH, USDT, XRP, BNB, SOL, USDC, DOGE, ADA, TRX, LINK, SUI, AVAX, XLM,
 * TON, SHIB, HBAR, BCH, DOT). Every other cap is SYNTHETIC: DAI, WBTC, STETH and XAUT get a fixed
 * cap of about their size at that time (so they sit inside the top 50 and must be excluded), and the
 * remaining coins a descending cap 6.0e9 × 0.95^i in a hand-made, roughly realistic order. Caps do
 * not move with the simulated clock; tests must not read them as market facts.
 *
 * CoinGecko ids, CMC ids/slugs and names are real where known (CMC ones from the fixture); CMC ids
 * not known here are synthetic (900000 + n). Categories and tags are the exclusion-relevant ones
 * plus a few descriptive ones (best effort, not a copy of either provider's lists).
 */
import { cmcTop, coinSeries, perShift } from './data';

export interface UniverseCoin {
  /** Upper-case ticker. */
  symbol: string;
  name: string;
  cgId: string;
  cmcId: number;
  cmcSlug: string;
  /** USD; real (fixture) or synthetic, see `capIsReal`. */
  marketCap: number;
  capIsReal: boolean;
  /** CoinGecko categories (ids as used in `/coins/markets?category=`). */
  categories: string[];
  /** CoinMarketCap tags (data-api listing `tags`). */
  cmcTags: string[];
  /** Symbol of the fixture close series that prices it; undefined = a fixed synthetic price. */
  priceFrom?: string;
  /** For tokens without a series: a synthetic constant USD price. */
  fixedPrice?: number;
  /** Circulating supply: real for fixture coins, else cap / price (synthetic). */
  circulatingSupply?: number;
}

/** [symbol, name, CoinGecko id]. */
const NAMES: Array<[string, string, string]> = [
  ['AAVE', 'Aave', 'aave'],
  ['ADA', 'Cardano', 'cardano'],
  ['ALGO', 'Algorand', 'algorand'],
  ['APT', 'Aptos', 'aptos'],
  ['ARB', 'Arbitrum', 'arbitrum'],
  ['ASTER', 'Aster', 'aster-2'],
  ['ATOM', 'Cosmos Hub', 'cosmos'],
  ['AVAX', 'Avalanche', 'avalanche-2'],
  ['AXS', 'Axie Infinity', 'axie-infinity'],
  ['BCH', 'Bitcoin Cash', 'bitcoin-cash'],
  ['BNB', 'BNB', 'binancecoin'],
  ['BONK', 'Bonk', 'bonk'],
  ['BTC', 'Bitcoin', 'bitcoin'],
  ['CAKE', 'PancakeSwap', 'pancakeswap-token'],
  ['CRV', 'Curve DAO', 'curve-dao-token'],
  ['DOGE', 'Dogecoin', 'dogecoin'],
  ['DOT', 'Polkadot', 'polkadot'],
  ['EGLD', 'MultiversX', 'elrond-erd-2'],
  ['ENA', 'Ethena', 'ethena'],
  ['ENS', 'Ethereum Name Service', 'ethereum-name-service'],
  ['ETC', 'Ethereum Classic', 'ethereum-classic'],
  ['ETH', 'Ethereum', 'ethereum'],
  ['FET', 'Artificial Superintelligence Alliance', 'fetch-ai'],
  ['FIL', 'Filecoin', 'filecoin'],
  ['FLOKI', 'FLOKI', 'floki'],
  ['FLOW', 'Flow', 'flow'],
  ['GALA', 'GALA', 'gala'],
  ['GRT', 'The Graph', 'the-graph'],
  ['HBAR', 'Hedera', 'hedera-hashgraph'],
  ['HYPE', 'Hyperliquid', 'hyperliquid'],
  ['ICP', 'Internet Computer', 'internet-computer'],
  ['IMX', 'Immutable', 'immutable-x'],
  ['INJ', 'Injective', 'injective-protocol'],
  ['JTO', 'Jito', 'jito-governance-token'],
  ['JUP', 'Jupiter', 'jupiter-exchange-solana'],
  ['KAIA', 'Kaia', 'kaia'],
  ['KAS', 'Kaspa', 'kaspa'],
  ['LDO', 'Lido DAO', 'lido-dao'],
  ['LINK', 'Chainlink', 'chainlink'],
  ['LTC', 'Litecoin', 'litecoin'],
  ['MANA', 'Decentraland', 'decentraland'],
  ['NEAR', 'NEAR Protocol', 'near'],
  ['NEO', 'NEO', 'neo'],
  ['ONDO', 'Ondo', 'ondo-finance'],
  ['OP', 'Optimism', 'optimism'],
  ['PENGU', 'Pudgy Penguins', 'pudgy-penguins'],
  ['PEPE', 'Pepe', 'pepe'],
  ['POL', 'POL (ex-MATIC)', 'polygon-ecosystem-token'],
  ['PUMP', 'Pump.fun', 'pump-fun'],
  ['PYTH', 'Pyth Network', 'pyth-network'],
  ['QNT', 'Quant', 'quant-network'],
  ['RENDER', 'Render', 'render-token'],
  ['S', 'Sonic', 'sonic-3'],
  ['SAND', 'The Sandbox', 'the-sandbox'],
  ['SEI', 'Sei', 'sei-network'],
  ['SHIB', 'Shiba Inu', 'shiba-inu'],
  ['SKY', 'Sky', 'sky'],
  ['SOL', 'Solana', 'solana'],
  ['STX', 'Stacks', 'blockstack'],
  ['SUI', 'Sui', 'sui'],
  ['TAO', 'Bittensor', 'bittensor'],
  ['THETA', 'Theta Network', 'theta-token'],
  ['TIA', 'Celestia', 'celestia'],
  ['TON', 'Toncoin', 'the-open-network'],
  ['TRUMP', 'Official Trump', 'official-trump'],
  ['TRX', 'TRON', 'tron'],
  ['UNI', 'Uniswap', 'uniswap'],
  ['VET', 'VeChain', 'vechain'],
  ['VIRTUAL', 'Virtuals Protocol', 'virtual-protocol'],
  ['WIF', 'dogwifhat', 'dogwifcoin'],
  ['WLD', 'Worldcoin', 'worldcoin-wld'],
  ['WLFI', 'World Liberty Financial', 'world-liberty-financial'],
  ['XLM', 'Stellar', 'stellar'],
  ['XMR', 'Monero', 'monero'],
  ['XPL', 'Plasma', 'plasma'],
  ['XRP', 'XRP', 'ripple'],
  ['ZEC', 'Zcash', 'zcash'],
  // Not altcoins: the exclusion list must catch these.
  ['USDT', 'Tether', 'tether'],
  ['USDC', 'USDC', 'usd-coin'],
  ['DAI', 'Dai', 'dai'],
  ['WBTC', 'Wrapped Bitcoin', 'wrapped-bitcoin'],
  ['STETH', 'Lido Staked Ether', 'staked-ether'],
  ['XAUT', 'Tether Gold', 'tether-gold'],
];

/** CMC ids known to be real (besides the fixture's); others are synthetic. */
const KNOWN_CMC_IDS: Record<string, number> = {
  LTC: 2,
  XMR: 328,
  ETC: 1321,
  NEO: 1376,
  DAI: 4943,
  WBTC: 3717,
  STETH: 8085,
  XAUT: 5176,
  AAVE: 7278,
  UNI: 7083,
  ATOM: 3794,
  NEAR: 6535,
  FIL: 2280,
  ICP: 8916,
  PEPE: 24478,
  PENGU: 34466,
};

/** SYNTHETIC caps for the non-alt tokens missing from the fixture (about their April 2025 size). */
const SYNTHETIC_FIXED_CAPS: Record<string, { cap: number; price: number }> = {
  STETH: { cap: 16.0e9, price: 0 }, // priced like ETH (below)
  WBTC: { cap: 11.0e9, price: 0 }, // priced like BTC
  DAI: { cap: 5.36e9, price: 1 },
  XAUT: { cap: 0.8e9, price: 3300 },
};

/** Order of the SYNTHETIC descending caps (6.0e9 × 0.95^i) for coins missing from the fixture. */
const SYNTHETIC_ORDER = [
  'HYPE',
  'LTC',
  'XMR',
  'UNI',
  'NEAR',
  'APT',
  'ICP',
  'ETC',
  'ONDO',
  'AAVE',
  'TAO',
  'RENDER',
  'POL',
  'ARB',
  'FET',
  'ATOM',
  'ALGO',
  'FIL',
  'OP',
  'KAS',
  'TIA',
  'ENA',
  'VET',
  'INJ',
  'STX',
  'SEI',
  'BONK',
  'WLD',
  'IMX',
  'GRT',
  'TRUMP',
  'JUP',
  'VIRTUAL',
  'QNT',
  'FLOKI',
  'WIF',
  'PENGU',
  'S',
  'LDO',
  'PYTH',
  'SAND',
  'THETA',
  'JTO',
  'CRV',
  'GALA',
  'CAKE',
  'MANA',
  'FLOW',
  'AXS',
  'NEO',
  'EGLD',
  'KAIA',
  'ENS',
  'ZEC',
  'ASTER',
  'WLFI',
  'XPL',
  'PUMP',
  'SKY',
];

const STABLE_TAGS = ['stablecoin', 'asset-backed-stablecoin', 'usd-stablecoin', 'fiat-stablecoin'];
const MEMES = ['DOGE', 'SHIB', 'PEPE', 'BONK', 'FLOKI', 'WIF', 'TRUMP', 'PENGU', 'PUMP'];
const LAYER1 = [
  'BTC',
  'ETH',
  'SOL',
  'ADA',
  'AVAX',
  'TRX',
  'TON',
  'SUI',
  'NEAR',
  'APT',
  'ALGO',
  'BNB',
  'XRP',
  'HBAR',
  'ICP',
  'SEI',
  'S',
  'KAS',
  'EGLD',
  'FLOW',
  'LTC',
  'BCH',
  'XLM',
  'ETC',
  'XMR',
  'ZEC',
  'HYPE',
  'KAIA',
  'XPL',
];
const DEFI = ['AAVE', 'UNI', 'CRV', 'LDO', 'ENA', 'ONDO', 'JUP', 'CAKE', 'SKY', 'ASTER', 'JTO', 'PYTH', 'DAI', 'HYPE'];

/** CoinGecko category memberships of the exclusion-relevant tokens. */
const CG_CATEGORIES: Record<string, string[]> = {
  USDT: ['stablecoins', 'usd-stablecoin', 'fiat-backed-stablecoin'],
  USDC: ['stablecoins', 'usd-stablecoin', 'fiat-backed-stablecoin'],
  DAI: ['stablecoins', 'usd-stablecoin', 'crypto-backed-stablecoin', 'decentralized-finance-defi'],
  WBTC: ['wrapped-tokens', 'tokenized-btc', 'bridged-tokens'],
  STETH: ['liquid-staking-tokens', 'lido-finance'],
  XAUT: ['asset-backed-tokens', 'tokenized-gold'],
};

const CMC_TAGS: Record<string, string[]> = {
  DAI: [...STABLE_TAGS.slice(0, 3), 'defi'],
  WBTC: ['wrapped-tokens', 'defi', 'bitcoin-ecosystem'],
  STETH: ['liquid-staking-derivatives', 'defi'],
  XAUT: ['tokenized-gold', 'asset-backed-coin', 'commodity-backed'],
};

/** All coins, sorted by market cap (descending); built once per day shift. */
export const universe = perShift((): UniverseCoin[] => {
  const series = coinSeries();
  const top = new Map(cmcTop().map((c) => [c.symbol, c]));
  const names = new Map(NAMES.map(([s, n, id]) => [s, { name: n, cgId: id }]));
  const symbols = new Set<string>([...series.keys(), 'USDT', 'USDC', 'DAI', 'WBTC', 'STETH', 'XAUT']);
  const order = [...SYNTHETIC_ORDER, ...[...symbols].filter((s) => !SYNTHETIC_ORDER.includes(s)).sort()];
  let synth = 900_000;
  const coins: UniverseCoin[] = [];
  for (const symbol of symbols) {
    const real = top.get(symbol);
    const meta = names.get(symbol) ?? { name: symbol, cgId: symbol.toLowerCase() };
    const cgCats = [...(CG_CATEGORIES[symbol] ?? [])];
    if (MEMES.includes(symbol)) cgCats.push('meme-token');
    if (LAYER1.includes(symbol)) cgCats.push('layer-1');
    if (DEFI.includes(symbol)) cgCats.push('decentralized-finance-defi');
    const fixed = SYNTHETIC_FIXED_CAPS[symbol];
    let marketCap: number;
    if (real) marketCap = real.quote.USD.market_cap;
    else if (fixed) marketCap = fixed.cap;
    else marketCap = 6.0e9 * 0.95 ** Math.max(0, order.indexOf(symbol));
    const coin: UniverseCoin = {
      symbol,
      name: real?.name ?? meta.name,
      cgId: meta.cgId,
      cmcId: real?.id ?? KNOWN_CMC_IDS[symbol] ?? synth++,
      cmcSlug: real?.slug ?? meta.cgId,
      marketCap,
      capIsReal: real !== undefined,
      categories: [...new Set(cgCats)],
      cmcTags: real?.tags ?? CMC_TAGS[symbol] ?? (MEMES.includes(symbol) ? ['memes'] : []),
    };
    if (series.has(symbol)) coin.priceFrom = symbol;
    else if (symbol === 'WBTC') coin.priceFrom = 'BTC';
    else if (symbol === 'STETH') coin.priceFrom = 'ETH';
    else coin.fixedPrice = real ? real.quote.USD.price : (fixed?.price ?? 1);
    if (real) coin.circulatingSupply = real.circulating_supply;
    coins.push(coin);
  }
  coins.sort((a, b) => b.marketCap - a.marketCap || a.symbol.localeCompare(b.symbol));
  return coins;
});

export const isStable = (c: UniverseCoin): boolean => c.categories.includes('stablecoins');
