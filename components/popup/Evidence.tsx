import { useMemo, useState } from 'preact/hooks';
import {
  HORIZONS,
  METRIC_UNIT,
  type EventKind,
  type EvidenceResult,
  type Horizon,
  type MetricId,
  type Outcome,
} from '@/lib/evidence/types';
import type { EvidenceHistory } from '@/lib/evidence/history';
import type { LiveLog } from '@/lib/evidence/live-log-types';
import { SHIPPED_HISTORY } from '@/lib/evidence/shipped-history';
import { MIN_FOR_MEDIAN } from '@/lib/evidence/small-sample';
import { eventMarkers, eventValues, metricsWithData, russellPoints, stripDomain } from '@/lib/evidence/view';
import { UNKNOWN } from '@/lib/format/format';
import { TimeChart, type SeriesSpec } from '../shared/TimeChart';
import type { ViewCtx } from './context';
import { HorizonsHead, OutcomeCell } from './EvidenceCells';
import { EvidenceFlows } from './EvidenceFlows';
import { EvidenceLive } from './EvidenceLive';
import { EvidenceThesis } from './EvidenceThesis';

/** i18n keys of the measures and event kinds (literal, so the locale test finds them). */
export const METRIC_KEYS: Record<MetricId, string> = {
  ethbtc: 'evidence_metric_ethbtc',
  basketEqual: 'evidence_metric_basket_equal',
  basketCap: 'evidence_metric_basket_cap',
  dominance: 'evidence_metric_dominance',
  total3: 'evidence_metric_total3',
  asi: 'evidence_metric_asi',
};
const KIND_KEYS: Record<EventKind, { many: string; one: string; marker: string }> = {
  breakout: { many: 'evidence_kind_breakouts', one: 'evidence_kind_breakout', marker: 'evidence_marker_breakout' },
  weekly: { many: 'evidence_kind_weeklies', one: 'evidence_kind_weekly', marker: 'evidence_marker_weekly' },
};

interface Props {
  /** undefined: not computed yet; null: no Russell history to test. */
  evidence: EvidenceResult | null | undefined;
  /** The forward log since install (undefined: not read yet). */
  live?: LiveLog | null;
  /** The thesis on the shipped data; lib/evidence/history.json unless a test gives another. */
  history?: EvidenceHistory;
  locale: string;
  ctx: ViewCtx;
}

/**
 * The thesis tested on the shipped history (summary and per-breakout table), the forward log since
 * install, then what followed past Russell breakouts in the extension's own caches, beside every
 * day's base rate. Describes the past; never a forecast.
 */
