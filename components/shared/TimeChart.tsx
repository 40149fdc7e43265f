import type { IChartApi, IPriceLine, ISeriesApi, ISeriesMarkersPluginApi, SeriesType, Time } from 'lightweight-charts';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CompactSeries } from '@/lib/snapshot/types';
import { chartColors, useDarkMode, type ChartPalette } from './theme';

export interface PriceLineSpec {
  price: number;
  /** The whole label (with its number): drawn as DOM beside the line, never on the crowded price scale. */
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

type Lib = typeof import('lightweight-charts');
let lib: Lib | null = null;
let loading: Promise<Lib> | null = null;
/**
 * lightweight-charts, loaded on first use: its parse is most of the popup's script start-up, and the stage and the
 * Signals tab need none of it. The popup calls this after its first paint so the library is ready by the Charts tab.
 */
export function loadChartLib(): Promise<Lib> {
  return (loading ??= import('lightweight-charts').then((m) => (lib = m)));
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
  const [labels, setLabels] = useState<BandLabel[]>([]);
  const [scaleWidth, setScaleWidth] = useState(0);
  const place = useRef<() => void>(() => {});
  const [L, setL] = useState<Lib | null>(lib);
  // Built once it is near the viewport: a chart below the fold (or in a hidden tab) costs nothing until then.
  const [near, setNear] = useState(typeof IntersectionObserver !== 'function');
  useLayoutEffect(() => {
    if (near) return;
    // In view already (the usual case for the first charts): built in this frame, not after an observer callback.
    const r = box.current!.getBoundingClientRect();
    if (r.width > 0 && r.top < innerHeight + 100 && r.bottom > -100) return setNear(true);
    const io = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: '100px',
    });
    io.observe(box.current!);
    return () => io.disconnect();
  }, [near]);
  useEffect(() => {
    if (!L && near) void loadChartLib().then(setL);
  }, [L, near]);

  // Layout effects: the chart is created and given its data in the commit that mounts it (no frame in between).
  useLayoutEffect(() => {
    if (!L || !near) return;
    const { createChart, HistogramSeries, LineSeries } = L;
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
    const fit = () => (c.timeScale().fitContent(), requestAnimationFrame(() => place.current()));
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
    // Created once per mount (once the library is loaded); data and theme updates are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [L, near]);

  useLayoutEffect(() => {
    const c = chart.current;
    if (!c || !L) return;
    const { createSeriesMarkers, LineStyle } = L;
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
          // The price scale already has its ticks and the last value: band labels there overlapped them.
          axisLabelVisible: false,
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
    place.current = () => {
      if (chart.current !== c) return; // removed since (unmounted before this frame)
      const scale = c.priceScale('right').width();
      const wanted = series.flatMap((s, i) =>
        (s.priceLines ?? []).map((l) => ({ y: apis.current[i]?.api.priceToCoordinate(l.price) ?? null, l })),
      );
      setLabels(stackLabels(wanted, height - LABEL_H, scale, p));
      setScaleWidth(scale);
    };
    requestAnimationFrame(() => place.current());
  }, [series, dark, L, near]);

  const count = series[0]?.points.length ?? 0;
  // An empty chart stays mounted (created once) but takes no room; its card says "no data".
  return (
    <div
      class="chart-wrap"
      data-chart={id}
      data-points={count}
      data-scale-width={scaleWidth}
      style={{ height: `${height}px`, display: count === 0 ? 'none' : undefined }}
    >
      <div class="chart-box" ref={box} style={{ height: `${height}px` }} />
      {labels.map((b) => (
        <span
          key={b.text}
          class="band-label"
          data-band={b.price}
          style={{ top: `${b.top}px`, right: `${b.right}px`, color: b.color, background: b.bg, height: `${LABEL_H}px` }}
        >
          {b.text}
        </span>
      ))}
    </div>
  );
}

/** Height of a band label (px): the CSS gives it this line height. */
export const LABEL_H = 14;

interface BandLabel {
  price: number;
  text: string;
  top: number;
  right: number;
  color: string;
  bg: string;
}

/**
 * Band labels placed at their lines, just left of the price scale, top to bottom with no two overlapping (a label
 * that would overlap the one above moves down by the difference) and none past the plot (`maxTop`).
 */
export function stackLabels(
  wanted: { y: number | null; l: PriceLineSpec }[],
  maxTop: number,
  scaleWidth: number,
  p: ChartPalette,
): BandLabel[] {
  const out: BandLabel[] = [];
  const sorted = wanted
    .filter((w): w is { y: number; l: PriceLineSpec } => w.y !== null && Number.isFinite(w.y))
    .sort((a, b) => a.y - b.y);
  for (const { y, l } of sorted) {
    const prev = out[out.length - 1];
    const top = Math.max(0, Math.min(maxTop, y - LABEL_H), prev ? prev.top + LABEL_H : 0);
    const color = l.tone === 'low' ? p.low : l.tone === 'high' ? p.high : p.ref;
    out.push({ price: l.price, text: l.title, top, right: scaleWidth + 4, color, bg: p.background });
  }
  return out;
}
