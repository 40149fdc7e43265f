import { hostOf, type FetchFn } from './http';

export const MAX_PER_HOST = 4;

export interface HostLimiter {
  /** Runs `task` when fewer than the limit are in flight for `url`'s host; FIFO per host. */
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
  inFlight(host: string): number;
  queued(host: string): number;
}

/** A per-host concurrency limiter (≤ 4 in flight per host), so a cold start cannot burst a provider. */
export function createHostLimiter(maxPerHost: number = MAX_PER_HOST): HostLimiter {
  const limit = Math.min(
    MAX_PER_HOST,
    Math.max(1, Math.floor(Number.isFinite(maxPerHost) ? maxPerHost : MAX_PER_HOST)),
  );
  const active = new Map<string, number>();
  const waiting = new Map<string, Array<() => void>>();

  const release = (host: string) => {
    const next = waiting.get(host)?.shift();
    if (next) {
      next(); // hand the slot over directly: the count stays the same
      return;
    }
    const n = (active.get(host) ?? 1) - 1;
    if (n <= 0) active.delete(host);
    else active.set(host, n);
    waiting.delete(host);
  };

  const acquire = (host: string): Promise<void> => {
    const n = active.get(host) ?? 0;
    if (n < limit) {
      active.set(host, n + 1);
      return Promise.resolve();
    }
    return new Promise<void>((res) => {
      const q = waiting.get(host) ?? [];
      q.push(res);
      waiting.set(host, q);
    });
  };

  return {
    async run<T>(url: string, task: () => Promise<T>): Promise<T> {
      const host = hostOf(url);
      await acquire(host);
      try {
        return await task();
      } finally {
        release(host);
      }
    },
    inFlight: (host) => active.get(host) ?? 0,
    queued: (host) => waiting.get(host)?.length ?? 0,
  };
}

/**
 * Wraps a fetch so every call goes through the limiter. The slot is held until the headers arrive;
 * wrap the whole `fetchJson` call in `limiter.run` instead to hold it while the body is read.
 */
export function limitFetch(fetchFn: FetchFn, limiter: HostLimiter): FetchFn {
  return (input, init) => limiter.run(input, () => fetchFn(input, init));
}
