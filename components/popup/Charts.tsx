import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { ChartData } from '@/lib/charts/build';
import type { Settings } from '@/lib/settings/defaults';
import type { CompactSeries, Snapshot } from '@/lib/snapshot/types';
import { TimeChart, type SeriesSpec } from '../shared/TimeChart';
import type { ViewCtx } from './context';

interface Props {
  snapshot: Snapshot;
  settings: Settings;
  /** Full histories; null until built, meanwhile the snapshot's 90-day sparklines are drawn. */
  charts: ChartData | null;
  locale: string;
  ctx: ViewCtx;
}

/**
 * The five charts. Each keeps its chart instance for the life of the popup; when the full histories
 * arrive they replace the sparkline data in place.
 */
export function Charts({ snapshot, settings, charts, locale, ctx }: Props) {
  const { t, f } = ctx;
  const { stage } = settings;
  const e = snapshot.evaluation;
  const full = charts !== null;
  const spark = snapshot.sparklines;

  const rut = useMemo<SeriesSpec[]>(() => {
    const points = charts?.rut?.points ?? spark.rut;
    const breakouts =
      charts?.rut?.breakouts ?? (e.russell?.breakouts ?? []).filter((d) => points.length > 0 && d >= points[0]![0]);
    return [
      {
        kind: 'line',
        points,
        priceLines: [
          {
            price: settings.russell.referenceHigh,
            title: `${t('popup_chart_ref_high')} ${f.number(settings.russell.referenceHigh, 0)}`,
            tone: 'ref',
          },
        ],
        markers: breakouts.map((d) => ({ time: d, text: t('popup_chart_breakout') })),
        precision: 0,
      },
    ];
  }, [charts, spark, settings.russell.referenceHigh, t, f]);

  const asi = useMemo<SeriesSpec[]>(
    () => [
      {
        kind: 'line',
        points: charts?.asi?.points ?? spark.asi,
        range: [0, 100],
        precision: 0,
        priceLines: [
          {
            price: settings.stage.btcSeasonMax,
            title: `${t('stage_btc_season')} ${f.number(settings.stage.btcSeasonMax)}`,
            tone: 'low',
          },
          {
            price: settings.stage.altseasonMin,
            title: `${t('stage_altseason')} ${f.number(settings.stage.altseasonMin)}`,
            tone: 'high',
          },
        ],
      },
    ],
    [charts, spark, settings.stage.btcSeasonMax, settings.stage.altseasonMin, t, f],
  );

  const dom = useMemo<SeriesSpec[]>(
    () => [
      {
        kind: 'line',
        points: charts?.dominance?.points ?? spark.dominance,
        precision: 1,
        priceLines: settings.dominance.zones.map((z, i) => ({
          price: z,
          title: f.number(z),
          tone: i < 2 ? 'low' : 'ref',
        })),
      },
    ],
    [charts, spark, settings.dominance.zones, f],
  );

  const macd = useMemo<SeriesSpec[]>(() => {
    const bars = charts?.dominance?.macd ?? [];
    return [
      { kind: 'histogram', points: bars.map((b) => [b.time, b.histogram] as [string, number]), precision: 2 },
      { kind: 'line', tone: 'main', points: bars.map((b) => [b.time, b.macd] as [string, number]), precision: 2 },
      { kind: 'line', tone: 'accent', points: bars.map((b) => [b.time, b.signal] as [string, number]), precision: 2 },
    ];
  }, [charts]);

  const eth = useMemo<SeriesSpec[]>(
    () => [{ kind: 'line', points: charts?.ethbtc?.points ?? [], precision: 5 }],
    [charts],
  );

  const fg = useMemo<SeriesSpec[]>(
    () => [
      {
        kind: 'line',
        points: charts?.fearGreed?.points ?? [],
        range: [0, 100],
        precision: 0,
        priceLines: [
          {
            price: settings.fearGreed.extremeFear,
            title: `${t('popup_fg_extreme_fear')} ${f.number(settings.fearGreed.extremeFear)}`,
            tone: 'low',
          },
          {
            price: settings.fearGreed.greed,
            title: `${t('popup_fg_greed')} ${f.number(settings.fearGreed.greed)}`,
            tone: 'high',
          },
        ],
      },
    ],
    [charts, settings.fearGreed.extremeFear, settings.fearGreed.greed, t, f],
  );

  // TOTAL3 against BTC, both rebased to 100 at the chart's start (only from the full histories).
  const total3 = useMemo<SeriesSpec[]>(
    () => [
      { kind: 'line', points: charts?.total3?.points ?? [], precision: 1 },
      { kind: 'line', tone: 'accent', points: charts?.total3?.btc ?? [], precision: 1 },
    ],
    [charts],
  );

  // BTC's bars behind, ETH's in front: outflows of one beside inflows of the other is the rotation.
  const etf = useMemo<SeriesSpec[]>(
    () => [
      { kind: 'histogram', tone: 'main', points: charts?.etfFlows?.btc ?? [], precision: 0 },
      { kind: 'histogram', tone: 'accent', points: charts?.etfFlows?.eth ?? [], precision: 0 },
    ],
    [charts],
  );

  const src = (s: string | null | undefined, fallback: string | null | undefined) => s ?? fallback ?? null;
  return (
    <div class="charts" data-full={full ? 'true' : 'false'}>
      {full ? null : (
        <p class="muted small" role="status">
          {t('popup_charts_loading')}
        </p>
      )}
      <ChartCard
        id="rut"
        digits={2}
        title={t('popup_chart_rut')}
        points={rut[0]!.points}
        source={src(charts?.rut?.source, e.russell?.source)}
        ctx={ctx}
        note={t('popup_chart_rut_note', f.number(settings.russell.referenceHigh, 2))}
      >
        <TimeChart id="rut" series={rut} locale={locale} />
      </ChartCard>
      <ChartCard
        id="asi"
        digits={0}
        title={t('popup_chart_asi')}
        points={asi[0]!.points}
        source={src(charts?.asi?.source, e.asi && 'source' in e.asi ? e.asi.source : null)}
        ctx={ctx}
        note={
          <>
            {t('popup_chart_asi_note', f.number(stage.btcSeasonMax), f.number(stage.altseasonMin))}{' '}
            {snapshot.crossCheck
              ? t(
                  'popup_cmc_beside',
                  f.number(e.asi?.value ?? null),
                  f.number(snapshot.crossCheck.cmcAsi),
                  f.day(snapshot.crossCheck.asOf),
                )
              : null}{' '}
            {charts?.asi?.universe ? t(`popup_universe_${charts.asi.universe.replace(/-/g, '_')}`) : null}
          </>
        }
      >
        <TimeChart id="asi" series={asi} locale={locale} />
      </ChartCard>
      <ChartCard
        id="dominance"
        digits={1}
        title={t('popup_chart_dominance')}
        points={dom[0]!.points}
        source={src(charts?.dominance?.source, e.dominance?.source)}
        ctx={ctx}
        note={t('popup_chart_dominance_note', ...settings.dominance.zones.map((z) => f.number(z)))}
      >
        <TimeChart id="dominance" series={dom} locale={locale} />
        <h4 class="small">{t('popup_chart_macd')}</h4>
        {full && macd[0]!.points.length === 0 ? (
          <p class="muted small">
            {t('popup_chart_macd_short', settings.dominance.macdSlow + settings.dominance.macdSignal - 1)}
          </p>
        ) : null}
        <TimeChart id="dominance-macd" series={macd} height={90} locale={locale} />
      </ChartCard>
      <ChartCard
        id="ethbtc"
        digits={5}
        title={t('popup_chart_ethbtc')}
        points={eth[0]!.points}
        source={src(charts?.ethbtc?.source, e.ethbtc?.source)}
        ctx={ctx}
      >
        <TimeChart id="ethbtc" series={eth} locale={locale} />
      </ChartCard>
      <ChartCard
        id="total3"
        digits={1}
        title={t('popup_chart_total3')}
        points={total3[0]!.points}
        source={src(charts?.total3?.source, e.total3?.source)}
        ctx={ctx}
        note={t('popup_chart_total3_note')}
      >
        <TimeChart id="total3" series={total3} locale={locale} />
      </ChartCard>
      <ChartCard
        id="fearGreed"
        digits={0}
        title={t('popup_chart_fear_greed')}
        points={fg[0]!.points}
        source={src(charts?.fearGreed?.source, e.fearGreed?.source)}
        ctx={ctx}
        note={t('popup_chart_fg_note', f.number(settings.fearGreed.extremeFear), f.number(settings.fearGreed.greed))}
      >
        <TimeChart id="fearGreed" series={fg} locale={locale} />
      </ChartCard>
      <ChartCard
        id="etfFlows"
        digits={1}
        title={t('popup_chart_etf_flows')}
        points={etf[0]!.points}
        source={src(charts?.etfFlows?.source, e.etfFlows?.source)}
        ctx={ctx}
        note={t('popup_chart_etf_note')}
      >
        <TimeChart id="etfFlows" series={etf} locale={locale} />
      </ChartCard>
      <p class="small muted attribution">
        {t('popup_charts_by')}{' '}
        <a href="https://www.tradingview.com/" target="_blank" rel="noopener noreferrer">
          TradingView
        </a>
      </p>
    </div>
  );
}

function ChartCard(x: {
  id: string;
  title: string;
  points: CompactSeries;
  digits: number;
  source: string | null;
  note?: ComponentChildren;
  children: ComponentChildren;
  ctx: ViewCtx;
}) {
  const { t, f } = x.ctx;
  const last = x.points[x.points.length - 1];
  return (
    <figure class="chart-card" data-card={x.id} aria-labelledby={`chart-${x.id}-title`}>
      <figcaption>
        <h3 id={`chart-${x.id}-title`}>{x.title}</h3>
        <span class="small muted">
          {last
            ? t('popup_chart_last', f.number(last[1], x.digits), f.day(last[0]), x.points.length)
            : t('popup_chart_empty')}
          {x.source ? ` · ${t('popup_source', x.source)}` : ''}
        </span>
      </figcaption>
      {x.children}
      {x.note ? <p class="small muted">{x.note}</p> : null}
    </figure>
  );
}
