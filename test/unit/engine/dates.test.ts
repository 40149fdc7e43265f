import { describe, expect, it } from 'vitest';
import { addDays, dayMs, dayNumber, isoWeekNumber, isoWeekStart, isoWeekday } from '../../../lib/series/dates';

describe('integer day arithmetic (the Russell analysis hot loop)', () => {
  it('dayNumber equals the Date-based day count on every day from 1899 to 2101', () => {
    for (let d = '1899-12-25'; d <= '2101-01-05'; d = addDays(d, 1)) {
      if (dayNumber(d) !== dayMs(d) / 86_400_000) expect([d, dayNumber(d)]).toEqual([d, dayMs(d) / 86_400_000]);
    }
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-02-29')).toBe(11016);
  });

  it('isoWeekNumber is constant Monday to Sunday and steps on Mondays', () => {
    for (let d = '1998-12-28'; d <= '2027-01-10'; d = addDays(d, 1)) {
      const same = isoWeekNumber(d) === isoWeekNumber(isoWeekStart(d));
      const next = isoWeekNumber(addDays(isoWeekStart(d), 7)) === isoWeekNumber(d) + 1;
      if (!same || !next) expect({ d, same, next }).toEqual({ d, same: true, next: true });
    }
    expect(isoWeekday('1970-01-05')).toBe(1);
    expect(isoWeekNumber('1970-01-05')).toBe(1);
    expect(isoWeekNumber('1970-01-04')).toBe(0);
  });
});
