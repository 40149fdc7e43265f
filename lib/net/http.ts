/*
 * Network: the one HTTP call (timeouts, size caps, challenge pages, Retry-After) and per-host limits.
 * Flow: provider → cache → engine → snapshot → storage → views; every provider fetches through here,
 * and gets a typed Result (lib/core/result.ts) instead of an exception.
 */
import { fail, ok, oneLine, schemaError, type Result, type SourceError } from '../core/result';

/** Anything shaped like `fetch` (the worker passes the global one; tests pass a fake). */
export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface FetchJsonOptions {
  /** Per attempt, covering headers and body. Clamped to 1..10 000 ms; default 10 000. */
  timeoutMs?: number;
  /** Extra attempts after a network error, timeout or 5xx. Clamped to 0..2; default 2. */
  retries?: number;
  /** Clock, epoch ms (for Retry-After). Default `Date.now`. */
  now?: () => number;
  /** Waits between retries. Default a `setTimeout` promise. */
  sleep?: (ms: number) => Promise<void>;
  /** 0 ≤ x < 1, for backoff jitter. Default `Math.random`. */
  random?: () => number;
  /** Largest body we read, bytes. Default 5 MB. */
  maxBytes?: number;
  /** Cancels the request (and the retries) from outside. */
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /**
   * Ask only this one URL of a fallback list, by index (modulo its length): a probe of a failing
   * provider is one request, and the caller rotates the index so a dead first host cannot hide the next.
   */
  onlyUrl?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_RETRIES = 2;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** When a 429 carries no usable Retry-After. */
export const DEFAULT_RATE_LIMIT_MS = 60_000;
/** A Retry-After further out than this is treated as garbage and capped (it would be persisted). */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 5_000;
/** How much of an error body we read to classify it and quote it. */
const ERROR_PEEK_BYTES = 64 * 1024;

const GEO_RE =
  /restricted location|block(?:ed)? access from your country|(?:not available|unavailable) in your (?:country|region)/i;
const CHALLENGE_RE = /cf-chl|challenge-platform|just a moment\.\.\.|attention required|captcha|cf-ray|cloudflare/i;

/** Full-jitter exponential backoff: uniform in [0, min(cap, base·2^attempt)). */
export function backoffDelay(attempt: number, random: () => number): number {
  const r = Math.min(Math.max(random(), 0), 0.999_999);
  return Math.floor(r * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

/**
 * Retry-After as epoch ms: delay-seconds or an HTTP date (RFC 9110). A date in the past means "now".
 * Returns null when absent or unparseable, so the caller can apply its default.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return now + Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  if (!/[a-z]/i.test(v)) return null; // "-5", "1.5": not seconds, not a date
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.min(Math.max(t, now), now + MAX_RETRY_AFTER_MS);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function clamp(x: number | undefined, lo: number, hi: number, dflt: number): number {
  return x === undefined || !Number.isFinite(x) ? dflt : Math.min(hi, Math.max(lo, Math.floor(x)));
}

interface Resolved {
  timeoutMs: number;
  retries: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  maxBytes: number;
  signal?: AbortSignal;
  headers: Record<string, string>;
}

function resolve(o: FetchJsonOptions): Resolved {
  return {
    timeoutMs: clamp(o.timeoutMs, 1, DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
    retries: clamp(o.retries, 0, MAX_RETRIES, MAX_RETRIES),
    now: o.now ?? Date.now,
    sleep: o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    random: o.random ?? Math.random,
    maxBytes: clamp(o.maxBytes, 1, Number.MAX_SAFE_INTEGER, DEFAULT_MAX_BYTES),
    signal: o.signal,
    headers: { Accept: 'application/json', ...o.headers },
  };
}

/**
 * GET a JSON document. Never throws. Retries (with full-jitter backoff) only network errors,
 * timeouts and 5xx; a 429 is returned at once as `rate-limited` so the caller's cooldown honours it.
 */
export async function fetchJson(
  fetchFn: FetchFn,
  url: string,
  options: FetchJsonOptions = {},
): Promise<Result<unknown>> {
  const o = resolve(options);
  for (let attempt = 0; ; attempt++) {
    const { result, retryable } = await attemptOnce(fetchFn, url, o);
    if (result.ok || !retryable || attempt >= o.retries || o.signal?.aborted) return result;
    await o.sleep(backoffDelay(attempt, o.random));
    if (o.signal?.aborted) return fail(cancelled(url));
  }
}

/**
 * Tries each URL in turn (e.g. query1 then query2): falls back on anything but a rate limit, a
 * schema error or a 400, which another host of the same provider would not fix. On failure returns the
 * rate-limit error if any host gave one (it is the actionable one), else the primary's error.
 */
export async function fetchJsonFirst(
  fetchFn: FetchFn,
  urls: readonly string[],
  options: FetchJsonOptions = {},
): Promise<Result<unknown>> {
  const errors: SourceError[] = [];
  if (options.onlyUrl !== undefined && urls.length > 0) urls = [urls[options.onlyUrl % urls.length]!];
  for (const url of urls) {
    const r = await fetchJson(fetchFn, url, options);
    if (r.ok) return r;
    errors.push(r.error);
    if (!fallsBack(r.error) || options.signal?.aborted) break;
  }
  const limited = errors.find((e) => e.kind === 'rate-limited');
  if (limited) return fail(limited);
  const [first, ...rest] = errors;
  if (!first) return fail({ kind: 'network', message: 'No URL to fetch' });
  if (rest.length === 0) return fail(first);
  const also = rest.map((e) => e.kind).join(', ');
  return fail({ ...first, message: oneLine(`${first.message} (fallback also failed: ${also})`) });
}

/** Another host of the same provider cannot fix a rate limit, a wrong shape or a bad query. */
function fallsBack(e: SourceError): boolean {
  return !(e.kind === 'rate-limited' || e.kind === 'schema' || (e.kind === 'http' && e.status === 400));
}

function cancelled(url: string): SourceError {
  return { kind: 'network', message: `Request to ${hostOf(url)} cancelled` };
}

class AbortedError extends Error {}

/** Settles with `p`, or rejects as soon as `signal` aborts (a fake or stuck fetch may ignore it). */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    p.catch(() => {});
    return Promise.reject(new AbortedError());
  }
  return new Promise<T>((res, rej) => {
    const onAbort = () => rej(new AbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        res(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        rej(e);
      },
    );
  });
}

interface Attempt {
  result: Result<unknown>;
  retryable: boolean;
}

async function attemptOnce(fetchFn: FetchFn, url: string, o: Resolved): Promise<Attempt> {
  const host = hostOf(url);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, o.timeoutMs);
  const onOuterAbort = () => controller.abort();
  o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (o.signal?.aborted) controller.abort();

  try {
    const response = await abortable(
      Promise.resolve().then(() =>
        fetchFn(url, {
          method: 'GET',
          headers: o.headers,
          signal: controller.signal,
          credentials: 'omit',
          cache: 'no-store',
        }),
      ),
      controller.signal,
    );
    return await classify(response, host, o, controller.signal);
  } catch (e) {
    if (timedOut)
      return {
        result: fail({ kind: 'timeout', message: `${host} did not answer within ${o.timeoutMs / 1000} s` }),
        retryable: true,
      };
    if (o.signal?.aborted) return { result: fail(cancelled(url)), retryable: false };
    const why = e instanceof Error && e.message ? `: ${e.message}` : '';
    return {
      result: fail({ kind: 'network', message: oneLine(`Network error reaching ${host}${why}`) }),
      retryable: true,
    };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onOuterAbort);
  }
}

