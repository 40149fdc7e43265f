/** Which pages get a badge (lib/badge/sites.ts, badgeSite) and which theme it takes (lib/badge/theme.ts). */
import { describe, expect, it } from 'vitest';
import { BADGE_MATCHES, siteFromUrl } from '../../../lib/badge/sites';
import { badgeOpacity, badgeSite } from '../../../lib/badge/state';
import { detectTheme } from '../../../lib/badge/theme';

describe('siteFromUrl', () => {
  it.each([
    ['https://www.tradingview.com/chart/AbC123/?symbol=BINANCE%3ABTCUSDT', 'tradingview'],
    ['https://tradingview.com/chart/', 'tradingview'],
    ['https://in.tradingview.com/symbols/BTCUSD/#x', 'tradingview'],
    ['https://www.binance.com/en/trade/BTC_USDT?type=spot', 'binance'],
    ['https://www.binance.com:443/en/futures/BTCUSDT', 'binance'],
    ['https://www.coinbase.com/advanced-trade/spot/BTC-USD', 'coinbase'],
    ['https://www.okx.com/trade-spot/btc-usdt', 'okx'],
    ['https://app.hyperliquid.xyz/trade', 'hyperliquid'],
  ])('%s → %s', (url, site) => expect(siteFromUrl(url)).toBe(site));

  it.each([
    'https://www.tradingview.com/',
    'https://www.tradingview.com/news/chart/',
    'https://www.binance.com/en/markets',
    'http://www.coinbase.com.evil.example/advanced-trade/x',
    'https://eviltradingview.com/chart/',
    'https://www.coinbase.com/advanced-trade', // the pattern needs a path after it
    'not a url',
    '',
  ])('no badge on %s', (url) => expect(siteFromUrl(url)).toBeNull());

  it('every match pattern is a valid, https-only content-script pattern', () => {
    for (const m of BADGE_MATCHES) expect(m).toMatch(/^https:\/\/(\*\.)?[a-z.]+\/.+/);
  });
});

describe('badgeSite and badgeOpacity', () => {
  const TV = 'https://www.tradingview.com/chart/x/';
  it('shows on a supported site unless the user switched that site off; missing settings mean on', () => {
    expect(badgeSite(TV, undefined)).toBe('tradingview');
    expect(badgeSite(TV, { sites: {} })).toBe('tradingview');
    expect(badgeSite(TV, { sites: { tradingview: true } })).toBe('tradingview');
    expect(badgeSite(TV, { sites: { tradingview: false } })).toBeNull();
    expect(badgeSite(TV, { sites: { binance: false } })).toBe('tradingview');
    expect(badgeSite('https://example.com/', null)).toBeNull();
  });

  it('clamps opacity to 0.3..1, 0.95 when unset or not a number', () => {
    expect(badgeOpacity({ badge: { opacity: 0.5 } })).toBe(0.5);
    expect(badgeOpacity({ badge: { opacity: 0 } })).toBe(0.3);
    expect(badgeOpacity({ badge: { opacity: 7 } })).toBe(1);
    expect(badgeOpacity({ badge: { opacity: '0.5' } })).toBe(0.95);
    expect(badgeOpacity({ badge: { opacity: NaN } })).toBe(0.95);
    expect(badgeOpacity(null)).toBe(0.95);
  });
});

describe('detectTheme', () => {
  const base = { htmlClass: '', markers: '', prefersDark: false };
  it("on TradingView only its own theme-dark class decides, whatever the OS says", () => {
    expect(detectTheme({ ...base, site: 'tradingview', htmlClass: 'is-authenticated theme-dark' })).toBe('dark');
    expect(detectTheme({ ...base, site: 'tradingview', prefersDark: true })).toBe('light');
    expect(detectTheme({ ...base, site: 'tradingview', markers: 'dark' })).toBe('light');
    expect(detectTheme({ ...base, site: 'tradingview', htmlClass: 'theme-darkish' })).toBe('light');
  });

  it('elsewhere an explicit marker wins over the OS preference, dark over light', () => {
    expect(detectTheme({ ...base, site: 'binance', markers: ' dark-mode ' })).toBe('dark');
    expect(detectTheme({ ...base, site: 'binance', htmlClass: 'night' })).toBe('dark');
    expect(detectTheme({ ...base, site: 'bybit', markers: 'light', prefersDark: true })).toBe('light');
    expect(detectTheme({ ...base, site: 'bybit', markers: 'light theme-dark' })).toBe('dark');
    expect(detectTheme({ ...base, site: 'okx', prefersDark: true })).toBe('dark');
    expect(detectTheme({ ...base, site: 'okx', markers: 'darkreader-x' })).toBe('light');
  });
});
