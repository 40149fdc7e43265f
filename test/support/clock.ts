/**
 * The suite's one clock. Unit tests pass their own pinned `now` into the code under test; end-to-end tests take
 * "now" from here and derive the emulator's clock, the data shift and every expected day from it. Under
 * `npm run test:as-of -- DATE` the whole process tree (Node and Chromium) runs on libfaketime's shifted clock,
 * so `Date.now()` here is the pinned instant and nothing else needs to know.
 */
import { existsSync } from 'node:fs';
import { addDays, toDay } from '../../lib/series/dates';
import type { Day } from '../../lib/series/types';
import { weeksShift } from './emulator/data';

/** The newest day every coin of the fixtures has a close for (58 of 77 coins stop here). */
export const FIXTURE_LAST_FULL_DAY = '2026-03-18';

export const testNow = (): number => Date.now();
export const testToday = (): Day => toDay(testNow());

/**
 * The whole-week shift that makes the fixtures' last full day "yesterday" of `now` or just after it, so the
 * newest closed day has data on any date. Weekdays are kept; which fixture day is "today" depends on the
 * weekday, which is why expected values come from the shifted data, never from constants.
 */
export function dataShiftFor(now: number): number {
  return weeksShift(FIXTURE_LAST_FULL_DAY, addDays(toDay(now), -1));
}

/** The fixture day the product sees as `day` under `shift`. */
export const fixtureDay = (day: Day, shift: number): Day => addDays(day, -shift);

export interface PinnedDate {
  label: string;
  /** ISO instant, UTC. */
  at: string;
}

/**
 * The dates issue #12 asks the date-sensitive scenarios to pass on: each day of one week, a US market holiday
 * and the day after it, a month end, a year end and the new year, and both daylight-saving changes in the US
 * and in Europe. Times are chosen around the US close (21:00 UTC in winter, 20:00 in summer): a weekly close
 * or a session can be "not yet in" in the morning and in after the close.
 */
export const DATE_MATRIX: readonly PinnedDate[] = [
  { label: 'Monday, month end', at: '2026-11-30T12:00:00Z' },
  { label: 'Tuesday', at: '2026-12-01T12:00:00Z' },
  { label: 'Wednesday', at: '2026-12-02T12:00:00Z' },
  { label: 'Thursday', at: '2026-12-03T12:00:00Z' },
  { label: 'Friday before the US close', at: '2026-12-04T15:00:00Z' },
  { label: 'Friday after the US close', at: '2026-12-04T22:30:00Z' },
  { label: 'Saturday', at: '2026-12-05T12:00:00Z' },
  { label: 'Sunday', at: '2026-12-06T12:00:00Z' },
  { label: 'Thanksgiving (US market holiday), evening', at: '2026-11-26T22:30:00Z' },
  { label: 'Friday after Thanksgiving (half day), after its 18:00 UTC close', at: '2026-11-27T19:00:00Z' },
  { label: 'Saturday, month end', at: '2026-10-31T12:00:00Z' },
  { label: 'Thursday, year end', at: '2026-12-31T12:00:00Z' },
  { label: "New Year's Day (US market holiday)", at: '2027-01-01T12:00:00Z' },
  { label: 'US daylight saving starts', at: '2026-03-08T12:00:00Z' },
  { label: 'US daylight saving ends', at: '2026-11-01T12:00:00Z' },
  { label: 'EU summer time starts', at: '2026-03-29T12:00:00Z' },
  { label: 'EU summer time ends', at: '2026-10-25T12:00:00Z' },
];

/** libfaketime as Debian installs it (`apt-get install faketime`). */
export const LIBFAKETIME = process.env.LIBFAKETIME ?? '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
export const faketimeAvailable = (): boolean => existsSync(LIBFAKETIME);

/** Seconds this process's clock is already moved by (set by the as-of runner), 0 on the real clock. */
const ownOffsetSeconds = (): number => Number(process.env.REGIME_FAKETIME_OFFSET_S ?? 0);

/**
 * Environment that makes a child process (Chromium) see `atMs` as "now", its clock running on from there.
 * An offset, not an absolute start, so that every process of the child agrees; monotonic clocks stay real
 * (Chromium stalls for tens of seconds when libfaketime moves them).
 */
export function faketimeEnv(atMs: number): Record<string, string> {
  const realNow = Date.now() - ownOffsetSeconds() * 1000;
  const offset = Math.round((atMs - realNow) / 1000);
  return {
    LD_PRELOAD: LIBFAKETIME,
    FAKETIME: `${offset >= 0 ? '+' : ''}${offset}s`,
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    FAKETIME_FORCE_MONOTONIC_FIX: '0',
    NO_FAKE_STAT: '1',
    REGIME_FAKETIME_OFFSET_S: String(offset),
  };
}
