/** Time of a script's own trace events (CDP Tracing), for the badge's main-thread measure (bench/browser.ts). */

export type ScriptTime = ReturnType<typeof scriptTime>;

/** A Chrome trace event (the fields read here). */
export interface TraceEvent {
  ph: string;
  name: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: unknown;
}

/**
 * The content script's main-thread time from a trace (devtools.timeline and v8 categories): the trace events that run
 * its code (the script's evaluation, compile included; each callback into it: the storage reply, observers, timers),
 * outermost ones only, summed. `cpu` is their thread time (the CPU the thread spent in them, not counting any time it
 * was descheduled), `wall` their duration.
 */
export function scriptTime(events: TraceEvent[], marker: string): { cpu: number; wall: number; compile: number } {
  const ours = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && JSON.stringify(e.args ?? {}).includes(marker))
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  let cpu = 0;
  let wall = 0;
  // The script's top-level compile (inside its evaluation): V8 parses the whole file before running any of it.
  const compile = ours.filter((e) => e.name === 'v8.compile').reduce((a, e) => a + (e.tdur ?? e.dur!) / 1000, 0);
  const end = new Map<string, number>(); // per thread: the end of the last outermost event counted
  for (const e of ours) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ts < (end.get(thread) ?? -1)) continue;
    end.set(thread, e.ts + e.dur!);
    cpu += (e.tdur ?? e.dur!) / 1000;
    wall += e.dur! / 1000;
  }
  return { cpu, wall, compile };
}
