/**
 * The bench's profile reading (bench/profile.ts): the content script's time from a CPU profile, and which
 * renderer tasks ran it (the long-task figure of issue #18), on a small profile and trace written out here.
 */
import { describe, expect, it } from 'vitest';
import { attribute, madeLong, tasksRunning, type CpuProfile, type TraceEvent } from '../../../bench/profile';

const BADGE = '/content-scripts/badge.js';
const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
  id,
  callFrame: { functionName, url, lineNumber: 0, columnNumber: 0 },
  children,
});
// root → main (the badge) → a native call; root → the page's own script. Samples at 1100, 1200, 1300, 1400 µs.
const profile: CpuProfile = {
  nodes: [
    frame(1, '(root)', '', [2, 4]),
    frame(2, 'main', `chrome-extension://abc${BADGE}`, [3]),
    frame(3, 'getElementById', ''),
    frame(4, 'tick', 'https://www.tradingview.com/app.js'),
  ],
  startTime: 1000,
  samples: [2, 3, 4, 2],
  timeDeltas: [100, 100, 100, 100],
};
const thread = (tid: number, name: string): TraceEvent => ({
  ph: 'M',
  name: 'thread_name',
  pid: 1,
  tid,
  ts: 0,
  args: { name },
});
const task = (tid: number, ts: number, dur: number, name = 'ThreadControllerImpl::RunTask'): TraceEvent => ({
  ph: 'X',
  name,
  pid: 1,
  tid,
  ts,
  dur,
});

describe('bench profile reading', () => {
  it("counts the samples in the script's stacks, native calls included, by deepest frame of the script", () => {
    const a = attribute(profile, BADGE);
    // Samples 0 and 1 stand for 100 µs each; the last sample has no successor, so no time.
    expect(a.total).toBeCloseTo(0.2, 10);
    expect([...a.byFrame]).toEqual([['main@1:1', expect.closeTo(0.2, 10)]]);
  });

  it('finds the outermost renderer main-thread task around each of the script’s samples, each task once', () => {
    const events = [
      thread(1, 'CrRendererMain'),
      thread(2, 'Compositor'),
      task(1, 1050, 200), // holds the samples at 1100 and 1200
      task(1, 1150, 20, 'RunTask'), // nested in it: not the task that ran them
      task(1, 1280, 40), // holds only the page's sample at 1300
      task(1, 1350, 60_000), // a long task holding the sample at 1400
      task(2, 0, 1_000_000), // another thread: ignored
    ];
    expect(tasksRunning(profile, events, BADGE)).toEqual({
      // The last sample has no successor, so no time: its task is there, with 0 ms of the script.
      tasks: [
        { ms: 0.2, scriptMs: expect.closeTo(0.2, 10) },
        { ms: 60, scriptMs: 0 },
      ],
      outside: 0,
    });
  });

  it('reports a sample of the script in no task (the clocks disagree) instead of dropping it', () => {
    const events = [thread(1, 'CrRendererMain'), task(1, 1050, 200)];
    expect(tasksRunning(profile, events, BADGE)).toEqual({
      tasks: [{ ms: 0.2, scriptMs: expect.closeTo(0.2, 10) }],
      outside: 1,
    });
  });

  it("counts a long task against the script only when the script's time in it made it long", () => {
    expect(madeLong({ ms: 55, scriptMs: 0.1 })).toBe(false); // the page's long task, the script ran in it
    expect(madeLong({ ms: 55, scriptMs: 5.1 })).toBe(true); // 49.9 ms without the script
    expect(madeLong({ ms: 120, scriptMs: 110 })).toBe(true); // the script's own long task
    expect(madeLong({ ms: 49.9, scriptMs: 49.9 })).toBe(false); // not long at all
    expect(madeLong({ ms: 50, scriptMs: 0.1 })).toBe(true); // 50 ms is long; 49.9 without the script is not
  });
});
