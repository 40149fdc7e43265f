/**
 * Worker benchmark (#18.4): the real worker (lib/platform/worker.ts) on WXT's fake browser in Node, against
 * the API emulator running in a child process with no latency, so the CPU counted is the worker's own
 * (refresh, engine, snapshot, storage writes), never the emulator serving it. It measures the process CPU
 * time of a cold start, a same-day refresh an hour later and the next day's, and the bytes of every local
 * storage item after the cold start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fakeBrowser } from 'wxt/testing';
import { REPO_ROOT } from '../test/support/paths';
import { summarize, type Summary } from './util';

/** The network bench's clock: two days before the fixtures' coins end, so the next day's candles exist. */
const T0 = Date.parse('2026-03-17T12:00:00Z');
const HOUR = 3_600_000;

export interface WorkerResult {
  runs: number;
  /** Process CPU time (user + system) of each refresh, ms. */
  cpu: { cold: Summary; warm: Summary; nextDay: Summary };
  /** Bytes of JSON.stringify of each local storage item after the cold start, and their sum. */
  storage: { total: number; items: Record<string, number> };
  requests: { cold: number; warm: number; nextDay: number };
}

interface ChildEmulator {
  fetch: typeof fetch;
  requests: () => number;
  close: () => void;
}

/** `test/support/emulator/main.ts` in its own process, its simulated clock at `now`. */
async function childEmulator(now: number): Promise<ChildEmulator> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'test/support/emulator/main.ts'), '--now', new Date(now).toISOString()],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /HTTP\s+:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before listening: ${out}`)));
  });
  let count = 0;
  // What the in-process emulator's fetch does: the real URL's path, its host in a header.
  const emuFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    count++;
    const target = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    headers.set('x-emulated-host', target.hostname);
    return fetch(`${url}${target.pathname}${target.search}`, { ...init, headers });
  }) as typeof fetch;
  return { fetch: emuFetch, requests: () => count, close: () => child.kill() };
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export async function benchWorker(runs = 3): Promise<WorkerResult> {
  // The worker's modules bind `browser` when first imported: the fake one, installed before.
  (globalThis as { chrome?: unknown }).chrome = fakeBrowser;
  const { ALARM, createWorker } = await import('../lib/platform/worker');
  const { loadLocales } = await import('../lib/i18n/node');
  const { translateFrom } = await import('../lib/i18n/translate');
  const t = translateFrom(loadLocales(join(REPO_ROOT, 'lib/i18n/messages')).en!);
  const quiet = async () => {};
  const shell = { t, locale: 'en', setToolbar: quiet, notify: quiet, clearNotification: quiet, openDetails: quiet };

  const emus = await Promise.all([T0, T0 + HOUR, T0 + 24 * HOUR].map(childEmulator));
  const cpu = { cold: [] as number[], warm: [] as number[], nextDay: [] as number[] };
  let storage: WorkerResult['storage'] = { total: 0, items: {} };
  let requests: WorkerResult['requests'] = { cold: 0, warm: 0, nextDay: 0 };
  try {
    for (let run = 0; run < runs; run++) {
      fakeBrowser.reset();
      let now = T0;
      let emu = emus[0]!;
      const worker = createWorker({
        fetch: (input, init) => emu.fetch(input, init),
        now: () => now,
        shell,
        log: () => {},
      });
      const step = async (phase: keyof typeof cpu, at: number, i: number, go: () => Promise<unknown>) => {
        now = at;
        emu = emus[i]!;
        const before = emu.requests();
        const c0 = process.cpuUsage();
        await go();
        cpu[phase].push(cpuMs(process.cpuUsage(c0)));
        requests = { ...requests, [phase]: emu.requests() - before };
      };
      await step('cold', T0, 0, () => worker.onInstalled());
      const all = await fakeBrowser.storage.local.get(null);
      const items = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Buffer.byteLength(JSON.stringify(v))]));
      storage = { total: Object.values(items).reduce((a, b) => a + b, 0), items };
      await step('warm', T0 + HOUR, 1, () => worker.onAlarm({ name: ALARM }));
      await step('nextDay', T0 + 24 * HOUR, 2, () => worker.onAlarm({ name: ALARM }));
    }
  } finally {
    for (const e of emus) e.close();
  }
  return {
    runs,
    cpu: { cold: summarize(cpu.cold), warm: summarize(cpu.warm), nextDay: summarize(cpu.nextDay) },
    storage,
    requests,
  };
}
