import {
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesType,
  type Time,
} from 'lightweight-charts';
import { useEffect, useRef } from 'preact/hooks';
import type { CompactSeries } from '@/lib/snapshot/types';
import { chartColors, useDarkMode, type ChartPalette } from './theme';

export interface PriceLineSpec {
  price: number;
  title: string;
  tone?: 'low' | 'high' | 'ref';
}

export interface SeriesSpec {
  kind: 'line' | 'histogram';
  points: CompactSeries;
  tone?: keyof Pick<ChartPalette, 'main' | 'accent' | 'muted'>;
  priceLines?: PriceLineSpec[];
  markers?: { time: string; text: string }[];
  /** Fixed value range (e.g. 0..100 for an index), instead of fitting the data. */
  range?: [number, number];
  /** Decimals of the price axis. */
  precision?: number;
}

interface Props {
  /** Stable id, also exposed as `data-chart` for tests. */
  id: string;
  /** The series; their number and kinds must not change over the component's life. */
  series: SeriesSpec[];
  height?: number;
  locale: string;
}

/**
 * A lightweight-charts time chart, created once per mount and removed on unmount; new data replaces
 * the series' data in place. The TradingView attribution logo stays on (the library's licence).
 */
export function TimeChart({ id, series, height = 150, locale }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const apis = useRef<
    { api: ISeriesApi<SeriesType>; lines: IPriceLine[]; markers: ISeriesMarkersPluginApi<Time> | null }[]
  >([]);
  const dark = useDarkMode();

  useEffect(() => {
    const el = box.current!;
    const c = createChart(el, {
      autoSize: true,
      height,
      layout: { attributionLogo: true, fontSize: 11 },
      localization: { locale },
      rightPriceScale: { borderVisible: false, scaleMargins: { top: 0.08, bottom: 0.08 } },
      timeScale: { borderVisible: false },
      handleScroll: false,
      handleScale: false,
    });
    chart.current = c;
    // Charts in a hidden tab are created at width 0: fit the data again once they get their size.
    const fit = () => c.timeScale().fitContent();
    c.timeScale().subscribeSizeChange(fit);
    apis.current = series.map((s) => ({
      api: c.addSeries(s.kind === 'line' ? LineSeries : HistogramSeries, {
        priceLineVisible: false,
        lastValueVisible: s.kind === 'line',
        ...(s.kind === 'line' ? { lineWidth: 2 } : {}),
        ...(s.precision !== undefined
          ? { priceFormat: { type: 'price', precision: s.precision, minMove: 10 ** -s.precision } }
          : {}),
        ...(s.range
          ? { autoscaleInfoProvider: () => ({ priceRange: { minValue: s.range![0], maxValue: s.range![1] } }) }
          : {}),
      }),
      lines: [],
      markers: null,
    }));
    return () => {
      c.timeScale().unsubscribeSizeChange(fit);
      c.remove();
      chart.current = null;
      apis.current = [];
    };
    // Created once per mount; data and theme updates are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const p = chartColors(dark);
    c.applyOptions({
      layout: { background: { color: p.background }, textColor: p.text },
      grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
    });
    series.forEach((s, i) => {
      const a = apis.current[i];
      if (!a) return;
      const color = p[s.tone ?? 'main'];
      a.api.applyOptions(s.kind === 'line' ? { color } : { color: p.muted });
      a.api.setData(
        s.kind === 'histogram'
          ? // A toned histogram is one series among others (BTC against ETH flows): its own colour, not the sign's.
            s.points.map(([time, value]) => ({ time, value, color: s.tone ? p[s.tone] : value >= 0 ? p.up : p.down }))
          : s.points.map(([time, value]) => ({ time, value })),
      );
      for (const l of a.lines) a.api.removePriceLine(l);
      a.lines = (s.priceLines ?? []).map((l) =>
        a.api.createPriceLine({
          price: l.price,
          title: l.title,
          color: l.tone === 'low' ? p.low : l.tone === 'high' ? p.high : p.ref,
          lineWidth: 1,
          lineStyle: LineStyle.Dashed,
          axisLabelVisible: true,
        }),
      );
      const markers = (s.markers ?? []).map((m) => ({
        time: m.time,
        position: 'belowBar' as const,
        shape: 'arrowUp' as const,
        color: p.high,
        text: m.text,
      }));
      if (a.markers) a.markers.setMarkers(markers);
      else if (markers.length > 0) a.markers = createSeriesMarkers(a.api, markers);
    });
    c.timeScale().fitContent();
  }, [series, dark]);

  const count = series[0]?.points.length ?? 0;
  // An empty chart stays mounted (created once) but takes no room; its card says "no data".
  return (
    <div
      class="chart-box"
      ref={box}
      data-chart={id}
      data-points={count}
      style={{ height: `${height}px`, display: count === 0 ? 'none' : undefined }}
    />
  );
}