async function classify(response: Response, host: string, o: Resolved, signal: AbortSignal): Promise<Attempt> {
  const status = response.status;
  const done = (error: SourceError, retryable = false): Attempt => ({ result: fail(error), retryable });

  // Binance answers 418 (IP banned after ignoring 429s) with a Retry-After too.
  if (status === 429 || status === 418) {
    void response.body?.cancel().catch(() => {});
    const now = o.now();
    const retryAt = parseRetryAfter(response.headers.get('retry-after'), now) ?? now + DEFAULT_RATE_LIMIT_MS;
    const until = new Date(retryAt).toISOString().slice(11, 19);
    return done({ kind: 'rate-limited', retryAt, message: `Rate limited by ${host} until ${until} UTC` });
  }
  if (status === 451) {
    void response.body?.cancel().catch(() => {});
    return done({ kind: 'geo-blocked', status, message: `${host} is not available from your region (HTTP 451)` });
  }
  if (!response.ok) {
    const peek = await readBody(response, host, ERROR_PEEK_BYTES, signal, true);
    const text = peek.ok ? peek.value : '';
    if (status === 403 && GEO_RE.test(text)) {
      return done({ kind: 'geo-blocked', status, message: `${host} is not available from your region (HTTP 403)` });
    }
    if ((status === 403 || status === 503) && looksLikeHtml(response, text) && CHALLENGE_RE.test(text)) {
      return done({ kind: 'challenge', message: `${host} answered with a bot-check page (HTTP ${status})` });
    }
    const detail = errorDetail(text);
    return done(
      { kind: 'http', status, message: oneLine(`HTTP ${status} from ${host}${detail ? `: ${detail}` : ''}`) },
      status >= 500,
    );
  }

  const body = await readBody(response, host, o.maxBytes, signal, false);
  if (!body.ok) return done(body.error, body.error.kind !== 'too-large');
  const text = body.value;
  if (looksLikeHtml(response, text)) {
    const what = CHALLENGE_RE.test(text) ? 'a Cloudflare/captcha challenge page' : 'an HTML page';
    return done({ kind: 'challenge', message: `${host} sent ${what} instead of JSON` });
  }
  if (text.trim() === '') return done(schemaError('', `${host} sent an empty body instead of JSON`));
  try {
    return { result: ok(JSON.parse(text) as unknown), retryable: false };
  } catch {
    return done(schemaError('', `${host} sent invalid or truncated JSON (${text.length} chars)`));
  }
}

