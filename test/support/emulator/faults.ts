/**
 * Fault bodies and body rewrites (see `Fault` in types.ts).
 */
import { BINANCE_HOSTS } from './routes/binance';
import { YAHOO_HOSTS } from './routes/yahoo';

type Json = unknown;

const isObj = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Every array at the smallest depth where arrays occur (the root counts as depth 0). */
function shallowestArrays(root: Json): { depth: number } {
  let best = Infinity;
  const walk = (x: Json, d: number) => {
    if (d >= best) return;
    if (Array.isArray(x)) {
      best = d;
      return;
    }
    if (isObj(x)) for (const v of Object.values(x)) walk(v, d + 1);
  };
  walk(root, 0);
  return { depth: best };
}

function firstLeaf(x: Json): Json {
  if (Array.isArray(x)) return x.length ? firstLeaf(x[0]) : null;
  if (isObj(x)) {
    const v = Object.values(x);
    return v.length ? firstLeaf(v[0]) : null;
  }
  return x;
}

const arrayToObject = (a: Json[]): Record<string, Json> => Object.fromEntries(a.map((v, i) => [String(i), v]));

/**
 * Generic shape drift, the kind undocumented APIs go through:
 * 1. if the body has arrays, every array at the shallowest depth becomes an object keyed "0", "1", …
 *    (Binance rows, Yahoo `chart.result`, CMC `data.points`, CoinGecko `prices`, alternative.me `data`);
 * 2. else every object-valued field at the shallowest depth becomes a bare value, its first leaf
 *    (CoinGecko /global `data`);
 * 3. else (a flat object) every number becomes `{ value: n }` (CoinPaprika).
 */
export function drift(body: Json): Json {
  const { depth } = shallowestArrays(body);
  if (depth !== Infinity) {
    const rewrite = (x: Json, d: number): Json => {
      if (Array.isArray(x)) return d === depth ? arrayToObject(x) : x;
      if (isObj(x) && d < depth) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, rewrite(v, d + 1)]));
      return x;
    };
    return rewrite(body, 0);
  }
  if (isObj(body)) {
    let objDepth = Infinity;
    const find = (x: Json, d: number) => {
      if (!isObj(x)) return;
      for (const v of Object.values(x)) {
        if (isObj(v)) objDepth = Math.min(objDepth, d + 1);
        find(v, d + 1);
      }
    };
    find(body, 0);
    if (objDepth !== Infinity) {
      const rewrite = (x: Json, d: number): Json => {
        if (!isObj(x)) return x;
        return Object.fromEntries(
          Object.entries(x).map(([k, v]) => [k, isObj(v) && d + 1 === objDepth ? firstLeaf(v) : rewrite(v, d + 1)]),
        );
      };
      return rewrite(body, 0);
    }
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'number' ? { value: v } : v]));
  }
  return { value: body };
}

const NUMERIC_STRING = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** Keys whose numbers are times, ids or counts: left alone so that only the values go bad. */
const PROTECTED_KEY = /time|stamp|date|updated|^id$|rank|count|offset|period|start|end|until/i;

/**
 * Numbers become "NaN" (as a string) or negative, alternately, everywhere except under protected keys
 * (timestamps, ids, ranks) and except epoch-millisecond integers inside arrays (Binance open/close times).
 */
export function nanify(body: Json): Json {
  let n = 0;
  const bad = (x: number | string): Json => {
    const i = n++;
    if (i % 2 === 0) return 'NaN';
    const v = typeof x === 'number' ? x : Number(x);
    const neg = v === 0 ? -1 : -Math.abs(v);
    return typeof x === 'number' ? neg : String(neg);
  };
  const walk = (x: Json, isProtected: boolean): Json => {
    if (Array.isArray(x))
      return x.map((v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1e12 ? v : walk(v, isProtected)));
    if (isObj(x))
      return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v, isProtected || PROTECTED_KEY.test(k))]));
    if (isProtected) return x;
    if (typeof x === 'number') return bad(x);
    if (typeof x === 'string' && NUMERIC_STRING.test(x)) return bad(x);
    return x;
  };
  return walk(body, false);
}

