import {
  canRequest,
  initialCooldown,
  nextRequestAt,
  onFailure,
  onSuccess,
  restoreCooldown,
  type CooldownState,
} from '../net/cooldown';
import { DEFAULT_RATE_LIMIT_MS, parseRetryAfter, type FetchFn, type FetchJsonOptions } from '../net/http';
import type { HostLimiter } from '../net/limit';
import { nextSlot, recentCalls, type Budget, type SentLog } from '../net/budget';
import type { Result, SourceError } from '../core/result';
import type { SourceStatus } from '../snapshot/types';

export { PROVIDER_LABELS, type ProviderId } from '../sources/providers';
import { PROVIDER_LABELS, type ProviderId } from '../sources/providers';

/** What a source call receives: the shared options every provider module takes, and the fetch to use. */
export interface CallOptions {
  now: number;
  http: FetchJsonOptions;
  /** Limited per host and checked against the provider's cooldown right before each attempt is sent. */
  fetch: FetchFn;
}

/** Binance's request weight limit is 6000 a minute: stop at 90 % of it, leaving room for calls in flight. */
export const BINANCE_WEIGHT_PAUSE = 5400;

/** Thrown by the guarded fetch instead of sending: the call it belongs to ends without a request. */
class NotSent extends Error {}

/**
 * The one door to the network during a refresh: it refuses calls to a provider in cooldown (its own
 * backoff or the provider's Retry-After, both persisted), records every outcome in the provider's
 * status, and stops starting calls once the refresh's time budget is spent.
 *
 * The cooldown is checked twice: when a call starts, and again right before each attempt is sent
 * (after the per-host limiter gave it a slot). Dozens of coin calls start in the same tick and then
 * wait for a slot; without the second check a 429 or a failure would not stop the ones queued.
 */
export class ProviderGate {
  readonly cooldowns: Record<string, CooldownState>;
  readonly status: Record<string, SourceStatus>;
  /** Providers with a probe in flight after failures: one request tells whether they are back. */
  private readonly probing = new Set<ProviderId>();
  /** Providers whose last answered attempt in this refresh failed (5xx, network): no new calls start. */
  private readonly failingNow = new Set<ProviderId>();
  /** Send times of the recent requests of each budgeted provider (persisted by the caller). */
  readonly sent: SentLog = {};
  /** The earliest time a call refused in this refresh (cooldown, budget) may be sent, by provider. */
  readonly deferred: Partial<Record<ProviderId, number>> = {};

  constructor(
    private readonly rawFetch: FetchFn,
    private readonly limiter: HostLimiter,
    private readonly clock: () => number,
    cooldowns: Record<string, unknown>,
    status: Record<string, SourceStatus>,
    private readonly http: Omit<FetchJsonOptions, 'now' | 'signal'>,
    /** Real time (performance.now() scale) after which no call starts and running ones are cut. */
    private readonly deadline: number,
    /** Per-provider call budgets, and the send times already spent against them (from storage). */
    private readonly budgets: Partial<Record<ProviderId, Budget>> = {},
    sent: Record<string, unknown> = {},
  ) {
    const now = clock();
    for (const [p, b] of Object.entries(budgets)) this.sent[p] = recentCalls(sent[p], now, b);
    this.cooldowns = Object.fromEntries(Object.entries(cooldowns).map(([k, v]) => [k, restoreCooldown(v, now)]));
    this.status = structuredClone(status);
  }

