import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastClosedUsSession } from '../../../lib/cache/freshness';
import { addDays, isoWeekday } from '../../../lib/series/dates';
import {
  isUsSession,
  lastUsSessionOfWeek,
  usMarketClosure,
  usMarketHolidays,
  usSessionOnOrBefore,
} from '../../../lib/series/us-market';
import { weekComplete } from '../../../lib/signals/russell';
import { REAL_SERIES } from '../../support/fixtures';

const barDays = (file: string) =>
  new Set(
    readFileSync(join(REAL_SERIES, file), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]!),
  );

describe('the NYSE calendar', () => {
  it.each(['rut-long.csv', 'rut.csv'])(
    'has a session on exactly the weekdays the real Russell 2000 has a close (%s)',
    (file) => {
      const days = barDays(file);
      const sorted = [...days].sort();
      const wrong: string[] = [];
      let weekdays = 0;
      for (let d = sorted[0]!; d <= sorted.at(-1)!; d = addDays(d, 1)) {
        if (isoWeekday(d) >= 6) continue;
        weekdays++;
        if (days.has(d) !== isUsSession(d)) wrong.push(`${d} ${days.has(d) ? 'bar' : 'no bar'} ${usMarketClosure(d)}`);
      }
      expect(wrong).toEqual([]);
      expect(weekdays).toBeGreaterThan(2000); // 1999-2025 and 2016-2026: the rules and the one-off closures
    },
  );

  it('gives the holidays NYSE published for 2026 and 2027 (observed dates)', () => {
    expect([...usMarketHolidays(2026).keys()]).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19',
      '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25',
    ]); // prettier-ignore
    expect([...usMarketHolidays(2027).keys()]).toEqual([
      '2027-01-01', '2027-01-18', '2027-02-15', '2027-03-26', '2027-05-31', '2027-06-18',
      '2027-07-05', '2027-09-06', '2027-11-25', '2027-12-24',
    ]); // prettier-ignore
    // New Year's Day on a Saturday is not observed on the Friday before (2022-01-01).
    expect(isUsSession('2021-12-31')).toBe(true);
  });

  it('the session on or before a day, and the last session of a week', () => {
    expect(usSessionOnOrBefore('2026-11-26')).toBe('2026-11-25'); // Thanksgiving
    expect(usSessionOnOrBefore('2026-11-29')).toBe('2026-11-27'); // Sunday → the half-day Friday
    expect(lastUsSessionOfWeek('2026-03-30')).toBe('2026-04-02'); // Good Friday week ends on Thursday
    expect(lastUsSessionOfWeek('2026-12-31')).toBe('2026-12-31'); // New Year's Day 2027 is a Friday
  });
});

describe('the latest closed US session (what the refresh expects from Yahoo)', () => {
  const at = (iso: string) => lastClosedUsSession(Date.parse(iso));
  it('skips weekends and holidays, and counts a session from 21:00 UTC', () => {
    expect(at('2026-11-26T22:30:00Z')).toBe('2026-11-25'); // Thanksgiving evening: Wednesday's close
    expect(at('2026-11-27T12:00:00Z')).toBe('2026-11-25');
    expect(at('2026-11-27T21:30:00Z')).toBe('2026-11-27');
    expect(at('2026-11-30T12:00:00Z')).toBe('2026-11-27'); // Monday morning: Friday's
    expect(at('2027-01-01T22:00:00Z')).toBe('2026-12-31');
    expect(at('2026-04-03T22:00:00Z')).toBe('2026-04-02'); // Good Friday
  });
});

describe('weekComplete (weekly Russell close)', () => {
  it('a normal week: from Friday once its close is in, else from Saturday', () => {
    expect(weekComplete('2026-12-03', '2026-12-04')).toBe(false); // Friday morning: Thursday's close only
    expect(weekComplete('2026-12-04', '2026-12-04')).toBe(true);
    expect(weekComplete('2026-12-03', '2026-12-05')).toBe(true); // Saturday, Friday's bar missing
  });
  it('a week whose Friday is a holiday is complete at Thursday’s close', () => {
    expect(weekComplete('2026-04-01', '2026-04-02')).toBe(false); // Thursday before its close
    expect(weekComplete('2026-04-02', '2026-04-02')).toBe(true);
    expect(weekComplete('2026-04-02', '2026-04-03')).toBe(true); // Good Friday
    expect(weekComplete('2026-12-31', '2027-01-01')).toBe(true); // New Year's Day
  });
});
