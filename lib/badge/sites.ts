import type { SiteId } from '../settings/defaults';

/**
 * Pages that get the badge, per site: chart and trading pages only, never a site's whole domain,
 * with and without the language prefix some exchanges put first (/en/, /zh-hans/, /zh-CN/…).
 * The content script's `matches` and `siteFromUrl` both come from this table, so they cannot drift.
 */
export const SITE_MATCHES: Record<SiteId, readonly string[]> = {
  tradingview: ['https://*.tradingview.com/chart/*', 'https://*.tradingview.com/symbols/*'],
  binance: ['https://www.binance.com/*/trade/*', 'https://www.binance.com/*/futures/*'],
  coinbase: ['https://www.coinbase.com/advanced-trade/*'],
  bybit: ['https://www.bybit.com/trade/*', 'https://www.bybit.com/*/trade/*'],
  okx: ['https://www.okx.com/trade-*', 'https://www.okx.com/*/trade-*'],
  kraken: ['https://pro.kraken.com/app/trade/*'],
  bitget: [
    'https://www.bitget.com/spot/*',
    'https://www.bitget.com/futures/*',
    'https://www.bitget.com/*/spot/*',
    'https://www.bitget.com/*/futures/*',
  ],
  // /*/trade/* also covers the futures app (/futures/trade/XBTUSDTM)
  kucoin: ['https://www.kucoin.com/trade/*', 'https://www.kucoin.com/*/trade/*'],
  hyperliquid: ['https://app.hyperliquid.xyz/trade*'],
};

/**
 * Single-page trading apps whose trade page is usually reached by in-app navigation (a dashboard or
 * portfolio page loads first): the script is injected on the whole app and shows the badge only once
 * the URL is a trading page (SPA navigations are followed). Each covers its site's SITE_MATCHES.
 */
const APP_SHELLS: Partial<Record<SiteId, readonly string[]>> = {
  kraken: ['https://pro.kraken.com/app/*'],
  hyperliquid: ['https://app.hyperliquid.xyz/*'],
};

/** Where the content script is injected, per site. */
const INJECT: Record<SiteId, readonly string[]> = Object.fromEntries(
  (Object.keys(SITE_MATCHES) as SiteId[]).map((id) => [id, APP_SHELLS[id] ?? SITE_MATCHES[id]]),
) as Record<SiteId, readonly string[]>;

/** Every match pattern, for `defineContentScript({ matches })`. */
export const BADGE_MATCHES: string[] = Object.values(INJECT).flat();

/**
 * A match pattern as a RegExp over `scheme://host/path`: `*` is any run of characters, and a leading
 * `*.` in the host also matches the bare domain (as in the manifest).
 */
function patternRegExp(pattern: string): RegExp {
  const re = pattern
    .split('*')
    .map((part) => part.replace(/[.?+^$|()[\]{}\\]/g, '\\$&'))
    .join('[^]*')
    .replace('://[^]*\\.', '://([^/]+\\.)?');
  return new RegExp(`^${re}$`);
}

const compile = (table: Record<SiteId, readonly string[]>) =>
  (Object.entries(table) as [SiteId, readonly string[]][]).map(([id, p]) => [id, p.map(patternRegExp)] as const);
const SHOW = compile(SITE_MATCHES);
const PAGES = compile(INJECT);

function lookup(compiled: ReturnType<typeof compile>, href: string): SiteId | null {
  let target: string;
  try {
    // Match patterns ignore the port, query and fragment; so do we.
    const u = new URL(href);
    target = `${u.protocol}//${u.hostname}${u.pathname}`;
  } catch {
    return null;
  }
  return compiled.find(([, res]) => res.some((re) => re.test(target)))?.[0] ?? null;
}

/** The site a page URL belongs to, or null when it is not a chart or trading page we support. */
export const siteFromUrl = (href: string): SiteId | null => lookup(SHOW, href);

/** The site whose app a page is part of (where the script runs: trading pages and app shells). */
export const siteOfPage = (href: string): SiteId | null => lookup(PAGES, href);
