/**
 * The badge's main-thread measure (bench/trace.ts): the trace events that run the content script, outermost only,
 * summed as thread time. Event shapes as Chrome's trace writes them (µs, `tdur` the thread time).
 */
import { describe, expect, it } from 'vitest';
import { scriptTime, type TraceEvent } from '../../../bench/trace';

const URL = 'chrome-extension://abc/content-scripts/badge.js';
const ev = (name: string, ts: number, dur: number, tdur: number, url: string | null, tid = 1): TraceEvent => ({
  ph: 'X',
  name,
  ts,
  dur,
  tdur,
  pid: 7,
  tid,
  args: url ? { data: { url } } : {},
});

describe('scriptTime', () => {
  it("sums the script's outermost events: thread time as CPU, duration as wall; nested ones once", () => {
    const t = scriptTime(
      [
        ev('EvaluateScript', 1_000, 6_000, 5_000, URL),
        { ...ev('v8.compile', 1_000, 1_200, 1_100, null), args: { data: { url: URL } } }, // inside the evaluation
        ev('v8.run', 2_200, 4_500, 3_800, URL), // inside too
        ev('FunctionCall', 20_000, 900, 800, URL), // the storage reply, later
        ev('FunctionCall', 30_000, 5_000, 5_000, 'https://www.tradingview.com/app.js'), // the page's own
        { ...ev('EvaluateScript', 40_000, 2_000, 2_000, URL), ph: 'B' }, // not a complete event
      ],
      '/content-scripts/badge.js',
    );
    expect(t.cpu).toBeCloseTo(5.8, 10);
    expect(t.wall).toBeCloseTo(6.9, 10);
    expect(t.compile).toBeCloseTo(1.1, 10);
  });

  it('counts overlapping events of two threads separately', () => {
    const t = scriptTime(
      [ev('FunctionCall', 0, 1_000, 1_000, URL, 1), ev('FunctionCall', 500, 1_000, 700, URL, 2)],
      'badge.js',
    );
    expect(t.cpu).toBeCloseTo(1.7, 10);
  });
});
