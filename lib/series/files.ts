import type { ColumnSpec } from './csv';

/** The normalized series directory layout of SIGNALS.md §2, and how each file is read. */
export const SERIES_FILES = {
  rut: { file: 'rut.csv', spec: { value: 'close', min: 0, minExclusive: true } },
  btcDominance: { file: 'btc-dominance.csv', spec: { value: 'value', min: 0, max: 100 } },
  ethbtc: { file: 'ethbtc.csv', spec: { value: 'close', min: 0, minExclusive: true } },
  fearGreed: { file: 'fear-greed.csv', spec: { value: 'value', min: 0, max: 100 } },
  total3: { file: 'total3.csv', spec: { value: 'value', min: 0, minExclusive: true } },
  // Net flows: negative on outflow days.
  etfFlowsBtc: { file: 'etf-flows-btc.csv', spec: { value: 'value' } },
  etfFlowsEth: { file: 'etf-flows-eth.csv', spec: { value: 'value' } },
} as const satisfies Record<string, { file: string; spec: ColumnSpec }>;

export const COIN_SPEC: ColumnSpec = { value: 'close', min: 0, minExclusive: true, extra: 'market_cap' };
export const COINS_DIR = 'coins';
