/**
 * The bench's profile reading (bench/profile.ts): the content script's time from a CPU profile, and which
 * renderer tasks ran it (the long-task figure of issue #18), on a small profile and trace written out here.
 */
import { describe, expect, it } from 'vitest';
import { attribute, madeLong, tasksRunning, threadCpu, type CpuProfile, type TraceEvent } from '../../../bench/profile';

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

  describe("threadCpu: the script's main-thread CPU from a trace's thread times", () => {
    const URL = `chrome-extension://abc${BADGE}`;
    const x = (name: string, ts: number, dur: number, tdur: number, args: TraceEvent['args'] = {}, tid = 1) =>
      ({ ph: 'X', name, pid: 1, tid, ts, dur, tdur, args }) as TraceEvent;
    const mine = { data: { url: URL } };
    const ext = { chrome_mojo_event_info: { mojo_interface_tag: 'extensions.mojom.LocalFrameHost' } };
    const events: TraceEvent[] = [
      x('FunctionCall', 0, 900, 900, { data: { url: 'https://www.tradingview.com/app.js' } }), // the page's
      x('EvaluateScript', 1000, 2600, 2500, mine), // injection: compile and run up to the first await
      x('FunctionCall', 1500, 100, 100, mine), // a call inside the evaluation: already counted there
      x('Receive mojo reply', 4000, 350, 300, ext), // the storage reply
      x('BlinkScheduler_PerformMicrotaskCheckpoint', 4400, 5000, 1600), // its promise's code: 5 ms wall, 1.6 CPU
      x('Receive mojo reply', 6000, 200, 200, { chrome_mojo_event_info: { mojo_interface_tag: 'blink.mojom.X' } }),
      x('BlinkScheduler_PerformMicrotaskCheckpoint', 6250, 400, 400), // after another interface's reply: the page's
      x('FunctionCall', 12000, 300, 250, mine), // its ResizeObserver callback in the next frame
      x('FunctionCall', 12000, 300, 300, mine, 2), // another thread
    ];

    it('adds its evaluation, its storage reply with the microtasks right after it, and its own callbacks', () => {
      const r = threadCpu(events, BADGE)!;
      expect(r.evaluate).toBeCloseTo(2.5, 10);
      expect(r.reply).toBeCloseTo(0.3 + 1.6, 10); // thread time: the 5 ms the checkpoint waited for a core are not
      expect(r.callbacks).toBeCloseTo(0.25, 10);
      expect(r.total).toBeCloseTo(2.5 + 1.9 + 0.25, 10);
    });

    it('takes no checkpoint that started over 1 ms after the reply, and nothing before the script ran', () => {
      const late = events.map((e) => (e.name.startsWith('BlinkScheduler') && e.ts === 4400 ? { ...e, ts: 5400 } : e));
      expect(threadCpu(late, BADGE)!.reply).toBeCloseTo(0.3, 10);
      const early = [x('Receive mojo reply', 500, 100, 100, ext), ...events];
      expect(threadCpu(early, BADGE)!.reply).toBeCloseTo(1.9, 10);
    });

    it('is null for a trace in which the script never ran', () => {
      expect(
        threadCpu(
          events.filter((e) => e.name !== 'EvaluateScript'),
          BADGE,
        ),
      ).toBeNull();
    });
  });
});
