/**
 * Reading a V8 CPU profile (CDP `Profiler`) and a Chromium trace of the same run: the main-thread time in a
 * script's stacks, and the tasks that ran it. Pure, so test/unit/bench/profile.test.ts checks it on small inputs.
 */

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  /** Microseconds on the same monotonic clock as trace events (both are base::TimeTicks on Linux). */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The fields of a Chrome trace event read here (complete events 'X' and thread-name metadata 'M'). */
export interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's CPU time over the event (µs), where the trace records it. */
  tdur?: number;
  args?: {
    name?: string;
    data?: { url?: string };
    chrome_mojo_event_info?: { mojo_interface_tag?: string };
  };
}

/** Each sample's deepest frame of a script whose URL contains `marker` (`name@line:col`), or null when none. */
function deepestFrames(profile: CpuProfile, marker: string): (string | null)[] {
  const parent = new Map<number, number>();
  const byId = new Map<number, CpuProfile['nodes'][number]>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const deepest = new Map<number, string | null>();
  const frameOf = (id: number): string | null => {
    if (deepest.has(id)) return deepest.get(id)!;
    const cf = byId.get(id)!.callFrame;
    const p = parent.get(id);
    const f = cf.url.includes(marker)
      ? `${cf.functionName || '(anonymous)'}@${cf.lineNumber + 1}:${cf.columnNumber + 1}`
      : p === undefined
        ? null
        : frameOf(p);
    deepest.set(id, f);
    return f;
  };
  return profile.samples.map(frameOf);
}

/**
 * CPU time in stacks that contain a frame of the script, and per deepest such frame. Native work called from the
 * script (DOM, layout forced by a read, extension bindings) counts toward it. A sample stands for the time until
 * the next one.
 */
export function attribute(profile: CpuProfile, marker: string): { total: number; byFrame: Map<string, number> } {
  let total = 0;
  const byFrame = new Map<string, number>();
  deepestFrames(profile, marker).forEach((f, k) => {
    const dt = (profile.timeDeltas[k + 1] ?? 0) / 1000;
    if (!f) return;
    total += dt;
    byFrame.set(f, (byFrame.get(f) ?? 0) + dt);
  });
  return { total, byFrame };
}

/**
 * The renderer main-thread tasks that ran the script: for each sample in its stacks, the outermost complete event
 * of the 'toplevel' trace category on a `CrRendererMain` thread around the sample's time (a scheduler task,
 * `ThreadControllerImpl::RunTask`, or work the thread runs outside one: a mojo message, a microtask checkpoint); each
 * such unit of work once, as { ms: its duration, scriptMs: the script's sampled time in it (as `attribute` counts
 * it) }. A sample in no task is counted in `outside` (the two clocks disagree, or the trace missed the task): the
 * caller should not trust a run with any.
 */
export function tasksRunning(
  profile: CpuProfile,
  events: TraceEvent[],
  marker: string,
): { tasks: { ms: number; scriptMs: number }[]; outside: number } {
  const main = new Set<string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') main.add(`${e.pid}:${e.tid}`);
  const tasks = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const held = new Map<TraceEvent, number>();
  let outside = 0;
  let t = profile.startTime;
  deepestFrames(profile, marker).forEach((f, k) => {
    t += profile.timeDeltas[k] ?? 0;
    if (!f) return;
    let outer: TraceEvent | undefined;
    for (const e of tasks) if (e.ts <= t && t <= e.ts + (e.dur ?? 0) && (!outer || e.dur! > outer.dur!)) outer = e;
    if (outer) held.set(outer, (held.get(outer) ?? 0) + (profile.timeDeltas[k + 1] ?? 0) / 1000);
    else outside++;
  });
  return { tasks: [...held].map(([e, scriptMs]) => ({ ms: (e.dur ?? 0) / 1000, scriptMs })), outside };
}

/** A long task, as the Long Tasks API counts one: 50 ms or more. */
export const LONG_TASK_MS = 50;

/**
 * Whether the script made a task long: the task is long, and would not be without the script's sampled time in it.
 * A long task of the page that the script's code merely ran in (a ResizeObserver callback in the page's rendering
 * step, say) is the page's. The script's share of the rendering work in the task (style, layout and paint of its
 * elements) is not sampled under its frames, so it is not subtracted: the caller says so.
 */
export const madeLong = (t: { ms: number; scriptMs: number }) =>
  t.ms >= LONG_TASK_MS && t.ms - t.scriptMs < LONG_TASK_MS;

/** A content script's main-thread CPU in one traced run (ms, thread time): the parts and their sum. */
export interface ThreadCpu {
  /** Its injection: compiling and running the script up to its first await (EvaluateScript). */
  evaluate: number;
  /** The browser's reply to its storage read (an extensions mojo reply) and the microtasks that ran right after it:
   * the script's code from that await on, with the reply's deserialization. */
  reply: number;
  /** Its callbacks the page ran later (FunctionCall events of the script: ResizeObserver, timers, listeners). */
  callbacks: number;
  total: number;
}

/** How long after a mojo reply its promise's microtasks may start and still be counted as the reply's (µs). */
const REPLY_MICROTASKS_WITHIN = 1_000;

/**
 * The main-thread CPU a content script (URL ending in `file`) cost in a trace with the 'toplevel',
 * 'devtools.timeline' and 'v8' categories, from the events' thread time (`tdur`): its EvaluateScript, each
 * extensions mojo reply on that thread after it with the microtask checkpoint that followed (a content script's
 * extension API promises resolve there), and its FunctionCall events outside those. Null when the script was never
 * evaluated in the trace. Thread time, unlike a sampling profiler's wall-clock deltas, leaves out the time the
 * thread waited for a core.
 */
export function threadCpu(events: TraceEvent[], file: string): ThreadCpu | null {
  const own = (e: TraceEvent) => !!e.args?.data?.url?.endsWith(file);
  const ev = events.find((e) => e.ph === 'X' && e.name === 'EvaluateScript' && own(e));
  if (!ev) return null;
  const xs = events.filter((e) => e.ph === 'X' && e.pid === ev.pid && e.tid === ev.tid).sort((a, b) => a.ts - b.ts);
  const end = (e: TraceEvent) => e.ts + (e.dur ?? 0);
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
  const counted: TraceEvent[] = [ev];
  let reply = 0;
  for (const r of xs) {
    if (r.name !== 'Receive mojo reply' || r.ts < end(ev)) continue;
    if (!r.args?.chrome_mojo_event_info?.mojo_interface_tag?.startsWith('extensions.mojom')) continue;
    const micro = xs.find(
      (m) =>
        m.name === 'BlinkScheduler_PerformMicrotaskCheckpoint' &&
        m.ts >= r.ts &&
        m.ts <= end(r) + REPLY_MICROTASKS_WITHIN,
    );
    reply += cpu(r) + (micro ? cpu(micro) : 0);
    counted.push(r, ...(micro ? [micro] : []));
  }
  const inside = (e: TraceEvent) => counted.some((c) => c !== e && c.ts <= e.ts && end(e) <= end(c));
  const calls = xs.filter((e) => e.name === 'FunctionCall' && own(e) && !inside(e));
  const callbacks = calls.reduce((a, e) => a + cpu(e), 0);
  const evaluate = cpu(ev);
  return { evaluate, reply, callbacks, total: evaluate + reply + callbacks };
}
