import { describe, expect, it } from 'vitest';
import { asRefreshReply, refreshReply } from '../../../lib/refresh/outcome';
import type { Snapshot } from '../../../lib/snapshot/types';

const T = 1_000_000;
const snap = (sources: Snapshot['sources']) => ({ sources }) as Snapshot;
const err = (at: number) => ({ at, kind: 'http', message: 'HTTP 500' });

describe('the "refresh now" outcome', () => {
  it('is "refreshed" when every provider asked answered, or when nothing was due', () => {
    expect(refreshReply(snap({ yahoo: { lastSuccess: T + 5, lastError: err(T - 50) } }), T)).toEqual({
      ok: true,
      failed: [],
      answered: 1,
    });
    // nothing was due and nothing is failing
    expect(refreshReply(snap({ yahoo: { lastSuccess: T - 9, lastError: err(T - 50) } }), T)).toEqual({
      ok: true,
      failed: [],
      answered: 0,
    });
  });

  it('a provider still backing off from an earlier failure (not asked now) counts as failing', () => {
    expect(refreshReply(snap({ yahoo: { lastSuccess: T - 9, lastError: err(T - 5) } }), T)).toEqual({
      ok: false,
      failed: ['Yahoo Finance'],
      answered: 0,
    });
    expect(
      refreshReply(
        snap({
          yahoo: { lastSuccess: T - 9, lastError: err(T - 5) },
          binance: { lastSuccess: T + 3, lastError: null },
        }),
        T,
      ),
    ).toEqual({ ok: true, failed: ['Yahoo Finance'], answered: 1 });
  });

  it('names the providers that failed in this refresh when others answered', () => {
    const r = refreshReply(
      snap({
        binance: { lastSuccess: T + 1, lastError: null },
        cmc: { lastSuccess: T - 100, lastError: err(T + 2) },
        yahoo: { lastSuccess: null, lastError: err(T + 3) },
      }),
      T,
    );
    expect(r).toEqual({ ok: true, failed: ['CoinMarketCap', 'Yahoo Finance'], answered: 1 });
  });

  it('is a failure when every provider asked failed, or the refresh threw', () => {
    expect(
      refreshReply(
        snap({
          binance: { lastSuccess: T - 100, lastError: err(T + 2) },
          cmc: { lastSuccess: null, lastError: err(T + 1) },
        }),
        T,
      ),
    ).toEqual({ ok: false, failed: ['Binance market data', 'CoinMarketCap'], answered: 0 });
    expect(refreshReply(null, T).ok).toBe(false);
  });

  it('a provider that failed, then answered on its fallback host or retry, counts as answered', () => {
    expect(refreshReply(snap({ yahoo: { lastSuccess: T + 9, lastError: err(T + 2) } }), T)).toEqual({
      ok: true,
      failed: [],
      answered: 1,
    });
  });

  it('a provider held off by its cooldown (not asked, its stored status silent) counts as failing', () => {
    const ok = { binance: { lastSuccess: T - 100, lastError: null } };
    expect(refreshReply(snap(ok), T, { binance: { failures: 2, openUntil: T + 60_000, retryAt: 0 } }, T + 10)).toEqual({
      ok: false,
      failed: ['Binance market data'],
      answered: 0,
    });
    expect(
      refreshReply(snap(ok), T, { binance: { failures: 0, openUntil: 0, retryAt: T + 120_000 } }, T + 10).failed,
    ).toEqual(['Binance market data']);
    expect(refreshReply(snap(ok), T, { binance: { failures: 0, openUntil: 0, retryAt: T - 1 } }, T + 10)).toEqual({
      ok: true,
      failed: [],
      answered: 0,
    });
  });

  it('reads any reply shape the popup may receive; an unreadable one is a failure', () => {
    expect(asRefreshReply(undefined)).toEqual({ ok: false, failed: [], answered: 0 });
    expect(asRefreshReply({ ok: 'yes' })).toEqual({ ok: false, failed: [], answered: 0 });
    expect(asRefreshReply({ ok: true, failed: ['CoinGecko', 5, null], answered: 'x' })).toEqual({
      ok: true,
      failed: ['CoinGecko'],
      answered: 0,
    });
  });
});