export function Evidence({ evidence: r, live, history = SHIPPED_HISTORY, locale, ctx }: Props) {
  const { t, f } = ctx;
  const [kind, setKind] = useState<EventKind>('breakout');
  const [metric, setMetric] = useState<MetricId>('ethbtc');

  // Always one line series: the chart is created once and gets its data when the evidence arrives.
  const chart = useMemo<SeriesSpec[]>(
    () => [
      {
        kind: 'line',
        points: russellPoints(r),
        markers: r ? eventMarkers(r, (k) => t(KIND_KEYS[k].marker)) : [],
        precision: 0,
      },
    ],
    [r, t],
  );

  const value = (v: number | null, m: MetricId) => (METRIC_UNIT[m] === 'fraction' ? f.fraction(v, 1) : f.signed(v, 1));
  const share = (v: number | null) => (v === null ? UNKNOWN : f.percent(v * 100, 0));

  const body = () => {
    if (r === undefined)
      return (
        <p class="muted" role="status">
          {t('evidence_loading')}
        </p>
      );
    if (r === null) return <p data-testid="evidence-none">{t('evidence_no_data')}</p>;
    const breakouts = r.events.filter((e) => e.kind === 'breakout');
    const withData = breakouts.filter((e) =>
      Object.values(e.outcomes).some((byH) => Object.values(byH).some((o: Outcome) => o.status !== 'unknown')),
    );
    const shown = metricsWithData(r, kind);
    const missing = (Object.keys(METRIC_KEYS) as MetricId[]).filter((m) => !shown.includes(m));
    const chosen = shown.includes(metric) ? metric : (shown[0] ?? metric);
    return (
      <>
        <p data-testid="evidence-summary">
          {t(
            'evidence_summary',
            breakouts.length,
            r.events.length - breakouts.length,
            f.day(r.russell.first),
            f.day(r.russell.last),
          )}{' '}
          {t('evidence_with_data', withData.length, breakouts.length)}
          {withData.length < breakouts.length
            ? ` ${t('evidence_without_data', breakouts.length - withData.length)}`
            : ''}
          {r.unconfirmed.length ? ` ${t('evidence_unconfirmed', r.unconfirmed.map((d) => f.day(d)).join(', '))}` : ''}
        </p>
        <p class="small muted">{r.dataEnd ? t('evidence_data_end', f.day(r.dataEnd)) : t('evidence_data_end_none')}</p>
        <div class="evidence-controls small">
          <label>
            {t('evidence_kind_label')}{' '}
            <select value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as EventKind)}>
              {(['breakout', 'weekly'] as EventKind[]).map((k) => (
                <option key={k} value={k}>
                  {t(KIND_KEYS[k].many)}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('evidence_metric_label')}{' '}
            <select
              value={chosen}
              onChange={(e) => setMetric((e.currentTarget as HTMLSelectElement).value as MetricId)}
            >
              {shown.map((m) => (
                <option key={m} value={m}>
                  {t(METRIC_KEYS[m])}
                </option>
              ))}
            </select>
          </label>
        </div>

        <h3>{t('evidence_dist_title')}</h3>
        {HORIZONS.map((h) => (
          <table key={h} class="small evidence-dist" data-horizon={h}>
            <caption>{t('evidence_dist_caption', h)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('evidence_col_metric')}</th>
                <th scope="col" class="r">
                  {t('evidence_col_events')}
                </th>
                <th scope="col" class="r">
                  {t('evidence_col_misses')}
                </th>
                <th scope="col" class="r">
                  {t('evidence_col_events_values')}
                </th>
                <th scope="col" class="r">
                  {t('evidence_col_positive')}
                </th>
                <th scope="col" class="r">
                  {t('evidence_col_base')}
                </th>
                <th scope="col" class="r">
                  {t('evidence_col_median')}
                </th>
                <th scope="col" class="r">
                  {t('evidence_col_positive')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => {
                const s = r.summary[kind][m][h];
                return (
                  <tr key={m} data-metric={m}>
                    <th scope="row">{t(METRIC_KEYS[m])}</th>
                    <td class="r num">
                      {s.events.n}
                      {s.events.pending ? ` (+${s.events.pending} ${t('evidence_pending_short')})` : ''}
                    </td>
                    <td class="r num" data-testid="misses">
                      {s.events.n ? s.events.misses : UNKNOWN}
                    </td>
                    {s.events.n < MIN_FOR_MEDIAN ? (
                      <td class="r num" data-testid="event-values">
                        {eventValues(r, kind, m, h)
                          .map((e) => `${value(e.value, m)} (${f.day(e.date)})`)
                          .join(', ') || UNKNOWN}
                      </td>
                    ) : (
                      <td class="r num">{value(s.events.median, m)}</td>
                    )}
                    <td class="r num">{s.events.n < MIN_FOR_MEDIAN ? UNKNOWN : share(s.events.sharePositive)}</td>
                    <td class="r num muted">{s.base.n}</td>
                    <td class="r num muted">{value(s.base.median, m)}</td>
                    <td class="r num muted">{share(s.base.sharePositive)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
        <p class="small muted">{t('evidence_dist_note')}</p>
        {missing.length ? (
          <p class="small muted" data-testid="evidence-missing">
            {t('evidence_no_data_metrics', missing.map((m) => t(METRIC_KEYS[m])).join(', '))}
          </p>
        ) : null}
        {shown.length ? <Strip r={r} kind={kind} metric={chosen} ctx={ctx} value={value} /> : null}

        <table class="small" data-testid="evidence-events">
          <caption>{t('evidence_events_caption', t(METRIC_KEYS[chosen]))}</caption>
          <HorizonsHead t={t} second={t('evidence_col_kind')} />
          <tbody>
            {r.events.map((e) => (
              <tr key={`${e.kind}-${e.date}`} data-event={e.date} data-kind={e.kind}>
                <th scope="row">{f.day(e.date)}</th>
                <td>{t(KIND_KEYS[e.kind].one)}</td>
                {HORIZONS.map((h) => (
                  <OutcomeCell
                    key={h}
                    o={e.outcomes[chosen][h]}
                    text={(v) => value(v, chosen)}
                    pending={t('evidence_pending')}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <AsiPaths r={r} ctx={ctx} />
        <EvidenceFlows flows={r.etfFlows ?? null} ctx={ctx} />
        <p class="small muted">{t('evidence_limits')}</p>
      </>
    );
  };

  return (
    <div class="evidence">
      <EvidenceThesis history={history} ctx={ctx} />
      <EvidenceLive live={live} metric={metric} metricLabel={t(METRIC_KEYS[metric])} ctx={ctx} />
      <h3>{t('evidence_cache_title')}</h3>
      <figure class="chart-card" data-card="evidence-rut" aria-labelledby="chart-evidence-rut-title">
        <figcaption>
          <h3 id="chart-evidence-rut-title">{t('evidence_chart_title')}</h3>
          {r ? (
            <span class="small muted">
              {t('evidence_chart_source', r.russell.source, f.day(r.russell.first), f.day(r.russell.last))}
            </span>
          ) : null}
        </figcaption>
        <TimeChart id="evidence-rut" series={chart} locale={locale} />
        {r ? <p class="small muted">{t('evidence_chart_note', r.rule.baseDays)}</p> : null}
      </figure>
      {body()}
    </div>
  );
}

/** The ASI on each event day and after it, where the ASI history reaches. */
function AsiPaths({ r, ctx }: { r: EvidenceResult; ctx: ViewCtx }) {
  const { t, f } = ctx;
  const paths = r.events.filter((e) => e.asiPath.start !== null);
  if (paths.length === 0) return null;
  const n = (v: number | null) => (v === null ? UNKNOWN : f.number(v, 0));
  return (
    <ul class="small evidence-asi" data-testid="evidence-asi">
      {paths.map((e) => (
        <li key={`${e.kind}-${e.date}`}>
          {t(
            'evidence_asi_path',
            f.day(e.date),
            n(e.asiPath.start),
            HORIZONS.map((h) => t('evidence_asi_at', h, n(e.asiPath.at[h]), n(e.asiPath.peak[h]))).join(', '),
          )}
        </li>
      ))}
    </ul>
  );
}

const W = 440;
const ROW = 26;
const LEFT = 56;

/**
 * One strip per horizon: the base rate's middle half as a bar, its median as a tick, each event as a
 * dot, and the zero line. The numbers are in the tables above; this shows where events fall.
 */
function Strip({
  r,
  kind,
  metric,
  ctx,
  value,
}: {
  r: EvidenceResult;
  kind: EventKind;
  metric: MetricId;
  ctx: ViewCtx;
  value: (v: number | null, m: MetricId) => string;
}) {
  const { t } = ctx;
  const dom = stripDomain(r, kind, metric);
  if (!dom) return null;
  const x = (v: number) => LEFT + ((v - dom[0]) / (dom[1] - dom[0])) * (W - LEFT - 8);
  const h = HORIZONS.length * ROW + 18;
  const label = (hz: Horizon) => {
    const b = r.summary[kind][metric][hz].base;
    const ev = eventValues(r, kind, metric, hz).map((e) => value(e.value, metric));
    return t(
      'evidence_strip_row',
      hz,
      value(b.p25, metric),
      value(b.p75, metric),
      value(b.median, metric),
      ev.length ? ev.join(', ') : UNKNOWN,
    );
  };
  return (
    <figure class="evidence-strip" data-testid="evidence-strip">
      <figcaption class="small">{t('evidence_strip_title', t(METRIC_KEYS[metric]))}</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-label={HORIZONS.map(label).join('; ')}>
        <line x1={x(0)} x2={x(0)} y1={2} y2={h - 16} style={{ stroke: 'var(--muted)', strokeDasharray: '3 3' }} />
        {HORIZONS.map((hz, i) => {
          const y = 6 + i * ROW;
          const b = r.summary[kind][metric][hz].base;
          return (
            <g key={hz}>
              <text x={0} y={y + 12} style={{ fill: 'var(--fg)', fontSize: '11px' }}>
                {t('evidence_col_after', hz)}
              </text>
              {b.p25 !== null && b.p75 !== null ? (
                <rect
                  x={x(b.p25)}
                  y={y + 2}
                  width={Math.max(1, x(b.p75) - x(b.p25))}
                  height={14}
                  style={{ fill: 'var(--border)' }}
                />
              ) : null}
              {b.median !== null ? (
                <line
                  x1={x(b.median)}
                  x2={x(b.median)}
                  y1={y}
                  y2={y + 18}
                  style={{ stroke: 'var(--muted)', strokeWidth: 2 }}
                />
              ) : null}
              {eventValues(r, kind, metric, hz).map((e) => (
                <circle key={e.date} cx={x(e.value)} cy={y + 9} r={4} style={{ fill: 'var(--link)' }}>
                  <title>{`${ctx.f.day(e.date)}: ${value(e.value, metric)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        <text x={LEFT} y={h - 2} style={{ fill: 'var(--muted)', fontSize: '10px' }}>
          {value(dom[0], metric)}
        </text>
        <text x={W - 8} y={h - 2} style={{ fill: 'var(--muted)', fontSize: '10px', textAnchor: 'end' }}>
          {value(dom[1], metric)}
        </text>
      </svg>
      <p class="small muted">{t('evidence_strip_legend')}</p>
    </figure>
  );
}