  async call<T>(provider: ProviderId, run: (o: CallOptions) => Promise<Result<T>>): Promise<Result<T>> {
    const now = this.clock();
    const state = this.cooldowns[provider] ?? initialCooldown();
    const left = this.deadline - performance.now();
    if (left <= 0)
      return { ok: false, error: { kind: 'timeout', message: 'Refresh time budget spent before this request' } };
    if (!canRequest(state, now)) {
      const until = new Date(nextRequestAt(state)).toISOString().slice(11, 16);
      this.defer(provider, nextRequestAt(state));
      return {
        ok: false,
        error: {
          kind: 'rate-limited',
          retryAt: nextRequestAt(state),
          message: `${PROVIDER_LABELS[provider]} cooling down until ${until} UTC`,
        },
      };
    }
    // Half-open circuit: after failures, a single request without in-request retries probes the
    // provider, and other calls wait for the next refresh. So a provider that is down sees at most
    // one request per cooldown, however many series it serves. Each probe asks the next host of the
    // fallback list (the first probe the fallback, as the failed call ended on it), so a dead primary
    // host cannot hide a working fallback for more than one cooldown.
    const failing = state.failures > 0;
    if (failing && this.probing.has(provider)) {
      return {
        ok: false,
        error: {
          kind: 'rate-limited',
          retryAt: now,
          message: `${PROVIDER_LABELS[provider]} is being probed after failures`,
        },
      };
    }
    if (failing) this.probing.add(provider);
    // Aborted when an attempt is refused before sending, so fetchJson neither retries nor tries the next host.
    const stop = new AbortController();
    const budget = AbortSignal.timeout(Math.ceil(left));
    let refused: SourceError | null = null;
    let sent = false;
    const guarded: FetchFn = (url, init) =>
      this.limiter.run(url, async () => {
        refused ??= this.refusal(provider, sent);
        if (refused) {
          stop.abort();
          throw new NotSent(refused.message);
        }
        sent = true;
        this.sent[provider]?.push(this.clock());
        // Outcomes are noted before the slot is released, so the next queued attempt already sees them.
        let res: Response;
        try {
          res = await this.rawFetch(url, init);
        } catch (e) {
          // Cut off by the refresh's budget: says nothing about the provider.
          if (!budget.aborted) this.failingNow.add(provider);
          throw e;
        }
        if (res.status === 429 || res.status === 418) this.noteRateLimit(provider, res.headers.get('retry-after'));
        else if (res.status >= 500) this.failingNow.add(provider);
        else if (res.ok) this.failingNow.delete(provider);
        if (res.ok) this.noteWeight(provider, res.headers.get('x-mbx-used-weight-1m'));
        return res;
      });
    let r: Result<T>;
    try {
      const signal = AbortSignal.any([budget, stop.signal]);
      r = await run({
        now,
        fetch: guarded,
        http: { ...this.http, ...(failing ? { retries: 0, onlyUrl: state.failures } : {}), now: this.clock, signal },
      });
    } finally {
      this.probing.delete(provider);
    }
    // Refused before sending: nothing new was learnt about the provider, so its state stays as it is.
    if (refused) {
      // Set inside the guarded fetch: TypeScript cannot see that assignment, hence the cast.
      const e = refused as SourceError;
      if (e.kind === 'rate-limited') this.defer(provider, e.retryAt);
      return { ok: false, error: e };
    }
    // Cut off by the refresh's time budget: our limit, not the provider's failure; its state stays too.
    if (!r.ok && budget.aborted) {
      return {
        ok: false,
        error: {
          kind: 'timeout',
          message: `Refresh time budget spent while waiting for ${PROVIDER_LABELS[provider]}; asked again next refresh`,
        },
      };
    }
    const done = this.clock();
    const cur = this.cooldowns[provider] ?? initialCooldown();
    // An item error (a symbol rejected before any request, a 400/404 about one coin or page) fails only
    // that item: the provider's cooldown and its status stay as they are, so one bad coin never holds
    // off the provider's other calls (BTC's included) nor marks it failing in the sources tab.
    if (!r.ok && isItemError(r.error, sent)) return r;
    if (r.ok) {
      this.cooldowns[provider] = onSuccess(cur);
      this.status[provider] = { lastSuccess: done, lastError: this.status[provider]?.lastError ?? null };
    } else {
      this.cooldowns[provider] = onFailure(cur, r.error, done);
      this.status[provider] = {
        lastSuccess: this.status[provider]?.lastSuccess ?? null,
        lastError: { at: done, kind: r.error.kind, message: r.error.message },
      };
    }
    return r;
  }

