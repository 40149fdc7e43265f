import type { LiveKind, LiveLog } from '@/lib/evidence/live-log-types';
import { HORIZONS, METRIC_UNIT, type MetricId } from '@/lib/evidence/types';
import { UNKNOWN } from '@/lib/format/format';
import { stageKey } from '@/lib/phase/stage';
import type { Stage } from '@/lib/phase/stage';
import type { ViewCtx } from './context';
import { HorizonsHead, OutcomeCell } from './EvidenceCells';

/** i18n keys of the live event kinds (literal, so the locale test finds them). */
const KIND_KEYS: Record<LiveKind, string> = {
  breakout: 'evidence_live_kind_breakout',
  weekly: 'evidence_live_kind_weekly',
  'setup-on': 'evidence_live_kind_setup_on',
  'stage-change': 'evidence_live_kind_stage_change',
  'flows-rotation': 'evidence_live_kind_flows_rotation',
};

/**
 * Since install: the events the extension saw happen and what followed, filled in by the worker as
 * days pass (lib/evidence/live-log.ts), for the measure chosen above. A horizon not reached yet is
 * "not yet known"; nothing here is history fitted after the fact.
 */
export function EvidenceLive({
  live,
  metric,
  metricLabel,
  ctx,
}: {
  /** undefined: not read yet; null: nothing stored. */
  live: LiveLog | null | undefined;
  metric: MetricId;
  metricLabel: string;
  ctx: ViewCtx;
}) {
  const { t, f } = ctx;
  const value = (v: number) => (METRIC_UNIT[metric] === 'fraction' ? f.fraction(v, 1) : f.signed(v, 1));
  const events = live?.events ?? [];
  const what = (kind: LiveKind, detail: { from?: string; to?: string }) =>
    kind === 'stage-change' && detail.from && detail.to
      ? t('evidence_live_stage_change', t(stageKey(detail.from as Stage)), t(stageKey(detail.to as Stage)))
      : t(KIND_KEYS[kind]);
  return (
    <section class="evidence-live" data-testid="evidence-live">
      <h3>{t('evidence_live_title')}</h3>
      {live === undefined ? (
        <p class="small muted">{t('evidence_loading')}</p>
      ) : events.length === 0 ? (
        <p class="small" data-testid="evidence-live-none">
          {live?.since ? t('evidence_live_none', f.day(live.since)) : t('evidence_live_not_started')}
        </p>
      ) : (
        <table class="small" data-testid="evidence-live-events">
          <caption>{t('evidence_live_caption', metricLabel, live?.since ? f.day(live.since) : UNKNOWN)}</caption>
          <HorizonsHead t={t} second={t('evidence_live_col_event')} />
          <tbody>
            {events.map((e) => (
              <tr key={`${e.kind}-${e.day}-${e.detail.to ?? ''}`} data-live={e.kind} data-day={e.day}>
                <th scope="row">{f.day(e.day)}</th>
                <td>{what(e.kind, e.detail)}</td>
                {HORIZONS.map((h) => (
                  <OutcomeCell key={h} o={e.outcomes[metric]?.[h]} text={value} pending={t('evidence_pending')} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="small muted">{t('evidence_live_note')}</p>
    </section>
  );
}
