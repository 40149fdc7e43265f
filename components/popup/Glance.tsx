import { STAGE_COLOR } from '@/lib/badge/stage-style';
import { stageRibbon, whatChanged } from '@/lib/charts/glance';
import { daysBetween } from '@/lib/series/dates';
import type { StageHistoryDay } from '@/lib/snapshot/stage-history';
import type { Snapshot } from '@/lib/snapshot/types';
import { stageKey, type ViewCtx } from './context';

const pct = (n: number, span: number) => `${((n / span) * 100).toFixed(3)}%`;

/**
 * The year of stages as one ribbon: a segment per run of one stage (its colour, its dates in a title and its
 * accessible name), the Russell breakouts as ticks and the spill-over window shaded.
 */
export function StageRibbon({ days, snapshot, ctx }: { days: StageHistoryDay[]; snapshot: Snapshot; ctx: ViewCtx }) {
  const { t, f } = ctx;
  const r = stageRibbon(days, snapshot);
  if (!r)
    return (
      <p class="muted small" data-testid="ribbon-none">
        {t('popup_ribbon_none')}
      </p>
    );
  const at = (d: string) => pct(daysBetween(r.from, d), r.span);
  const label = t('popup_ribbon_label', r.span);
  return (
    <div class="ribbon-wrap">
      <div class="ribbon" role="list" aria-label={label} data-testid="ribbon" data-from={r.from} data-to={r.to}>
        {r.window ? (
          <span
            role="listitem"
            class="ribbon-window"
            data-testid="ribbon-window"
            aria-label={t('popup_ribbon_window', f.day(r.window.from), f.day(r.window.to))}
            style={{ left: at(r.window.from), width: pct(daysBetween(r.window.from, r.window.to) + 1, r.span) }}
            title={t('popup_ribbon_window', f.day(r.window.from), f.day(r.window.to))}
          />
        ) : null}
        {r.segments.map((s) => {
          const text = t('popup_ribbon_segment', t(stageKey(s.stage)), f.day(s.from), f.day(s.to), s.days);
          return (
            <span
              key={s.from}
              role="listitem"
              class="ribbon-seg"
              data-stage={s.stage}
              data-days={s.days}
              aria-label={text}
              title={text}
              style={{ left: at(s.from), width: pct(s.days, r.span), background: STAGE_COLOR[s.stage] }}
            />
          );
        })}
        {r.breakouts.map((d) => (
          <span
            key={d}
            role="listitem"
            class="ribbon-breakout"
            data-testid="ribbon-breakout"
            aria-label={t('popup_ribbon_breakout', f.day(d))}
            title={t('popup_ribbon_breakout', f.day(d))}
            style={{ left: at(d) }}
          />
        ))}
      </div>
      <p class="ribbon-axis small muted" aria-hidden="true">
        <span>{f.day(r.from)}</span>
        <span>{f.day(r.to)}</span>
      </p>
    </div>
  );
}

/** "What changed": the ASI over 1 and 7 days, dominance over 7 days, the last stage change and its date. */
export function WhatChanged({ days, snapshot, ctx }: { days: StageHistoryDay[]; snapshot: Snapshot; ctx: ViewCtx }) {
  const { t, f } = ctx;
  const w = whatChanged(days, snapshot);
  const arrow = (n: number | null, digits: number) =>
    n === null ? f.number(null) : `${n > 0 ? '▲' : n < 0 ? '▼' : ''}${f.signed(n, digits)}`;
  const c = w.lastChange;
  return (
    <p class="changed small" data-testid="what-changed">
      <span class="muted">{t('popup_changed_label')}</span> {t('popup_changed_asi', arrow(w.asi1, 0), arrow(w.asi7, 0))}
      {' · '}
      {w.dom7 === null ? t('popup_changed_dom_unknown') : t('popup_changed_dom', arrow(w.dom7, 1))}
      {' · '}
      {c
        ? t('popup_changed_stage', t(stageKey(c.from)), t(stageKey(c.to)), f.day(c.date), w.held ?? f.number(null))
        : t('popup_changed_stage_none', days.length)}
    </p>
  );
}