  /**
   * Why an attempt to `provider` must not be sent now, or null: a cooldown set since its call started
   * stops every attempt; a failed attempt in this refresh (5xx, network) stops the calls that have not
   * sent anything yet, while those already in flight finish their retries.
   */
  private refusal(provider: ProviderId, sent: boolean): SourceError | null {
    const now = this.clock();
    const state = this.cooldowns[provider];
    const label = PROVIDER_LABELS[provider];
    if (state && !canRequest(state, now)) {
      const at = nextRequestAt(state);
      const until = new Date(at).toISOString().slice(11, 16);
      const why = state.retryAt >= state.openUntil ? 'rate-limited' : 'failing';
      return {
        kind: 'rate-limited',
        retryAt: at,
        message: `${label} ${why} in this refresh; request not sent (next try after ${until} UTC)`,
      };
    }
    if (!sent && this.failingNow.has(provider)) {
      return { kind: 'rate-limited', retryAt: now, message: `${label} failing in this refresh; request not sent` };
    }
    const budget = this.budgets[provider];
    const slot = budget ? nextSlot(this.sent[provider] ?? [], now, budget) : now;
    if (budget && slot > now) {
      const until = new Date(slot).toISOString().slice(11, 19);
      return {
        kind: 'rate-limited',
        retryAt: slot,
        message: `${label}: ${budget.calls} calls a minute spent; request not sent (next after ${until} UTC)`,
      };
    }
    return null;
  }

  private defer(provider: ProviderId, at: number): void {
    this.deferred[provider] = Math.min(this.deferred[provider] ?? Infinity, at);
  }

  /** When a call to `provider` may next be sent (its cooldown, Retry-After and budget), now at the earliest. */
  nextAllowed(provider: ProviderId): number {
    const now = this.clock();
    const state = this.cooldowns[provider] ?? initialCooldown();
    const budget = this.budgets[provider];
    return Math.max(nextRequestAt(state), budget ? nextSlot(this.sent[provider] ?? [], now, budget) : now, now);
  }

  /**
   * Binance reports the request weight used in the current minute on every answer: near its limit the
   * provider is held off until the next minute, before a 429 (and a 418 ban if requests keep coming).
   */
  private noteWeight(provider: ProviderId, used: string | null): void {
    if (used === null || !(Number(used) >= BINANCE_WEIGHT_PAUSE)) return;
    const now = this.clock();
    const cur = this.cooldowns[provider] ?? initialCooldown();
    this.cooldowns[provider] = { ...cur, retryAt: Math.max(cur.retryAt, (Math.floor(now / 60_000) + 1) * 60_000) };
  }

  /** A 429/418 seen by any attempt holds the provider off at once (the call records the failure itself). */
  private noteRateLimit(provider: ProviderId, retryAfter: string | null): void {
    const now = this.clock();
    const retryAt = parseRetryAfter(retryAfter, now) ?? now + DEFAULT_RATE_LIMIT_MS;
    const cur = this.cooldowns[provider] ?? initialCooldown();
    this.cooldowns[provider] = { ...cur, retryAt: Math.max(cur.retryAt, retryAt) };
  }
}

/**
 * Whether a failed call is about its item, not the provider: nothing was sent (the source rejected its
 * own input, e.g. a symbol that cannot be a Binance symbol), or the provider answered a bad query (400,
 * 404: an unknown symbol, a delisted coin, a renamed category). Only transport failures, 5xx, 429/418
 * and an unreadable envelope count against the provider.
 */
export function isItemError(e: SourceError, sent: boolean): boolean {
  if (!sent) return e.kind !== 'rate-limited' && e.kind !== 'timeout' && e.kind !== 'network';
  return e.kind === 'http' && (e.status === 400 || e.status === 404);
}