function looksLikeHtml(response: Response, text: string): boolean {
  const ct = response.headers.get('content-type') ?? '';
  return /text\/html|application\/xhtml/i.test(ct) || text.trimStart().startsWith('<');
}

/** A readable reason from a JSON error body ({"msg"}, {"error"}, {"status":{"error_message"}}, Yahoo's chart.error). */
function errorDetail(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return '';
  }
  const pick = (o: unknown, ...keys: string[]): string => {
    if (o === null || typeof o !== 'object') return '';
    for (const k of keys) {
      const v = (o as Record<string, unknown>)[k];
      if (typeof v === 'string' && v.trim() !== '') return v;
    }
    return '';
  };
  const rec = body as Record<string, unknown> | null;
  const chartError =
    rec && typeof rec === 'object' ? (rec.chart as Record<string, unknown> | undefined)?.error : undefined;
  return oneLine(
    pick(body, 'msg', 'message', 'error_message', 'error') ||
      pick(rec?.status, 'error_message') ||
      pick(rec?.error, 'message', 'description') ||
      pick(chartError, 'description', 'code'),
  ).slice(0, 160);
}

/**
 * Reads the body as UTF-8, stopping at `limit` bytes: with `truncate` it keeps the prefix (for error
 * pages), otherwise it fails with `too-large` without buffering the rest.
 */
async function readBody(
  response: Response,
  host: string,
  limit: number,
  signal: AbortSignal,
  truncate: boolean,
): Promise<Result<string>> {
  const tooLarge = (): Result<string> =>
    fail({ kind: 'too-large', limit, message: `Response from ${host} is larger than ${formatBytes(limit)}` });

  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (!truncate && Number.isFinite(declared) && declared > limit) {
    void response.body?.cancel().catch(() => {});
    return tooLarge();
  }
  if (!response.body) return ok('');
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await abortable(reader.read(), signal);
    if (done) break;
    if (total + value.byteLength > limit) {
      void reader.cancel().catch(() => {});
      if (!truncate) return tooLarge();
      chunks.push(value.subarray(0, limit - total));
      total = limit;
      break;
    }
    chunks.push(value);
    total += value.byteLength;
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return ok(new TextDecoder('utf-8').decode(all));
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024
    ? `${+(n / (1024 * 1024)).toFixed(1)} MB`
    : n >= 1024
      ? `${+(n / 1024).toFixed(1)} KB`
      : `${n} bytes`;
}
