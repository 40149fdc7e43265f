import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, DEFAULT_RATE_LIMIT_MS, fetchJson, fetchJsonFirst, parseRetryAfter } from '../../../lib/net/http';
import { fakeFetch, instant, json } from './fake-fetch';

const URL_ = 'https://api.example.com/v1/thing';
const NOW = Date.UTC(2026, 2, 24, 17, 30, 0);
const clock = () => NOW;

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('fetchJson: success and retries', () => {
  it('parses a JSON body', async () => {
    const f = fakeFetch(() => json({ a: 1 }));
    expect(await fetchJson(f, URL_, { ...instant, now: clock })).toEqual({ ok: true, value: { a: 1 } });
    expect(f.calls).toEqual([URL_]);
  });

  it('retries a 500 and returns the following 200, with a full-jitter backoff', async () => {
    const s = recordingSleep();
    const f = fakeFetch(
      () => new Response('oops', { status: 500 }),
      () => json([1, 2]),
    );
    const r = await fetchJson(f, URL_, { now: clock, sleep: s.sleep, random: () => 0.5 });
    expect(r).toEqual({ ok: true, value: [1, 2] });
    expect(f.calls).toHaveLength(2);
    expect(s.waits).toEqual([250]); // 0.5 × min(5000, 500·2⁰)
  });

  it('gives up after 2 retries (3 attempts) with the last http error; retries above 2 are clamped', async () => {
    const s = recordingSleep();
    const f = fakeFetch(() => new Response('busy', { status: 503 }));
    const r = await fetchJson(f, URL_, { now: clock, sleep: s.sleep, random: () => 0.5, retries: 10 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'http', status: 503 } });
    expect(f.calls).toHaveLength(3);
    expect(s.waits).toEqual([250, 500]);
  });

  it('does not retry when retries is 0', async () => {
    const f = fakeFetch(() => new Response('busy', { status: 502 }));
    await fetchJson(f, URL_, { ...instant, now: clock });
    expect(f.calls).toHaveLength(1);
  });

  it('retries a network error', async () => {
    let n = 0;
    const f = fakeFetch(() => {
      if (n++ === 0) throw new TypeError('fetch failed');
      return json({ ok: 1 });
    });
    const r = await fetchJson(f, URL_, { ...instant, retries: 2, now: clock });
    expect(r).toEqual({ ok: true, value: { ok: 1 } });
    expect(f.calls).toHaveLength(2);
  });

  it('reports a network error when every attempt fails', async () => {
    const f = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    const r = await fetchJson(f, URL_, { ...instant, retries: 1, now: clock });
    expect(r).toMatchObject({ ok: false, error: { kind: 'network' } });
    if (!r.ok) expect(r.error.message).toContain('api.example.com');
    expect(f.calls).toHaveLength(2);
  });

  it('does not retry a 4xx and quotes the provider reason', async () => {
    const f = fakeFetch(() => json({ code: -1121, msg: 'Invalid symbol.' }, { status: 400 }));
    const r = await fetchJson(f, URL_, { ...instant, retries: 2, now: clock });
    expect(r).toEqual({
      ok: false,
      error: { kind: 'http', status: 400, message: 'HTTP 400 from api.example.com: Invalid symbol.' },
    });
    expect(f.calls).toHaveLength(1);
  });

  it('quotes Yahoo chart.error descriptions on a 404', async () => {
    const f = fakeFetch(() =>
      json(
        { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } },
        { status: 404 },
      ),
    );
    const r = await fetchJson(f, URL_, { ...instant, now: clock });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('HTTP 404 from api.example.com: No data found, symbol may be delisted');
  });

  it('passes an abort signal and a JSON Accept header to fetch', async () => {
    const f = fakeFetch(() => json({}));
    await fetchJson(f, URL_, { ...instant, now: clock });
    expect(f.inits[0]?.signal).toBeInstanceOf(AbortSignal);
    expect((f.inits[0]?.headers as Record<string, string>).Accept).toBe('application/json');
  });
});

