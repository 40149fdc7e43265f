/**
 * The providers' real rate limits, as the keyless APIs apply them every day (each one configurable):
 * - CoinGecko keyless: `calls` per rolling `windowMs`, then 429 with Retry-After (seconds until a slot frees).
 * - Binance: request weight per rolling minute, reported in `X-MBX-USED-WEIGHT-1m` on every answer; over it
 *   429 with Retry-After; a request sent before that Retry-After (the 429 ignored) is banned: 418 with a
 *   Retry-After that doubles with each ban.
 * - Yahoo: more than `calls` in `windowMs` starts a burst of 429s (no Retry-After, as Yahoo sends none) for
 *   `burstMs`; with `burstFirst` the first request already meets one.
 * - CoinMarketCap's data-api: more than `calls` in `windowMs` answers "system busy": HTTP 200 whose
 *   `status.error_code` is not 0.
 * Time is the emulator's clock running on with the wall clock since it was last set, so unit tests move it
 * with `setNow` and end-to-end tests see real minutes pass.
 */
import { BINANCE_HOSTS } from './routes/binance';
import { CMC_HOST } from './routes/cmc';
import { COINGECKO_HOST } from './routes/coingecko';
import { YAHOO_HOSTS } from './routes/yahoo';

export interface RateLimits {
  coingecko?: { calls: number; windowMs: number };
  binance?: { weightPerMinute: number; banMs: number };
  /** `burstFirst`: a burst is already on at the first request (the IP shares Yahoo's quota with others). */
  yahoo?: { calls: number; windowMs: number; burstMs: number; burstFirst?: boolean };
  cmc?: { calls: number; windowMs: number };
}

/** What the real services do (CoinGecko's keyless plan at the low end of its 5–10 calls a minute). */
export const REAL_LIMITS: Required<RateLimits> = {
  coingecko: { calls: 5, windowMs: 60_000 },
  binance: { weightPerMinute: 6000, banMs: 120_000 },
  yahoo: { calls: 12, windowMs: 10_000, burstMs: 30_000 },
  cmc: { calls: 30, windowMs: 60_000 },
};

/** A limit's answer instead of the route's: status, headers and body. */
export interface Limited {
  status: number;
  headers: Record<string, string>;
  body: string;
  label: string;
}