/** A Cloudflare-like "Just a moment..." bot check. */
export function challengePage(host: string): string {
  return (
    `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta ` +
    `http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="robots" ` +
    `content="noindex,nofollow"></head><body><div class="main-wrapper" role="main"><div ` +
    `class="main-content"><h1 class="zone-name-title h1">${host}</h1><h2 class="h2" ` +
    `id="challenge-running">Checking if the site connection is secure</h2><noscript><div ` +
    `class="h2">Enable JavaScript and cookies to continue</div></noscript><div ` +
    `id="challenge-body-text" class="core-msg spacer">${host} needs to review the security of ` +
    `your connection before ` +
    `proceeding.</div></div></div><script>(function(){window._cf_chl_opt={cvId:'3',cZone:'${host}',` +
    `cType:'managed',cRay:'8f1b2c3d4e5f6a7b'};var a=document.createElement('script');` +
    `a.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8f1b2c3d4e5f6a7b';` +
    `document.getElementsByTagName('head')[0].appendChild(a);}());</script></body></html>`
  );
}

export const CHALLENGE_HEADERS = {
  'content-type': 'text/html; charset=UTF-8',
  server: 'cloudflare',
  'cf-ray': '8f1b2c3d4e5f6a7b-FRA',
  'cf-mitigated': 'challenge',
  'cache-control': 'private, max-age=0, no-store, no-cache, must-revalidate',
};

const isBinance = (h: string) => (BINANCE_HOSTS as readonly string[]).includes(h);
const isYahoo = (h: string) => (YAHOO_HOSTS as readonly string[]).includes(h);

export const BINANCE_GEO_MSG =
  "Service unavailable from a restricted location according to 'b. Eligibility' in " +
  'https://www.binance.com/en/terms. Please contact customer service if you believe you ' +
  'received this message in error.';

/** A provider-like body for a status fault without an explicit `body`. */
export function defaultStatusBody(host: string, status: number): { body: string; contentType: string } {
  const json = (x: unknown) => ({ body: JSON.stringify(x), contentType: 'application/json; charset=utf-8' });
  if (isBinance(host)) {
    if (status === 451 || status === 403) return json({ code: 0, msg: BINANCE_GEO_MSG });
    if (status === 429 || status === 418)
      return json({
        code: -1003,
        msg:
          'Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute. Please ' +
          'use WebSocket Streams for live updates to avoid polling the API.',
      });
    return json({ code: -1000, msg: 'An unknown error occurred while processing the request.' });
  }
  if (isYahoo(host)) {
    if (status === 429) return { body: 'Too Many Requests', contentType: 'text/plain;charset=utf-8' };
    return json({ chart: { result: null, error: { code: 'Internal Server Error', description: `HTTP ${status}` } } });
  }
  if (host === 'api.coingecko.com' && status === 429) {
    return json({
      status: {
        error_code: 429,
        error_message:
          "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to " +
          'subscribe to our API plans for higher rate limits.',
      },
    });
  }
  if (host === 'api.coinmarketcap.com') {
    return json({
      status: {
        timestamp: new Date().toISOString(),
        error_code: String(status),
        error_message: status === 429 ? 'Too Many Requests' : 'System busy, please try again later',
        elapsed: '0',
        credit_count: 0,
      },
    });
  }
  if (status === 451) return json({ error: 'Unavailable For Legal Reasons' });
  if (status === 403) return json({ error: 'Forbidden' });
  if (status === 429) return json({ error: 'Too Many Requests' });
  return json({ error: `HTTP ${status}` });
}

/** `bytes` bytes of valid JSON: an array of filler strings. */
export function hugeJson(bytes: number): Buffer {
  const size = Math.max(2, Math.floor(bytes));
  const buf = Buffer.alloc(size, 0x30); // '0'
  buf[0] = 0x5b; // '['
  buf[size - 1] = 0x5d; // ']'
  // Elements `"000…0"`, separated by commas, every 64 bytes: [ "…" , "…" , … ]
  if (size >= 4) {
    let pos = 1;
    while (pos + 66 < size - 1) {
      buf[pos] = 0x22; // "
      buf[pos + 63] = 0x22;
      buf[pos + 64] = 0x2c; // ,
      pos += 65;
    }
    // The tail: one more string element filling the rest, or trim the trailing comma.
    if (size - 1 - pos >= 2) {
      buf[pos] = 0x22;
      buf[size - 2] = 0x22;
    } else {
      // Not enough room for a string: replace the dangling comma and filler by spaces.
      for (let i = pos - 1; i < size - 1; i++) buf[i] = 0x20;
    }
  }
  return buf;
}
