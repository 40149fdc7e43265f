import { reasonText } from '@/lib/i18n/reason-text';
import { setupWords } from '@/lib/i18n/setup-text';
import { variantOf, type Reason } from '@/lib/phase/reasons';
import type { Thesis } from '@/lib/phase/thesis';
import type { StageHistoryDay } from '@/lib/snapshot/stage-history';
import type { Snapshot } from '@/lib/snapshot/types';
import { StageRibbon, WhatChanged } from './Glance';
import { STAGE_TONE } from './tone';
import { russellStateKey, stageKey, type ViewCtx } from './context';

/** The stage (translated), confirmation, flags, macro, setup and every rule's reason. */
export function Header({
  snapshot,
  history = [],
  ctx,
}: {
  snapshot: Snapshot;
  /** The stored stage history's days (oldest first); empty before the worker wrote one. */
  history?: StageHistoryDay[];
  ctx: ViewCtx;
}) {
  const { t, f } = ctx;
  const p = snapshot.evaluation.phase;
  const decisive = p.reasons.filter((r) => r.decisive);
  const rest = p.reasons.filter((r) => !r.decisive);
  const setup = setupWords(p, t, f.locale);
  return (
    <section class="header" aria-labelledby="stage-heading">
      <p class="stage-line">
        <span class="muted">{t('popup_stage_label')}</span>{' '}
        <strong id="stage-heading" class={`stage chip ${STAGE_TONE[p.stage]}`} data-testid="stage" data-stage={p.stage}>
          {t(stageKey(p.stage))}
        </strong>
        {p.confirming ? (
          <span class="chip warn" data-testid="confirming">
            {t('popup_confirming', t(stageKey(p.confirming.stage)), p.confirming.count, p.confirming.of)}
          </span>
        ) : null}
      </p>
      <StageRibbon days={history} snapshot={snapshot} ctx={ctx} />
      <WhatChanged days={history} snapshot={snapshot} ctx={ctx} />
      <ul class="flags" aria-label={t('popup_flags_label')}>
        {p.flags.length === 0 ? <li class="muted">{t('popup_flags_none')}</li> : null}
        {p.flags.includes('late-cycle') ? (
          <li class="chip bad" title={t('popup_flag_late_cycle_hint')}>
            {t('popup_flag_late_cycle')}
          </li>
        ) : null}
        {p.flags.includes('fear-washout') ? (
          <li class="chip warn" title={t('popup_flag_fear_washout_hint')}>
            {t('popup_flag_fear_washout')}
          </li>
        ) : null}
        <li>
          <span class="muted">{t('popup_macro_label')}</span> {t(russellStateKey(p.macro))}
        </li>
      </ul>
      <p class={`setup ${p.setup.state}`} data-testid="setup" data-state={p.setup.state}>
        <span class={`chip ${p.setup.state === 'yes' ? 'ok' : p.setup.state === 'no' ? '' : 'warn'}`}>
          {setup.head}
        </span>{' '}
        <span data-testid="setup-why">{setup.why}</span>
      </p>
      {p.thesis ? <ThesisLine thesis={p.thesis} ctx={ctx} /> : null}
      <div class="reasons" data-testid="reasons">
        <ul class="decisive" aria-label={t('popup_reasons_decisive')}>
          {decisive.map((r, i) => (
            <ReasonItem key={i} r={r} ctx={ctx} />
          ))}
        </ul>
        <details>
          <summary>{t('popup_reasons_summary', rest.length)}</summary>
          <ul>
            {rest.map((r, i) => (
              <ReasonItem key={i} r={r} ctx={ctx} />
            ))}
          </ul>
        </details>
      </div>
      <p class="muted small">
        {t('popup_computed', f.dateTime(snapshot.computedAt), f.ago(snapshot.computedAt, ctx.now))} ·{' '}
        {t('popup_as_of', f.day(snapshot.evaluation.asOf))}
      </p>
    </section>
  );
}

/** The thesis clock: the window opening, day N with the figures so far, or the verdict once it closed. */
function ThesisLine({ thesis, ctx }: { thesis: Thesis; ctx: ViewCtx }) {
  const { t, f } = ctx;
  const w = thesis.window;
  const x = thesis.figures;
  const peak =
    x?.peakAsi == null ? t('popup_thesis_peak_unknown') : t('popup_thesis_peak', x.peakAsi, f.day(x.peakDate));
  const season = t(`popup_thesis_altseason_${x?.altseason == null ? 'unknown' : x.altseason ? 'yes' : 'no'}`);
  const rest = x ? t('popup_thesis_vs_btc', f.percent(x.ethbtcPct, 1, true), f.percent(x.total3VsBtcPct, 1, true)) : '';
  const text =
    w.status === 'before'
      ? t(w.from - w.day === 1 ? 'popup_thesis_before_one' : 'popup_thesis_before', f.day(w.breakout), w.from - w.day)
      : w.status === 'open'
        ? t('popup_thesis_open', w.day, w.from, w.to, f.day(w.breakout), peak, season, rest)
        : t('popup_thesis_closed', f.day(w.breakout), f.day(w.closes), peak, season, rest);
  return (
    <p class="thesis" data-testid="thesis" data-status={w.status}>
      <span class="muted">{t('popup_thesis_label')}</span> {text}
    </p>
  );
}

const MARK = { pass: '✓ ', fail: '✗ ', unknown: '? ', stale: '? ' } as const;

function ReasonItem({ r, ctx }: { r: Reason; ctx: ViewCtx }) {
  const { t, f } = ctx;
  const v = variantOf(r);
  return (
    <li class={`rule ${v}`}>
      <span aria-hidden="true">{MARK[v]}</span>
      <span class="sr-only">{t(`popup_rule_${v}`)}</span>
      {reasonText(r, t, f.locale)}
      {r.source || r.asOf ? (
        <span class="muted">
          {' '}
          (
          {[r.source ? t('popup_source', r.source) : null, r.asOf ? t('popup_data_of', f.day(r.asOf)) : null]
            .filter(Boolean)
            .join(' · ')}
          )
        </span>
      ) : null}
    </li>
  );
}
