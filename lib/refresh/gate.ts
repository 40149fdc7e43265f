import { canRequest, initialCooldown, nextRequestAt, onFailure, onSuccess, restoreCooldown, type CooldownState } from '../net/cooldown';
import type { FetchFn, FetchJsonOptions } from '../net/http';
import type { Result, SourceError } from '../sources/result';
import type { SourceStatus } from '../snapshot/types';

export type ProviderId = 'yahoo' | 'binance' | 'coingecko' | 'cmc' | 'coinpaprika' | 'coinlore' | 'alternative.me';

export const PROVIDER_LABELS: Record<ProviderId, string> = {
  yahoo: 'Yahoo Finance',
  binance: 'Binance market data',
  coingecko: 'CoinGecko',
  cmc: 'CoinMarketCap',
  coinpaprika: 'CoinPaprika',
  coinlore: 'CoinLore',
  'alternative.me': 'alternative.me',
};

/** What a source call receives: the shared options every provider module takes. */
export interface CallOptions {
  now: number;
  http: FetchJsonOptions;
}

/**
 * The one door to the network during a refresh: it refuses calls to a provider in cooldown (its own
 * backoff or the provider's Retry-After, both persisted), records every outcome in the provider's
 * status, and stops starting calls once the refresh's time budget is spent.
 */
export class ProviderGate {
  readonly cooldowns: Record<string, CooldownState>;
  readonly status: Record<string, SourceStatus>;
  /** Providers with a probe in flight after failures: one request tells whether they are back. */
  private readonly probing = new Set<ProviderId>();

  constructor(
    readonly fetch: FetchFn,
    private readonly clock: () => number,
    cooldowns: Record<string, unknown>,
    status: Record<string, SourceStatus>,
    private readonly http: Omit<FetchJsonOptions, 'now' | 'signal'>,
    /** Real time (performance.now() scale) after which no call starts and running ones are cut. */
    private readonly deadline: number,
  ) {
    const now = clock();
    this.cooldowns = Object.fromEntries(Object.entries(cooldowns).map(([k, v]) => [k, restoreCooldown(v, now)]));
    this.status = structuredClone(status);
  }

  async call<T>(provider: ProviderId, run: (o: CallOptions) => Promise<Result<T>>): Promise<Result<T>> {
    const now = this.clock();
    const state = this.cooldowns[provider] ?? initialCooldown();
    const left = this.deadline - performance.now();
    if (left <= 0) return { ok: false, error: { kind: 'timeout', message: 'Refresh time budget spent before this request' } };
    if (!canRequest(state, now)) {
      const until = new Date(nextRequestAt(state)).toISOString().slice(11, 16);
      return { ok: false, error: { kind: 'rate-limited', retryAt: nextRequestAt(state), message: `${PROVIDER_LABELS[provider]} cooling down until ${until} UTC` } };
    }
    // Half-open circuit: after failures, a single request without in-request retries probes the
    // provider, and other calls wait for the next refresh. So a provider that is down sees at most
    // one request per cooldown, however many series it serves.
    const failing = state.failures > 0;
    if (failing && this.probing.has(provider)) {
      return { ok: false, error: { kind: 'rate-limited', retryAt: now, message: `${PROVIDER_LABELS[provider]} is being probed after failures` } };
    }
    if (failing) this.probing.add(provider);
    let r: Result<T>;
    try {
      r = await run({ now, http: { ...this.http, ...(failing ? { retries: 0, firstUrlOnly: true } : {}), now: this.clock, signal: AbortSignal.timeout(Math.ceil(left)) } });
    } finally {
      this.probing.delete(provider);
    }
    const done = this.clock();
    const cur = this.cooldowns[provider] ?? initialCooldown();
    if (r.ok) {
      this.cooldowns[provider] = onSuccess(cur);
      this.status[provider] = { lastSuccess: done, lastError: this.status[provider]?.lastError ?? null };
    } else {
      // A bad query (unknown symbol, 400/404) is about that request, not the provider's health.
      if (!isRequestError(r.error)) this.cooldowns[provider] = onFailure(cur, r.error, done);
      this.status[provider] = {
        lastSuccess: this.status[provider]?.lastSuccess ?? null,
        lastError: { at: done, kind: r.error.kind, message: r.error.message },
      };
    }
    return r;
  }
}

function isRequestError(e: SourceError): boolean {
  return e.kind === 'http' && (e.status === 400 || e.status === 404);
}
