/**
 * TimeChart's contract with lightweight-charts (the library itself is mocked: no canvas here): one
 * chart per mount whatever the data does, the data replaced in place, and the chart removed on unmount.
 */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ created: 0, removed: 0, setData: [] as number[], series: 0 }));
vi.mock('lightweight-charts', () => {
  const series = () => ({
    applyOptions() {},
    setData: (d: unknown[]) => void calls.setData.push(d.length),
    createPriceLine: () => ({}),
    removePriceLine() {},
    priceToCoordinate: () => 10,
  });
  return {
    LineSeries: 'line',
    HistogramSeries: 'histogram',
    LineStyle: { Dashed: 2 },
    createSeriesMarkers: () => ({ setMarkers() {} }),
    createChart: () => {
      calls.created++;
      const scale = { subscribeSizeChange() {}, unsubscribeSizeChange() {}, fitContent() {} };
      return {
        addSeries: () => (calls.series++, series()),
        applyOptions() {},
        timeScale: () => scale,
        priceScale: () => ({ width: () => 40 }),
        remove: () => void calls.removed++,
      };
    },
  };
});
const { TimeChart, loadChartLib, stackLabels, LABEL_H } = await import('../../../components/shared/TimeChart');
const { chartColors } = await import('../../../components/shared/theme');

beforeAll(() => {
  const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
  const matchMedia = () => ({ matches: false, addEventListener() {}, removeEventListener() {} });
  Object.assign(window, { matchMedia });
  Object.assign(globalThis, {
    window,
    document,
    matchMedia,
    requestAnimationFrame: (cb: () => void) => setTimeout(cb, 0),
    innerHeight: 600,
    Node: window.Node,
    Element: window.Element,
    HTMLElement: window.HTMLElement,
    Event: window.Event,
  });
});

describe('TimeChart', () => {
  it('creates its chart once per mount, replaces the data in place, and removes the chart on unmount', async () => {
    // The library is loaded on first use (after the popup's first paint); once loaded, charts are built at mount.
    await loadChartLib();
    const root = document.createElement('div');
    const spec = (n: number) => [
      {
        kind: 'line' as const,
        points: Array.from(
          { length: n },
          (_, i) => [`2025-01-${String(i + 1).padStart(2, '0')}`, i] as [string, number],
        ),
      },
    ];
    act(() => render(<TimeChart id="asi" series={spec(5)} locale="en" />, root));
    act(() => render(<TimeChart id="asi" series={spec(20)} locale="en" />, root));
    act(() => render(<TimeChart id="asi" series={spec(28)} locale="en" />, root));
    expect(calls.created).toBe(1);
    expect(calls.series).toBe(1);
    expect(calls.setData).toEqual([5, 20, 28]);
    expect(root.querySelector('[data-chart="asi"]')!.getAttribute('data-points')).toBe('28');
    expect(calls.removed).toBe(0);
    act(() => render(null, root));
    expect(calls.removed).toBe(1);
  });
});

describe('band labels', () => {
  const p = chartColors(false);
  const line = (price: number, title: string) => ({ price, title, tone: 'ref' as const });

  it('sit just above their lines, left of the price scale, in price order', () => {
    const out = stackLabels(
      [
        { y: 120, l: line(25, 'Extreme fear 25') },
        { y: 40, l: line(75, 'Greed 75') },
      ],
      150 - LABEL_H,
      42,
      p,
    );
    expect(out.map((b) => [b.text, b.top, b.right])).toEqual([
      ['Greed 75', 40 - LABEL_H, 46],
      ['Extreme fear 25', 120 - LABEL_H, 46],
    ]);
  });

  it('never overlap: a label that would cover the one above moves below it, and none leaves the plot', () => {
    // Dominance zones 4 px apart on a wide scale: drawn at their lines they would overlap.
    const ys = [60, 64, 68, 72];
    const out = stackLabels(
      ys.map((y, i) => ({ y, l: line(40 + i * 5, `${40 + i * 5}`) })),
      150 - LABEL_H,
      40,
      p,
    );
    for (let i = 1; i < out.length; i++) expect(out[i]!.top - out[i - 1]!.top).toBeGreaterThanOrEqual(LABEL_H);
    expect(out[0]!.top).toBe(60 - LABEL_H);
    // A line off the plot (no coordinate) gets no label.
    expect(stackLabels([{ y: null, l: line(1, 'x') }], 100, 40, p)).toEqual([]);
  });
});
