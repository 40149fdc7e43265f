/**
 * A refresh against the API emulator, the one way the tests and the goldens run it: the emulator's fetch, the clock
 * pinned to `now`, no real waits between retries and a fixed jitter, so every run asks the same requests.
 */
import { runRefresh, type RefreshDeps, type RefreshResult, type RefreshState } from '../../lib/refresh/run';
import type { Emulator } from './emulator';

/** The refresh's dependencies on the emulator at `now`; `extra` adds others (a time budget). */
export function emulatorDeps(emu: Pick<Emulator, 'fetch'>, now: number, extra: Partial<RefreshDeps> = {}): RefreshDeps {
  return { fetch: emu.fetch, now: () => now, sleep: async () => {}, random: () => 0.5, ...extra };
}

/** One refresh at `now`, the emulator's clock moved there first. */
export function refreshOn(emu: Emulator, state: RefreshState, now = emu.now): Promise<RefreshResult> {
  emu.setNow(now);
  return runRefresh(state, emulatorDeps(emu, now));
}
