import type { SiteId } from '../settings/defaults';
import { SNAPSHOT_VERSION, type Snapshot } from '../snapshot/types';
import { STAGES, type StoredSettings } from './model';
import { siteFromUrl } from './sites';

export type BadgeLayout = { x: number; y: number; collapsed: boolean };

/** Settings as stored may be partial or from an older version: read them defensively. */
export type SettingsLike = StoredSettings & {
  sites?: Partial<Record<SiteId, unknown>>;
  badge?: { opacity?: unknown };
};

/** The site whose badge should show on this URL, or null (unsupported page, or the user switched the site off). */
export function badgeSite(href: string, settings: SettingsLike | null | undefined): SiteId | null {
  const site = siteFromUrl(href);
  if (!site) return null;
  // A site missing from stored settings is on: every site defaults to on.
  return settings?.sites?.[site] === false ? null : site;
}

/** The badge's opacity, 0.3..1 (0.95 when unset or invalid). */
export function badgeOpacity(settings: SettingsLike | null | undefined): number {
  const o = settings?.badge?.opacity;
  return Number.isFinite(o) ? Math.min(1, Math.max(0.3, o as number)) : 0.95;
}

/**
 * A stored snapshot the badge may read, or null ("No data"). Only the frame is checked here (the full
 * `isSnapshot` would cost the content script's size budget); the badge model reads every signal
 * defensively, so a missing or malformed signal shows as unknown, never as 0. Reasons that are not
 * `{ text }` objects are dropped here (the panel lists their texts).
 */
export function usableSnapshot(v: unknown): Snapshot | null {
  const s = v as Snapshot | null | undefined;
  const phase = s?.evaluation?.phase;
  if (!(
    s?.version === SNAPSHOT_VERSION &&
    typeof s.computedAt === 'number' &&
    typeof s.evaluation?.today === 'string' &&
    STAGES.includes(phase?.stage!)
  ))
    return null;
  const r: unknown = phase!.reasons;
  const ok = Array.isArray(r) ? r.filter((x) => typeof x?.text === 'string') : [];
  return ok.length === (r as unknown[] | null)?.length
    ? s
    : { ...s, evaluation: { ...s.evaluation, phase: { ...phase!, reasons: ok } } };
}

/** The layout stored for a site, if it is well-formed. */
export function layoutFor(all: unknown, site: SiteId): BadgeLayout | null {
  const l = (all as Record<string, Partial<BadgeLayout>> | null | undefined)?.[site];
  return Number.isFinite(l?.x) && Number.isFinite(l?.y)
    ? { x: l!.x!, y: l!.y!, collapsed: l!.collapsed === true }
    : null;
}
