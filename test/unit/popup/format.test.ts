import { describe, expect, it } from 'vitest';
import { makeFormat, safeLocale, UNKNOWN } from '../../../lib/format/format';

const en = makeFormat('en-US');
const zh = makeFormat('zh-CN');
const de = makeFormat('de-DE');
const NOW = Date.parse('2025-09-19T12:00:00Z');

describe('numbers', () => {
  it('use the locale separators', () => {
    expect(en.number(2448.77, 2)).toBe('2,448.77');
    expect(zh.number(2448.77, 2)).toBe('2,448.77');
    expect(de.number(2448.77, 2)).toBe('2.448,77');
    expect(en.number(79)).toBe('79');
  });

  it('show an unknown value as a dash, never as 0', () => {
    for (const f of [en, zh]) {
      for (const v of [null, undefined, NaN, Infinity, -Infinity]) {
        expect(f.number(v)).toBe(UNKNOWN);
        expect(f.signed(v)).toBe(UNKNOWN);
        expect(f.percent(v)).toBe(UNKNOWN);
        expect(f.fraction(v)).toBe(UNKNOWN);
        expect(f.compact(v)).toBe(UNKNOWN);
        expect(f.precise(v)).toBe(UNKNOWN);
      }
    }
    expect(en.number(0)).toBe('0');
  });

  it('sign changes with a true minus and no negative zero', () => {
    expect(en.signed(2.44)).toBe('+2.4');
    expect(en.signed(-1.06)).toBe('−1.1');
    expect(en.signed(-0.04)).toBe('0.0');
    expect(en.signed(0)).toBe('0.0');
    expect(en.number(-0.001, 1)).toBe('0.0');
    expect(de.signed(-1234.5, 1)).toBe('−1.234,5');
  });

  it('percents, fractions, compact amounts and small prices', () => {
    expect(en.percent(58.33, 1)).toBe('58.3%');
    expect(en.percent(-0.767, 1, true)).toBe('−0.8%');
    expect(en.percent(5, 0, true)).toBe('+5%');
    expect(en.fraction(0.1323)).toBe('+13.2%');
    expect(en.fraction(-0.5)).toBe('−50.0%');
    expect(en.compact(1.23e12)).toBe('1.23T');
    expect(zh.compact(1.23e12)).toBe('1.23万亿');
    expect(en.precise(0.0546312, 5)).toBe('0.054631');
  });
});

describe('dates and ages', () => {
  it('a Day is a UTC calendar day, whatever the machine time zone', () => {
    expect(en.day('2025-09-19')).toBe('Sep 19, 2025');
    expect(zh.day('2025-09-19')).toBe('2025年9月19日');
    expect(en.day('2025-01-01')).toBe('Jan 1, 2025');
    expect(en.day('not a day')).toBe(UNKNOWN);
    expect(en.day(null)).toBe(UNKNOWN);
    expect(en.month('2025-06')).toBe('Jun 2025');
    expect(zh.month('2025-06')).toBe('2025年6月');
  });

  it('ages in words, relative to the time passed in', () => {
    expect(en.ago(NOW - 20_000, NOW)).toBe('now');
    expect(en.ago(NOW - 5 * 60_000, NOW)).toBe('5 minutes ago');
    expect(en.ago(NOW - 3 * 3_600_000, NOW)).toBe('3 hours ago');
    expect(en.ago(NOW - 47 * 3_600_000, NOW)).toBe('47 hours ago');
    expect(en.ago(NOW - 4 * 86_400_000, NOW)).toBe('4 days ago');
    expect(zh.ago(NOW - 3 * 3_600_000, NOW)).toBe('3小时前');
    // A clock slightly behind the data is not "in the future".
    expect(en.ago(NOW + 5_000, NOW)).toBe('now');
    expect(en.ago(null, NOW)).toBe(UNKNOWN);
    expect(en.daysAgo(0)).toBe('today');
    expect(en.daysAgo(1)).toBe('yesterday');
    expect(en.daysAgo(429)).toBe('429 days ago');
    expect(zh.daysAgo(0)).toBe('今天');
    expect(en.daysAgo(undefined)).toBe(UNKNOWN);
  });

  it('date-times use the locale', () => {
    expect(en.dateTime(NOW)).toMatch(/Sep 19, 2025/);
    expect(zh.dateTime(NOW)).toMatch(/2025年9月19日/);
  });
});

describe('locales', () => {
  it('accepts Chrome-style and odd tags without throwing', () => {
    expect(safeLocale('zh_CN')).toBe('zh-CN');
    expect(safeLocale('en-US')).toBe('en-US');
    expect(safeLocale('')).toBe('en');
    expect(safeLocale('!!')).toBe('en');
    expect(safeLocale(undefined)).toBe('en');
    expect(makeFormat('zh_CN').locale).toBe('zh-CN');
  });
});
