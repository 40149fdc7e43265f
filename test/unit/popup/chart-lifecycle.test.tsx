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
        remove: () => void calls.removed++,
      };
    },
  };
});
const { TimeChart } = await import('../../../components/shared/TimeChart');

beforeAll(() => {
  const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
  const matchMedia = () => ({ matches: false, addEventListener() {}, removeEventListener() {} });
  Object.assign(window, { matchMedia });
  Object.assign(globalThis, {
    window,
    document,
    matchMedia,
    Node: window.Node,
    Element: window.Element,
    HTMLElement: window.HTMLElement,
    Event: window.Event,
  });
});

describe('TimeChart', () => {
  it('creates its chart once per mount, replaces the data in place, and removes the chart on unmount', () => {
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