describe('fetchJson: rate limits', () => {
  it('returns rate-limited with retryAt from Retry-After seconds, without retrying', async () => {
    const s = recordingSleep();
    const f = fakeFetch(() => new Response('slow down', { status: 429, headers: { 'Retry-After': '120' } }));
    const r = await fetchJson(f, URL_, { now: clock, sleep: s.sleep, random: () => 0.5 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAt: NOW + 120_000 } });
    expect(f.calls).toHaveLength(1);
    expect(s.waits).toEqual([]);
    if (!r.ok) expect(r.error.message).toBe('Rate limited by api.example.com until 17:32:00 UTC');
  });

  it('reads Retry-After as an HTTP date', async () => {
    const f = fakeFetch(
      () => new Response('', { status: 429, headers: { 'Retry-After': 'Tue, 24 Mar 2026 17:45:00 GMT' } }),
    );
    const r = await fetchJson(f, URL_, { ...instant, now: clock });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAt: Date.UTC(2026, 2, 24, 17, 45) } });
  });

  it('uses a default when Retry-After is missing or unreadable', async () => {
    for (const headers of [{}, { 'Retry-After': 'soon' }] as Array<Record<string, string>>) {
      const f = fakeFetch(() => new Response('', { status: 429, headers }));
      const r = await fetchJson(f, URL_, { ...instant, now: clock });
      expect(r).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAt: NOW + DEFAULT_RATE_LIMIT_MS } });
    }
  });

  it("treats Binance's 418 (IP ban after 429s) as a rate limit", async () => {
    const f = fakeFetch(() => new Response('', { status: 418, headers: { 'Retry-After': '600' } }));
    const r = await fetchJson(f, URL_, { ...instant, retries: 2, now: clock });
    expect(r).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAt: NOW + 600_000 } });
    expect(f.calls).toHaveLength(1);
  });

  it('parseRetryAfter: seconds, dates, past dates, garbage, cap', () => {
    expect(parseRetryAfter('0', NOW)).toBe(NOW);
    expect(parseRetryAfter(' 30 ', NOW)).toBe(NOW + 30_000);
    expect(parseRetryAfter('Tue, 24 Mar 2026 17:31:00 GMT', NOW)).toBe(NOW + 60_000);
    expect(parseRetryAfter('Tue, 24 Mar 2026 17:00:00 GMT', NOW)).toBe(NOW); // already past
    expect(parseRetryAfter('-5', NOW)).toBeNull();
    expect(parseRetryAfter('1.5', NOW)).toBeNull();
    expect(parseRetryAfter('later', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('99999999', NOW)).toBe(NOW + 24 * 3_600_000);
  });
});

