/** Shared types of the local API emulator (see README.md in this folder). */
import type { RateLimits } from './limits';

/** One request as a route handler sees it. */
export interface EmuRequest {
  /** Lower-case host name without port, e.g. `api.coingecko.com`. */
  host: string;
  /** Path and query exactly as received, e.g. `/api/v3/klines?symbol=BTCUSDT&interval=1d`. */
  path: string;
  /** Decoded path without the query, e.g. `/v8/finance/chart/^RUT`. */
  pathname: string;
  query: URLSearchParams;
  method: string;
  /** The simulated clock (epoch ms): data after this instant does not exist yet. */
  now: number;
}

/** What a route answers. `json` is serialized by the server (faults may rewrite it first). */
export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** Raw body (HTML, text); used when `json` is undefined. */
  text?: string;
}

/** A host's built-in routes, or one added with `emulator.route()`: `undefined` means "not mine". */
export type Handler = (req: EmuRequest) => EmuResponse | undefined;

/** Options every fault accepts. */
export interface FaultScope {
  /** Only requests whose path (with query) contains this string / matches this RegExp. */
  path?: string | RegExp;
  /** Apply to the next N matching requests only, then clear itself. Default: until cleared. */
  times?: number;
}

/**
 * Faults, switchable per host at runtime (`emulator.setFault(host, fault)`).
 * - status: that HTTP status with a provider-like body (or `body`); `retryAfter` sets Retry-After.
 * - challenge: a Cloudflare-like HTML bot check (status 200 unless `status` is given).
 * - truncated: the normal JSON body cut in half (Content-Length matches the cut body).
 * - huge: a valid JSON body of `bytes` bytes (default 10 MB); `chunked` omits Content-Length.
 * - hang: never answers; the socket stays open until the emulator closes.
 * - drift: the normal body with its shape changed (arrays become objects, objects become bare
 *   values; see faults.ts), or `transform(json)` for a specific drift.
 * - nan: numbers in the normal body become "NaN" or negative (timestamps and ids are kept).
 */
export type Fault = FaultScope &
  (
    | {
        status: number;
        body?: string | object;
        headers?: Record<string, string>;
        retryAfter?: string | number;
        kind?: undefined;
      }
    | { kind: 'challenge'; status?: number }
    | { kind: 'truncated' }
    | { kind: 'huge'; bytes?: number; chunked?: boolean }
    | { kind: 'hang' }
    | { kind: 'drift'; transform?: (json: unknown) => unknown }
    | { kind: 'nan' }
  );

export interface LogEntry {
  /** Wall-clock epoch ms when the request arrived. */
  at: number;
  /** The simulated clock at that moment. */
  simNow: number;
  protocol: 'http' | 'https';
  method: string;
  host: string;
  /** Path with query, as received. */
  path: string;
  /** HTTP status sent; 0 while unanswered (and forever for a `hang`). */
  status: number;
  /** Body bytes sent. */
  bytes: number;
  /** The fault that shaped the answer, if any (`status:429`, `truncated`, …). */
  fault?: string;
}

export interface EmulatorOptions {
  /** Global latency before every answer, ms. Default 0. */
  latencyMs?: number;
  /** Initial simulated clock, epoch ms. Default 2026-03-19T12:00:00Z. */
  now?: number;
  /** Move every fixture date this many days (a multiple of 7), e.g. to line real data up with the real clock. */
  shiftDays?: number;
  /** The providers' rate limits (limits.ts; `REAL_LIMITS` for the real services'). Default: none. */
  limits?: RateLimits;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` (route with the `x-emulated-host` header, or use `fetch`). */
  readonly httpUrl: string;
  readonly httpPort: number;
  readonly httpsPort: number;
  /** For Chromium: `--host-resolver-rules=<this>` (every served host → 127.0.0.1:httpsPort). */
  readonly hostResolverRules: string;
  /** `[--host-resolver-rules=…, --ignore-certificate-errors-spki-list=…, --ignore-certificate-errors]`. */
  readonly chromiumArgs: string[];
  /** base64 SHA-256 of the test certificate's public key (for `--ignore-certificate-errors-spki-list`). */
  readonly spkiHash: string;
  /** The test certificate (PEM), e.g. for `https.get({ ca })`. */
  readonly certPem: string;
  /** API hosts with built-in routes. */
  readonly apiHosts: readonly string[];
  /** Site hosts (TradingView, exchanges) answering a stub HTML page unless `route()` overrides it. */
  readonly siteHosts: readonly string[];
  /** fetch-compatible: takes the REAL URL (`https://api.coingecko.com/...`) and asks the emulator. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Simulated clock, epoch ms. */
  readonly now: number;
  /** The whole-week shift applied to every fixture date (0: the data's own dates). */
  readonly shiftDays: number;
  /** Runs `f` over this emulator's (shifted) data: expected values computed from exactly what it serves. */
  inData<T>(f: () => T): T;
  setNow(ms: number): void;
  setFault(host: string, fault: Fault | null): void;
  clearFaults(): void;
  /** The rate limits in force (limits.ts); a fault on a host takes precedence over its limit. */
  readonly limits: RateLimits;
  /** Replaces every limit (`null` or `{}`: none), their windows started over. */
  setLimits(limits: RateLimits | null): void;
  /** Latency in ms for one host, or for every host without its own (`host` omitted). `null` clears a host's. */
  setLatency(ms: number | null, host?: string): void;
  /** Adds a handler in front of the host's built-in routes (or for a new site host). Returns a remover. */
  route(host: string, handler: Handler): () => void;
  readonly requests: readonly LogEntry[];
  resetLog(): void;
  count(hostOrPredicate?: string | ((e: LogEntry) => boolean)): number;
  close(): Promise<void>;
}