/** Binance's request weight of a klines call by its `limit` (the documented table). */
export function klinesWeight(path: string): number {
  const m = /[?&]limit=(\d+)/.exec(path);
  const limit = m ? Number(m[1]) : 500;
  return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

export interface LimitState {
  /** Decides a request: a limit's answer, or extra headers for the normal one (Binance's weight). */
  take(host: string, path: string, now: number): { limited?: Limited; headers?: Record<string, string> };
  set(limits: RateLimits | null): void;
  readonly limits: RateLimits;
  reset(): void;
}

export function createLimits(initial: RateLimits | null | undefined): LimitState {
  let limits: RateLimits = { ...(initial ?? {}) };
  let cg: number[] = [];
  let yahooCalls: number[] = [];
  let yahooBurstUntil = 0;
  let cmcCalls: number[] = [];
  let weights: Array<[number, number]> = [];
  let binanceRetryAt = 0;
  let limitedAt = 0;
  let yahooStarted = false;
  let banned = false;
  let bans = 0;
  const reset = () => {
    limitedAt = 0;
    yahooStarted = false;
    banned = false;
    cg = [];
    yahooCalls = [];
    yahooBurstUntil = 0;
    cmcCalls = [];
    weights = [];
    binanceRetryAt = 0;
    bans = 0;
  };
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const secs = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

  return {
    get limits() {
      return limits;
    },
    set(l) {
      limits = { ...(l ?? {}) };
      reset();
    },
    reset,
    take(host, path, now) {
      if (host === COINGECKO_HOST && limits.coingecko) {
        const { calls, windowMs } = limits.coingecko;
        cg = cg.filter((t) => t > now - windowMs && t <= now);
        if (cg.length >= calls) {
          return {
            limited: {
              status: 429,
              // When the oldest counted call leaves the window; with no call allowed at all, a whole window.
              headers: { ...json, 'retry-after': secs(calls > 0 ? cg[cg.length - calls]! + windowMs - now : windowMs) },
              body: JSON.stringify({
                status: {
                  error_code: 429,
                  error_message:
                    "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing " +
                    'to subscribe to our API plans for higher rate limits.',
                },
              }),
              label: 'limit:coingecko',
            },
          };
        }
        cg.push(now);
        return {};
      }
      if ((BINANCE_HOSTS as readonly string[]).includes(host) && limits.binance) {
        const { weightPerMinute, banMs } = limits.binance;
        weights = weights.filter(([t]) => t > now - 60_000 && t <= now);
        const used = () => weights.reduce((a, [, w]) => a + w, 0);
        // Requests already in flight when the 429 went out (within a second of it) get a 429 too; one sent
        // later, before its Retry-After, ignored it: banned (418), each new ban twice as long. During a
        // ban every request gets a 418 with the time left.
        if (now < binanceRetryAt && (banned || now > limitedAt + 1000)) {
          if (!banned) {
            bans++;
            banned = true;
            binanceRetryAt = now + banMs * 2 ** (bans - 1);
          }
          const ban = binanceRetryAt - now;
          return {
            limited: {
              status: 418,
              headers: { ...json, 'retry-after': secs(ban), 'x-mbx-used-weight-1m': String(used()) },
              body: JSON.stringify({
                code: -1003,
                msg: `Way too many requests; IP(127.0.0.1) banned until ${binanceRetryAt}.`,
              }),
              label: 'limit:binance-418',
            },
          };
        }
        if (now >= binanceRetryAt) banned = false;
        const w = path.startsWith('/api/v3/klines') ? klinesWeight(path) : 1;
        if (now < binanceRetryAt || used() + w > weightPerMinute) {
          if (now >= binanceRetryAt) {
            binanceRetryAt = (weights[0]?.[0] ?? now) + 60_000;
            limitedAt = now;
          }
          return {
            limited: {
              status: 429,
              headers: { ...json, 'retry-after': secs(binanceRetryAt - now), 'x-mbx-used-weight-1m': String(used()) },
              body: JSON.stringify({
                code: -1003,
                msg: `Too many requests; current limit of IP(127.0.0.1) is ${weightPerMinute} requests per minute.`,
              }),
              label: 'limit:binance-429',
            },
          };
        }
        weights.push([now, w]);
        return { headers: { 'x-mbx-used-weight': String(used()), 'x-mbx-used-weight-1m': String(used()) } };
      }
      if ((YAHOO_HOSTS as readonly string[]).includes(host) && limits.yahoo) {
        const { calls, windowMs, burstMs } = limits.yahoo;
        yahooCalls = yahooCalls.filter((t) => t > now - windowMs && t <= now);
        yahooCalls.push(now);
        if (limits.yahoo.burstFirst && !yahooStarted) yahooBurstUntil = now + burstMs;
        yahooStarted = true;
        if (now >= yahooBurstUntil && yahooCalls.length > calls) yahooBurstUntil = now + burstMs;
        if (now < yahooBurstUntil) {
          return {
            limited: {
              status: 429,
              headers: { 'content-type': 'text/plain;charset=utf-8' },
              body: 'Too Many Requests',
              label: 'limit:yahoo',
            },
          };
        }
        return {};
      }
      if (host === CMC_HOST && limits.cmc) {
        const { calls, windowMs } = limits.cmc;
        cmcCalls = cmcCalls.filter((t) => t > now - windowMs && t <= now);
        cmcCalls.push(now);
        if (cmcCalls.length > calls) {
          return {
            limited: {
              status: 200,
              headers: json,
              body: JSON.stringify({
                status: {
                  timestamp: new Date(now).toISOString(),
                  error_code: '500',
                  error_message: 'System busy, please try again later',
                  elapsed: '0',
                  credit_count: 0,
                },
              }),
              label: 'limit:cmc-busy',
            },
          };
        }
      }
      return {};
    },
  };
}
