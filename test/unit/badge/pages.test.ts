/** Which pages get a badge (lib/badge/sites.ts, badgeSite) and which theme it takes (lib/badge/theme.ts). */
import { describe, expect, it } from 'vitest';
import { BADGE_MATCHES, siteFromUrl, siteOfPage } from '../../../lib/badge/sites';
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
    // the exchanges' language prefixes, and KuCoin's futures app
    ['https://www.okx.com/zh-hans/trade-spot/btc-usdt', 'okx'],
    ['https://www.bybit.com/en/trade/spot/BTC/USDT', 'bybit'],
    ['https://www.bitget.com/zh-CN/spot/BTCUSDT', 'bitget'],
    ['https://www.bitget.com/en/futures/usdt/BTCUSDT', 'bitget'],
    ['https://www.kucoin.com/zh-hant/trade/BTC-USDT', 'kucoin'],
    ['https://www.kucoin.com/futures/trade/XBTUSDTM', 'kucoin'],
  ])('%s → %s', (url, site) => expect(siteFromUrl(url)).toBe(site));

  it('injects on the whole Kraken Pro and Hyperliquid apps (reached by in-app navigation), with the badge on their trade pages only', () => {
    for (const url of ['https://pro.kraken.com/app/home', 'https://app.hyperliquid.xyz/portfolio']) {
      expect(siteOfPage(url)).not.toBeNull();
      expect(siteFromUrl(url)).toBeNull();
    }
    expect(siteFromUrl('https://pro.kraken.com/app/trade/btc-usd')).toBe('kraken');
    // everywhere else the script runs only where the badge shows
    expect(siteOfPage('https://www.binance.com/en/markets')).toBeNull();
    expect(siteOfPage('https://www.kraken.com/app/home')).toBeNull();
  });

  it('every page that shows the badge is one the script is injected on', () => {
    const urls = [
      'https://www.tradingview.com/chart/x/',
      'https://pro.kraken.com/app/trade/btc-usd',
      'https://app.hyperliquid.xyz/trade/BTC',
      'https://www.okx.com/zh-hans/trade-spot/x',
      'https://www.kucoin.com/futures/trade/XBTUSDTM',
    ];
    for (const url of urls) expect([url, siteOfPage(url)]).toEqual([url, siteFromUrl(url)]);
  });

  it.each([
    ['https://app.hyperliquid.xyz/trader', 'hyperliquid'], // `/trade*`: any run after it, as in the manifest
    ['https://www.bitget.com/spot/', 'bitget'], // a `*` may match nothing
    ['https://www.okx.com/en/trade-swap/', 'okx'],
    ['https://WWW.TradingView.com/chart/x', 'tradingview'], // hosts compare lower-case
  ])('the match pattern rules: %s → %s', (url, site) => expect(siteFromUrl(url)).toBe(site));

  it.each([
    'https://www.tradingview.com/',
    'https://www.binance.com/en/trade', // `/*/trade/*` needs the slash after trade
    'https://www.binance.com/trade/BTC_USDT', // … and a segment before it
    'https://evil.example/www.bitget.com/spot/x', // the host is the URL's host, never a path that names one
    'https://tradingview.com.evil.example/chart/',
    'https://www.okx.com/trade', // `trade-*`
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
  it('on TradingView only its own theme-dark class decides, whatever the OS says', () => {
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
