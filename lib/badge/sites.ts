import type { SiteId } from '../settings/defaults';

/**
 * Pages that get the badge, per site: chart and trading pages only, never a site's whole domain.
 * The content script's `matches` and `siteFromUrl` both come from this table, so they cannot drift.
 */
export const SITE_MATCHES: Record<SiteId, readonly string[]> = {
  tradingview: ['https://*.tradingview.com/chart/*', 'https://*.tradingview.com/symbols/*'],
  binance: ['https://www.binance.com/*/trade/*', 'https://www.binance.com/*/futures/*'],
  coinbase: ['https://www.coinbase.com/advanced-trade/*'],
  bybit: ['https://www.bybit.com/trade/*'],
  okx: ['https://www.okx.com/trade-*'],
  kraken: ['https://pro.kraken.com/app/trade/*'],
  bitget: ['https://www.bitget.com/spot/*', 'https://www.bitget.com/futures/*'],
  kucoin: ['https://www.kucoin.com/trade/*'],
  hyperliquid: ['https://app.hyperliquid.xyz/trade*'],
};

/** Every match pattern, for `defineContentScript({ matches })`. */
export const BADGE_MATCHES: string[] = Object.values(SITE_MATCHES).flat();

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

const COMPILED = (Object.entries(SITE_MATCHES) as [SiteId, readonly string[]][]).map(([id, p]) => [id, p.map(patternRegExp)] as const);

/** The site a page URL belongs to, or null when it is not a chart or trading page we support. */
export function siteFromUrl(href: string): SiteId | null {
  let target: string;
  try {
    // Match patterns ignore the port, query and fragment; so do we.
    const u = new URL(href);
    target = `${u.protocol}//${u.hostname}${u.pathname}`;
  } catch {
    return null;
  }
  return COMPILED.find(([, res]) => res.some((re) => re.test(target)))?.[0] ?? null;
}
