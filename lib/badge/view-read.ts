/*
 * The page side of the badge view (lib/badge/view.ts builds it in the worker): the few checks and fills the
 * content script needs. Kept apart from view.ts so the content script never bundles the builder.
 */
import type { Stage } from '../phase/stage';
import type { BadgePanelPart, BadgePill, BadgeView } from './view';

// 2: asiPartial (an ASI over fewer coins than aimed at says so). 3: the panel's part stored apart (BadgePanelPart).
export const BADGE_VIEW_VERSION = 3;

/** A view's template filled in on the page: %1, %2… are the parameters (a symbol, an age), in any order. */
export const fill = (template: string, ...values: (string | number)[]) =>
  template.replace(/%(\d)/g, (all, n: string) => String(values[Number(n) - 1] ?? all));

const STAGE_IDS: readonly Stage[] = ['btc-season', 'eth-rotation', 'mixed', 'alt-rotation', 'altseason', 'unknown'];

/** A stored pill of this version, or null (the worker writes another soon): only its frame is checked here. */
export function usableView(v: unknown): BadgePill | null {
  const x = v as BadgePill | null | undefined;
  return x?.v === BADGE_VIEW_VERSION &&
    STAGE_IDS.includes(x.stage) &&
    Array.isArray(x.strip) &&
    !!x.colors &&
    !!x.names &&
    Array.isArray(x.off) &&
    x.text
    ? x
    : null;
}

/** A stored panel part of this version, or null: its frame only, as the pill's. */
export function usablePanelPart(v: unknown): BadgePanelPart | null {
  const x = v as BadgePanelPart | null | undefined;
  const p = x?.panel;
  const lists = p && [p.flags, p.lines, p.extras, p.top, p.more, p.links];
  return x?.v === BADGE_VIEW_VERSION && lists?.every((l) => Array.isArray(l)) && !!x.coins?.ranked ? x : null;
}

/** The coin-on-screen line for `symbol` (from the page's URL), or null when the URL names none. */
export function coinLine(v: Pick<BadgeView, 'coins'>, symbol: string | null): string | null {
  if (!symbol) return null;
  if (symbol === 'BTC') return v.coins.btc;
  const c = v.coins;
  const r = Object.hasOwn(c.ranked, symbol) ? c.ranked[symbol] : undefined;
  if (r) return fill(c.rankedLine, symbol, r[0], r[1], c.of);
  const x = Object.hasOwn(c.excluded, symbol) ? c.why[c.excluded[symbol]!] : undefined;
  return x === undefined ? fill(c.other, symbol) : fill(c.outLine, symbol, x);
}

/** "updated 12 min ago" from the view's templates, against the page's clock. */
export function updatedText(v: BadgePill, now: number): string {
  if (v.computedAt === null) return '';
  const min = Math.floor((now - v.computedAt) / 60_000);
  const h = Math.floor(min / 60);
  const age = !(min >= 1)
    ? v.text.ageNow
    : min < 60
      ? fill(v.text.ageMin, min)
      : fill(h < 48 ? v.text.ageH : v.text.ageD, h < 48 ? h : Math.floor(h / 24));
  return fill(v.text.updated, age);
}
