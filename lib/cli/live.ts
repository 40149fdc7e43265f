import type { FetchFn } from '../net/http';
import { PROVIDER_LABELS, type ProviderId } from '../refresh/gate';
import { emptyRefreshState, runRefresh } from '../refresh/run';
import type { Settings } from '../settings/defaults';
import type { Snapshot } from '../snapshot/types';

/**
 * `--live`: one cold refresh with Node's fetch, exactly as the extension's worker does it.
 * `REGIME_API_EMULATOR=http://127.0.0.1:PORT` sends every request to the local test emulator instead
 * (the real URL's host goes in the `x-emulated-host` header): for tests and offline development.
 */
export async function liveSnapshot(settings: Settings, now: number, env = process.env): Promise<Snapshot> {
  const result = await runRefresh(emptyRefreshState(settings), {
    fetch: liveFetch(env.REGIME_API_EMULATOR),
    now: () => now,
  });
  return result.snapshot;
}

function liveFetch(emulator: string | undefined): FetchFn {
  if (!emulator) return (url, init) => fetch(url, init);
  return (url, init) => {
    const u = new URL(url);
    return fetch(`${emulator}${u.pathname}${u.search}`, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), 'x-emulated-host': u.host },
    });
  };
}

/** One line per provider that failed, e.g. "Yahoo Finance: network error (getaddrinfo ENOTFOUND …)". */
export function sourceErrors(s: Snapshot): string[] {
  return Object.entries(s.sources)
    .filter(([, st]) => st.lastError && (st.lastSuccess === null || st.lastError.at >= st.lastSuccess))
    .map(([id, st]) => `${PROVIDER_LABELS[id as ProviderId] ?? id}: ${st.lastError!.kind}: ${st.lastError!.message}`);
}
