import { describe, expect, it } from 'vitest';
import {
  canRequest,
  COOLDOWN_CAP_MS,
  cooldownMs,
  initialCooldown,
  nextRequestAt,
  onFailure,
  onSuccess,
  restoreCooldown,
  type CooldownState,
} from '../../../lib/net/cooldown';
import type { SourceError } from '../../../lib/core/result';

const T0 = Date.UTC(2026, 0, 1, 12);
const timeout: SourceError = { kind: 'timeout', message: 't' };
const limited = (retryAt: number): SourceError => ({ kind: 'rate-limited', retryAt, message: 'r' });

describe('cooldown state machine', () => {
  it('starts closed', () => {
    expect(initialCooldown()).toEqual({ failures: 0, openUntil: 0, retryAt: 0 });
    expect(canRequest(initialCooldown(), T0)).toBe(true);
  });

  it('opens for 30 s after a failure and lets a request through exactly when it ends', () => {
    const s = onFailure(initialCooldown(), timeout, T0);
    expect(s).toEqual({ failures: 1, openUntil: T0 + 30_000, retryAt: 0 });
    expect(canRequest(s, T0 + 29_999)).toBe(false);
    expect(canRequest(s, T0 + 30_000)).toBe(true);
  });

  it('doubles the cooldown on each consecutive failure, capped at 15 min', () => {
    let s: CooldownState = initialCooldown();
    const waits: number[] = [];
    let t = T0;
    for (let i = 0; i < 8; i++) {
      s = onFailure(s, { kind: 'http', status: 503, message: '' }, t);
      waits.push(s.openUntil - t);
      t = s.openUntil; // the half-open probe fails again
    }
    expect(waits.map((w) => w / 1000)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    expect(cooldownMs(100)).toBe(COOLDOWN_CAP_MS);
  });

  it('honours a rate limit retryAt exactly, without adding its own cooldown', () => {
    const s = onFailure(initialCooldown(), limited(T0 + 123_456), T0);
    expect(s).toEqual({ failures: 1, openUntil: 0, retryAt: T0 + 123_456 });
    expect(canRequest(s, T0 + 123_455)).toBe(false);
    expect(canRequest(s, T0 + 123_456)).toBe(true);
    // A later, shorter Retry-After is the provider's word too.
    expect(onFailure(s, limited(T0 + 5_000), T0).retryAt).toBe(T0 + 5_000);
  });

  it('goes straight to the cap for geo-blocks and schema changes', () => {
    for (const e of [
      { kind: 'geo-blocked', status: 451, message: '' },
      { kind: 'schema', path: 'data.points', message: '' },
    ] satisfies SourceError[]) {
      expect(onFailure(initialCooldown(), e, T0).openUntil).toBe(T0 + COOLDOWN_CAP_MS);
    }
  });

  it('a success closes the circuit but keeps a pending retryAt', () => {
    let s = onFailure(initialCooldown(), timeout, T0);
    s = onFailure(s, limited(T0 + 600_000), T0 + 1);
    s = onSuccess(s);
    expect(s).toEqual({ failures: 0, openUntil: 0, retryAt: T0 + 600_000 });
    expect(canRequest(s, T0 + 60_000)).toBe(false);
    expect(nextRequestAt(s)).toBe(T0 + 600_000);
    // After a success the next failure starts from 30 s again.
    expect(onFailure(s, timeout, T0).openUntil).toBe(T0 + 30_000);
  });

  it('is plain JSON: it survives a storage round trip', () => {
    const s = onFailure(onFailure(initialCooldown(), timeout, T0), limited(T0 + 90_000), T0);
    const back = restoreCooldown(JSON.parse(JSON.stringify(s)), T0);
    expect(back).toEqual(s);
    expect(canRequest(back, T0 + 89_999)).toBe(false);
  });

  it('restores garbage as closed and pulls impossible future times back', () => {
    expect(restoreCooldown(undefined, T0)).toEqual(initialCooldown());
    expect(restoreCooldown('x', T0)).toEqual(initialCooldown());
    expect(restoreCooldown({ failures: 'x', openUntil: NaN, retryAt: -1 }, T0)).toEqual(initialCooldown());
    const far = restoreCooldown({ failures: 3, openUntil: T0 + 365 * 86_400_000, retryAt: T0 + 365 * 86_400_000 }, T0);
    expect(far).toEqual({ failures: 3, openUntil: T0 + COOLDOWN_CAP_MS, retryAt: T0 + 24 * 3_600_000 });
  });
});
