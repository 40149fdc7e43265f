import { reasonText } from '@/lib/i18n/reason-text';
import type { Reason } from '@/lib/phase/reasons';
import type { Snapshot } from '@/lib/snapshot/types';
import { russellStateKey, stageKey, type ViewCtx } from './context';

const STAGE_TONE: Record<string, string> = {
  'btc-season': 'warn',
  'eth-rotation': 'info',
  mixed: 'info',
  'alt-rotation': 'ok',
  altseason: 'ok',
  unknown: 'bad',
};

/** The stage (translated), confirmation, flags, macro, setup and every rule's reason. */
export function Header({ snapshot, ctx }: { snapshot: Snapshot; ctx: ViewCtx }) {
  const { t, f } = ctx;
  const p = snapshot.evaluation.phase;
  const headline = p.reasons.find((r) => r.signal === 'asi' && r.passed) ?? p.reasons[0];
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
      <p class={`setup ${p.setup ? 'on' : ''}`} data-testid="setup">
        {p.setup ? (
          <span class="chip ok">{t('popup_setup_on')}</span>
        ) : (
          <span class="muted">{t('popup_setup_off')}</span>
        )}{' '}
        <span class="muted">{t('popup_setup_hint')}</span>
      </p>
      <details class="reasons">
        <summary>
          {t('popup_reasons_summary', p.reasons.length)}
          {headline ? <span class="muted"> — {reasonText(headline, t, f.locale)}</span> : null}
        </summary>
        <ul data-testid="reasons">
          {p.reasons.map((r, i) => (
            <ReasonItem key={i} r={r} ctx={ctx} />
          ))}
        </ul>
      </details>
      <p class="muted small">
        {t('popup_computed', f.dateTime(snapshot.computedAt), f.ago(snapshot.computedAt, ctx.now))} ·{' '}
        {t('popup_as_of', f.day(snapshot.evaluation.asOf))}
      </p>
    </section>
  );
}

function ReasonItem({ r, ctx }: { r: Reason; ctx: ViewCtx }) {
  const { t, f } = ctx;
  return (
    <li class={r.passed ? 'passed' : 'failed'}>
      <span aria-hidden="true">{r.passed ? '✓ ' : '· '}</span>
      <span class="sr-only">{r.passed ? t('popup_rule_passed') : t('popup_rule_failed')}</span>
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
