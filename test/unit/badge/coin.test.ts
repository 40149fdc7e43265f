import { describe, expect, it } from 'vitest';
import { baseOf, coinFromUrl, coinStanding } from '../../../lib/badge/coin';
import type { AsiSignal } from '../../../lib/signals/asi';
import { realSnapshot } from '../../support/snapshot';

describe('the coin on screen, from the page URL', () => {
  it.each([
    ['tradingview', 'https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ASOLUSDT', 'SOL'],
    ['tradingview', 'https://www.tradingview.com/chart/?symbol=COINBASE:ETHUSD', 'ETH'],
    ['tradingview', 'https://www.tradingview.com/symbols/DOGEUSDT/', 'DOGE'],
    ['tradingview', 'https://www.tradingview.com/symbols/BINANCE-LINKUSDT/', 'LINK'],
    ['tradingview', 'https://www.tradingview.com/chart/AbC123/?symbol=BYBIT%3APEPEUSDT.P', 'PEPE'],
    ['tradingview', 'https://www.tradingview.com/chart/AbC123/', null],
    ['binance', 'https://www.binance.com/en/trade/SOL_USDT?type=spot', 'SOL'],
    ['binance', 'https://www.binance.com/zh-CN/futures/1000PEPEUSDT', 'PEPE'],
    ['coinbase', 'https://www.coinbase.com/advanced-trade/spot/AVAX-USD', 'AVAX'],
    ['bybit', 'https://www.bybit.com/trade/usdt/SUIUSDT', 'SUI'],
    ['bybit', 'https://www.bybit.com/en/trade/spot/XRP/USDT', 'XRP'],
    ['okx', 'https://www.okx.com/trade-spot/sol-usdt', 'SOL'],
    ['okx', 'https://www.okx.com/zh-hans/trade-swap/ton-usdt-swap', 'TON'],
    ['kraken', 'https://pro.kraken.com/app/trade/xbt-usd', 'BTC'],
    ['kraken', 'https://pro.kraken.com/app/trade/ada-eur', 'ADA'],
    ['bitget', 'https://www.bitget.com/spot/HYPEUSDT', 'HYPE'],
    ['bitget', 'https://www.bitget.com/futures/usdt/ENAUSDT', 'ENA'],
    ['kucoin', 'https://www.kucoin.com/trade/KAS-USDT', 'KAS'],
    ['kucoin', 'https://www.kucoin.com/futures/trade/XBTUSDTM', 'BTC'],
    ['hyperliquid', 'https://app.hyperliquid.xyz/trade/HYPE', 'HYPE'],
    ['hyperliquid', 'https://app.hyperliquid.xyz/trade', null],
  ] as const)('%s %s → %s', (site, url, want) => {
    expect(coinFromUrl(site, url)).toBe(want);
  });

  it('never returns garbage from a hostile or odd URL', () => {
    expect(coinFromUrl('binance', 'https://www.binance.com/en/trade/%3Cimg%20src%3Dx%3E_USDT')).toBeNull();
    expect(coinFromUrl('binance', 'not a url')).toBeNull();
    expect(baseOf('USDT')).toBe('USDT'); // a quote alone is its own base, not an empty one
  });
});

describe('where the coin stands in the ASI (real snapshot of 2025-09-19)', () => {
  const snap = realSnapshot('2025-09-19');
  const asi = snap.evaluation.asi as AsiSignal;

  it('ranks a counted coin by its 90-day return and gives it against BTC, computed plainly', () => {
    const sorted = [...asi.coins].sort((a, b) => b.return - a.return);
    const sol = sorted.findIndex((c) => c.symbol === 'SOL');
    const s = coinStanding('SOL', asi);
    expect(s).toMatchObject({ kind: 'ranked', rank: sol + 1, of: asi.counted });
    const want = ((1 + sorted[sol]!.return) / (1 + asi.btcReturn) - 1) * 100;
    expect(s.kind === 'ranked' && s.vsBtcPct).toBeCloseTo(want, 9);
    expect(s.kind === 'ranked' && s.beat).toBe(sorted[sol]!.return > asi.btcReturn);
  });

  it('says why a coin is not counted, and when it is not in the universe at all', () => {
    const excluded = asi.excluded[0]!;
    expect(coinStanding(excluded.symbol, asi)).toEqual({
      kind: 'excluded',
      symbol: excluded.symbol,
      reason: excluded.reason,
    });
    expect(coinStanding('NOTACOIN', asi)).toEqual({ kind: 'outside', symbol: 'NOTACOIN' });
    expect(coinStanding('BTC', asi)).toEqual({ kind: 'btc' });
    expect(coinStanding('SOL', { value: null, why: 'x', asOf: null, excluded: [] })).toEqual({
      kind: 'unknown',
      symbol: 'SOL',
    });
  });
});