describe('fetchJson: timeouts and cancellation', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A fetch that never answers, but rejects when its signal aborts (as real fetch does). */
  const hanging = () =>
    fakeFetch(
      (_url, init) =>
        new Promise<Response>((_res, rej) =>
          init?.signal?.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError'))),
        ),
    );

  it('times out a request that does not answer, and aborts its signal', async () => {
    const f = hanging();
    const r = await fetchJson(f, URL_, { ...instant, timeoutMs: 20, now: clock });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(f.inits[0]?.signal?.aborted).toBe(true);
  });

  it('times out even when fetch ignores the signal', async () => {
    const f = fakeFetch(() => new Promise<Response>(() => {}));
    const r = await fetchJson(f, URL_, { ...instant, timeoutMs: 20, now: clock });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('retries timeouts', async () => {
    const f = hanging();
    const r = await fetchJson(f, URL_, { ...instant, retries: 2, timeoutMs: 10, now: clock });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(f.calls).toHaveLength(3);
  });

  it('times out a body that stalls after the headers', async () => {
    const f = fakeFetch(
      () => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"a":')) })),
    );
    const r = await fetchJson(f, URL_, { ...instant, timeoutMs: 20, now: clock });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('defaults to 10 s and never waits longer, whatever timeoutMs says', async () => {
    vi.useFakeTimers();
    for (const timeoutMs of [undefined, 60_000]) {
      const f = hanging();
      let settled = false;
      const p = fetchJson(f, URL_, { ...instant, timeoutMs, now: clock }).then((r) => {
        settled = true;
        return r;
      });
      await vi.advanceTimersByTimeAsync(9_999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await p).toMatchObject({
        ok: false,
        error: { kind: 'timeout', message: 'api.example.com did not answer within 10 s' },
      });
    }
  });

  it('stops, without retrying, when the caller aborts', async () => {
    const f = hanging();
    const outer = new AbortController();
    const p = fetchJson(f, URL_, { ...instant, retries: 2, signal: outer.signal, now: clock });
    outer.abort();
    expect(await p).toMatchObject({
      ok: false,
      error: { kind: 'network', message: 'Request to api.example.com cancelled' },
    });
    expect(f.calls).toHaveLength(1);
  });
});

describe('fetchJson: blocked, challenged, malformed and oversized answers', () => {
  it('451 is geo-blocked and not retried', async () => {
    const f = fakeFetch(() => new Response('Unavailable For Legal Reasons', { status: 451 }));
    const r = await fetchJson(f, URL_, { ...instant, retries: 2, now: clock });
    expect(r).toMatchObject({ ok: false, error: { kind: 'geo-blocked', status: 451 } });
    expect(f.calls).toHaveLength(1);
  });

  it("403 with Binance's restricted-location body is geo-blocked", async () => {
    const body = {
      code: 0,
      msg:
        "Service unavailable from a restricted location according to 'b. Eligibility' in " +
        'https://www.binance.com/en/terms. Please contact customer service if you believe you ' +
        'received this message in error.',
    };
    const r = await fetchJson(
      fakeFetch(() => json(body, { status: 403 })),
      URL_,
      { ...instant, now: clock },
    );
    expect(r).toMatchObject({ ok: false, error: { kind: 'geo-blocked', status: 403 } });
  });

  it('403 with a CloudFront country block page is geo-blocked', async () => {
    const html =
      '<!DOCTYPE HTML><HTML><BODY><H1>403 ERROR</H1><H2>The request could not be ' +
      'satisfied.</H2>The Amazon CloudFront distribution is configured to block access from your ' +
      'country.</BODY></HTML>';
    const f = fakeFetch(() => new Response(html, { status: 403, headers: { 'content-type': 'text/html' } }));
    expect(await fetchJson(f, URL_, { ...instant, now: clock })).toMatchObject({
      ok: false,
      error: { kind: 'geo-blocked', status: 403 },
    });
  });

  it('a plain 403 stays an http error', async () => {
    const f = fakeFetch(() => new Response('Forbidden', { status: 403 }));
    expect(await fetchJson(f, URL_, { ...instant, now: clock })).toMatchObject({
      ok: false,
      error: { kind: 'http', status: 403 },
    });
  });

  it('a 403 Cloudflare challenge page is a challenge', async () => {
    const html =
      '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script ' +
      'src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>';
    const f = fakeFetch(
      () => new Response(html, { status: 403, headers: { 'content-type': 'text/html; charset=UTF-8' } }),
    );
    expect(await fetchJson(f, URL_, { ...instant, now: clock })).toMatchObject({
      ok: false,
      error: { kind: 'challenge' },
    });
  });

  it('an HTML page served with 200 is a challenge, by content-type or by a leading "<"', async () => {
    const cf = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>cf-chl</body></html>';
    const byType = await fetchJson(
      fakeFetch(() => new Response(cf, { headers: { 'content-type': 'text/html' } })),
      URL_,
      { ...instant, now: clock },
    );
    expect(byType).toMatchObject({ ok: false, error: { kind: 'challenge' } });
    if (!byType.ok)
      expect(byType.error.message).toBe('api.example.com sent a Cloudflare/captcha challenge page instead of JSON');

    const byBody = await fetchJson(
      fakeFetch(
        () =>
          new Response('  <html><body>Please verify you are human</body></html>', {
            headers: { 'content-type': 'application/json' },
          }),
      ),
      URL_,
      { ...instant, now: clock },
    );
    expect(byBody).toMatchObject({ ok: false, error: { kind: 'challenge' } });
  });

  it('truncated JSON is a schema error on the body, not a crash', async () => {
    const f = fakeFetch(
      () =>
        new Response('[[1567296000000,"9588.74000000","9830.0', { headers: { 'content-type': 'application/json' } }),
    );
    const r = await fetchJson(f, URL_, { ...instant, retries: 2, now: clock });
    expect(r).toMatchObject({ ok: false, error: { kind: 'schema', path: '' } });
    expect(f.calls).toHaveLength(1);
  });

  it('an empty 200 body is a schema error', async () => {
    expect(
      await fetchJson(
        fakeFetch(() => new Response('')),
        URL_,
        { ...instant, now: clock },
      ),
    ).toMatchObject({
      ok: false,
      error: { kind: 'schema', path: '' },
    });
  });

  it('a body over maxBytes is too-large: declared by Content-Length', async () => {
    const f = fakeFetch(() => new Response('x'.repeat(10), { headers: { 'content-length': String(6 * 1024 * 1024) } }));
    const r = await fetchJson(f, URL_, { ...instant, now: clock });
    expect(r).toMatchObject({
      ok: false,
      error: {
        kind: 'too-large',
        limit: 5 * 1024 * 1024,
        message: 'Response from api.example.com is larger than 5 MB',
      },
    });
  });

  it('a body over maxBytes is too-large: counted while streaming, without a length header', async () => {
    const chunk = new TextEncoder().encode(`[${'1,'.repeat(199)}1]`); // 401 bytes
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (++pulled > 10) c.close();
        else c.enqueue(chunk); // 4010 bytes in all: only the limit stops early
      },
    });
    const r = await fetchJson(
      fakeFetch(() => new Response(stream)),
      URL_,
      { ...instant, maxBytes: 1000, now: clock },
    );
    expect(r).toMatchObject({ ok: false, error: { kind: 'too-large', limit: 1000 } });
    expect(pulled).toBeLessThan(10);
  });

  it('a body of exactly maxBytes is read', async () => {
    const body = JSON.stringify('y'.repeat(998)); // 1000 bytes
    const r = await fetchJson(
      fakeFetch(() => new Response(body)),
      URL_,
      { ...instant, maxBytes: 1000, now: clock },
    );
    expect(r).toEqual({ ok: true, value: 'y'.repeat(998) });
  });

  it('a connection dropped mid-body is a network error and is retried', async () => {
    let n = 0;
    const f = fakeFetch(() => {
      if (n++ > 0) return json({ done: true });
      return new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"a"'));
            c.error(new TypeError('terminated'));
          },
        }),
      );
    });
    const r = await fetchJson(f, URL_, { ...instant, retries: 1, now: clock });
    expect(r).toEqual({ ok: true, value: { done: true } });
    expect(f.calls).toHaveLength(2);
  });
});

