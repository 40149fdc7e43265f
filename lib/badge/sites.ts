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

/** `s` against a glob where `*` is any run of characters (slashes too, as in a match pattern's path). */
function glob(pattern: string, s: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0]!;
  const last = parts.at(-1)!;
  if (parts.length === 1) return s === pattern;
  if (!s.startsWith(first) || s.length < first.length + last.length || !s.endsWith(last)) return false;
  let at = first.length;
  const end = s.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const i = s.indexOf(part, at);
    if (i < 0 || i + part.length > end) return false;
    at = i + part.length;
  }
  return true;
}

/**
 * A URL against a match pattern: the scheme equal, the host equal (a leading `*.` also matches the bare domain, as
 * in the manifest), the path by glob. Plain string work: no RegExp is built or compiled while the page loads.
 */
function matches(pattern: string, u: URL): boolean {
  const [scheme, rest] = pattern.split('://') as [string, string];
  const slash = rest.indexOf('/');
  const host = rest.slice(0, slash);
  const h = u.hostname;
  const hostOk = host.startsWith('*.') ? h === host.slice(2) || h.endsWith(host.slice(1)) : h === host;
  return u.protocol === `${scheme}:` && hostOk && glob(rest.slice(slash), u.pathname);
}

function lookup(table: Record<SiteId, readonly string[]>, href: string): SiteId | null {
  let u: URL;
  try {
    u = new URL(href); // match patterns ignore the port, query and fragment; so do we
  } catch {
    return null;
  }
  for (const id in table) if (table[id as SiteId].some((p) => matches(p, u))) return id as SiteId;
  return null;
}

/** The site a page URL belongs to, or null when it is not a chart or trading page we support. */
export const siteFromUrl = (href: string): SiteId | null => lookup(SITE_MATCHES, href);

/** The site whose app a page is part of (where the script runs: trading pages and app shells). */
export const siteOfPage = (href: string): SiteId | null => lookup(INJECT, href);
