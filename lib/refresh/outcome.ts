import { restoreCooldown } from '../net/cooldown';
import type { Snapshot } from '../snapshot/types';
import { PROVIDER_LABELS, type ProviderId } from './gate';

/** The worker's answer to "refresh now": what the popup tells the user. */
export interface RefreshReply {
  /** False when the refresh threw, or when providers were asked and none answered. */
  ok: boolean;
  /** Providers failing now (their last error is newer than their last success), by name: asked in this
   *  refresh and failed, or still backing off from an earlier failure. */
  failed: string[];
  /** How many providers answered in this refresh (0 with nothing due is still ok). */
  answered: number;
}

/**
 * Reads one refresh's outcome off its snapshot's source statuses: "Refreshed." must not be said when
 * every source that was asked failed (the pipeline itself still succeeds then, keeping the last data).
 */
export function refreshReply(
  snapshot: Snapshot | null,
  startedAt: number,
  cooldowns: Record<string, unknown> = {},
  now = startedAt,
): RefreshReply {
  if (!snapshot) return { ok: false, failed: [], answered: 0 };
  const failing = new Set<string>();
  let answered = 0;
  for (const [id, st] of Object.entries(snapshot.sources)) {
    if (st.lastSuccess !== null && st.lastSuccess >= startedAt) answered++;
    if (st.lastError !== null && (st.lastSuccess === null || st.lastError.at > st.lastSuccess)) failing.add(id);
  }
  // A provider held off by its cooldown was not even asked: its seeded or older status may say nothing.
  for (const [id, v] of Object.entries(cooldowns)) {
    const c = restoreCooldown(v, now);
    if (c.failures > 0 || c.retryAt > now) failing.add(id);
  }
  const failed = [...failing].map((id) => PROVIDER_LABELS[id as ProviderId] ?? id);
  return { ok: !(failed.length > 0 && answered === 0), failed, answered };
}

/** The reply as the popup receives it (any shape): a refresh that cannot be read is a failed one. */
export function asRefreshReply(v: unknown): RefreshReply {
  const r = v as Partial<RefreshReply> | null | undefined;
  if (!r || typeof r.ok !== 'boolean') return { ok: false, failed: [], answered: 0 };
  const failed = Array.isArray(r.failed) ? r.failed.filter((x): x is string => typeof x === 'string') : [];
  return { ok: r.ok, failed, answered: typeof r.answered === 'number' ? r.answered : 0 };
}