describe('backoffDelay', () => {
  it('is uniform in [0, min(cap, base·2^attempt))', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, () => 0.999)).toBe(499);
    expect(backoffDelay(2, () => 0.5)).toBe(1000);
    expect(backoffDelay(10, () => 0.5)).toBe(2500); // capped at 5 s
    expect(backoffDelay(3, () => 1)).toBeLessThan(4000); // a random() of 1 is clamped below 1
  });
});

describe('fetchJsonFirst: host fallback', () => {
  const urls = ['https://query1.example.com/x', 'https://query2.example.com/x'];

  it('falls back to the second host when the first fails', async () => {
    const f = fakeFetch(
      () => new Response('', { status: 451 }),
      () => json({ from: 2 }),
    );
    expect(await fetchJsonFirst(f, urls, { ...instant, now: clock })).toEqual({ ok: true, value: { from: 2 } });
    expect(f.calls).toEqual(urls);
  });

  it('does not fall back on a rate limit, a schema error or a 400', async () => {
    for (const bad of [
      () => new Response('', { status: 429, headers: { 'Retry-After': '5' } }),
      () => new Response('{"truncated'),
      () => new Response('{}', { status: 400 }),
    ]) {
      const f = fakeFetch(bad, () => json({ from: 2 }));
      const r = await fetchJsonFirst(f, urls, { ...instant, now: clock });
      expect(r.ok).toBe(false);
      expect(f.calls).toEqual([urls[0]]);
    }
  });

  it("returns the primary's error, noting the fallback's, or the fallback's rate limit", async () => {
    const both = fakeFetch(
      () => new Response('', { status: 503 }),
      () => new Response('', { status: 451 }),
    );
    const r = await fetchJsonFirst(both, urls, { ...instant, now: clock });
    expect(r).toMatchObject({ ok: false, error: { kind: 'http', status: 503 } });
    if (!r.ok) expect(r.error.message).toBe('HTTP 503 from query1.example.com (fallback also failed: geo-blocked)');

    const limited = fakeFetch(
      () => new Response('', { status: 500 }),
      () => new Response('', { status: 429, headers: { 'Retry-After': '30' } }),
    );
    expect(await fetchJsonFirst(limited, urls, { ...instant, now: clock })).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', retryAt: NOW + 30_000 },
    });
  });
});
