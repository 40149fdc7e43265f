import type { SourceError } from '../core/result';
import { MAX_RETRY_AFTER_MS } from './http';

/**
 * Per-provider circuit breaker. Plain JSON on purpose: the background worker persists it in
 * storage, so a worker the browser kills and restarts still respects a provider's cooldown.
 *
 * - `failures`: consecutive failed requests (reset by a success).
 * - `openUntil`: epoch ms; our own exponential cooldown after failures.
 * - `retryAt`: epoch ms; the provider's Retry-After, honoured exactly (never shortened or stretched).
 */
export interface CooldownState {
  failures: number;
  openUntil: number;
  retryAt: number;
}

export const COOLDOWN_BASE_MS = 30_000;
export const COOLDOWN_CAP_MS = 15 * 60_000;

export function initialCooldown(): CooldownState {
  return { failures: 0, openUntil: 0, retryAt: 0 };
}

/** Epoch ms from which a request is allowed again. */
export function nextRequestAt(state: CooldownState): number {
  return Math.max(state.openUntil, state.retryAt);
}

export function canRequest(state: CooldownState, now: number): boolean {
  return now >= nextRequestAt(state);
}

/** Cooldown after the n-th consecutive failure: 30 s, 1 min, 2 min, … capped at 15 min. */
export function cooldownMs(failures: number): number {
  return Math.min(COOLDOWN_CAP_MS, COOLDOWN_BASE_MS * 2 ** Math.max(0, failures - 1));
}

/**
 * Closes the circuit. `retryAt` is kept: it is an absolute time, harmless once past, and a success of
 * a request that was already in flight must not erase a rate limit another request just received.
 */
export function onSuccess(state: CooldownState): CooldownState {
  return { failures: 0, openUntil: 0, retryAt: state.retryAt };
}

export function onFailure(state: CooldownState, error: SourceError, now: number): CooldownState {
  const failures = state.failures + 1;
  if (error.kind === 'rate-limited') return { failures, openUntil: state.openUntil, retryAt: error.retryAt };
  // Geo-blocks and changed response shapes do not heal in seconds: go straight to the cap.
  const wait = error.kind === 'geo-blocked' || error.kind === 'schema' ? COOLDOWN_CAP_MS : cooldownMs(failures);
  return { failures, openUntil: now + wait, retryAt: state.retryAt };
}

/**
 * Reads a persisted state defensively: garbage becomes the initial state, and times further ahead
 * than any rule could set (a clock jump, a corrupted write) are pulled back so nothing blocks forever.
 */
export function restoreCooldown(raw: unknown, now: number): CooldownState {
  if (raw === null || typeof raw !== 'object') return initialCooldown();
  const r = raw as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  return {
    failures: Math.floor(num(r.failures)),
    openUntil: Math.min(num(r.openUntil), now + COOLDOWN_CAP_MS),
    retryAt: Math.min(num(r.retryAt), now + MAX_RETRY_AFTER_MS),
  };
}
