/*
 * Formatting: numbers, percentages, dates and ages in the reader's locale, unknown as a dash, never 0.
 * Flow: provider → cache → engine → snapshot → storage → views; the views' last step before text.
 */
import { dayMs } from '../series/dates';
import { cachedIntl } from '../core/intl';
import type { Day } from '../series/types';

/** What an unknown value shows as. Never 0: a trader would read 0 as a reading. */
export const UNKNOWN = '—';

/**
 * Locale-aware formatting for the extension pages. `locale` is the browser's UI language
 * (`browser.i18n.getUILanguage()`, e.g. `en-US`, `zh-CN`), passed in so this stays pure. Every
 * function returns UNKNOWN for a value that is not a finite number or a real date.
 */
export interface Format {
  locale: string;
  /** Fixed decimals with the locale's separators. */
  number(v: number | null | undefined, digits?: number): string;
  /** Up to `max` significant fraction digits, e.g. ETH/BTC 0.05463. */
  precise(v: number | null | undefined, maxDigits?: number): string;
  /** A signed number, e.g. "+2.4" / "−1.1" (true minus sign). */
  signed(v: number | null | undefined, digits?: number): string;
  /** A percent given in percent units (5 → "5%"), optionally signed. */
  percent(v: number | null | undefined, digits?: number, sign?: boolean): string;
  /** A fraction as a percent (0.12 → "+12.0%"). */
  fraction(v: number | null | undefined, digits?: number): string;
  /** Large amounts in compact form ("1.2T" / "1.2万亿"). */
  compact(v: number | null | undefined): string;
  /** A UTC calendar day, in the locale's medium date style. */
  day(d: Day | null | undefined): string;
  /** A UTC month `YYYY-MM`. */
  month(m: string | null | undefined): string;
  /** An instant in the user's own time zone. */
  dateTime(ms: number | null | undefined): string;
  /** How long ago an instant was, relative to `now` ("3 hours ago" / "3小时前"). */
  ago(ms: number | null | undefined, now: number): string;
  /** Age of a daily observation in whole days ("today", "2 days ago"). */
  daysAgo(days: number | null | undefined): string;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
// -0 would print as "-0".
const noNegZero = (x: number) => (Object.is(x, -0) ? 0 : x);

/** Intl objects are costly to build; a page formats hundreds of numbers with a handful of them. */
export function makeFormat(locale: string): Format {
  const loc = safeLocale(locale);
  const num = (opts: Intl.NumberFormatOptions) =>
    cachedIntl(`format:${loc}|${JSON.stringify(opts)}`, () => new Intl.NumberFormat(loc, opts));
  const fixed = (digits: number) => num({ minimumFractionDigits: digits, maximumFractionDigits: digits });
  const dayFmt = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeZone: 'UTC' });
  const monthFmt = new Intl.DateTimeFormat(loc, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const dtFmt = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' });
  const rel = new Intl.RelativeTimeFormat(loc, { numeric: 'auto', style: 'long' });

  const signed = (v: number | null | undefined, digits = 1): string => {
    if (!isNum(v)) return UNKNOWN;
    const r = noNegZero(Number(v.toFixed(digits)));
    const s = fixed(digits).format(Math.abs(r));
    return r > 0 ? `+${s}` : r < 0 ? `−${s}` : s;
  };

  return {
    locale: loc,
    number: (v, digits = 0) => (isNum(v) ? fixed(digits).format(noNegZero(Number(v.toFixed(digits)))) : UNKNOWN),
    precise: (v, maxDigits = 6) => (isNum(v) ? num({ maximumSignificantDigits: maxDigits }).format(v) : UNKNOWN),
    signed,
    percent: (v, digits = 0, sign = false) => {
      if (!isNum(v)) return UNKNOWN;
      return `${sign ? signed(v, digits) : fixed(digits).format(noNegZero(Number(v.toFixed(digits))))}%`;
    },
    fraction: (v, digits = 1) => (isNum(v) ? `${signed(v * 100, digits)}%` : UNKNOWN),
    compact: (v) => (isNum(v) ? num({ notation: 'compact', maximumFractionDigits: 2 }).format(v) : UNKNOWN),
    day: (d) => {
      const ms = typeof d === 'string' ? dayMs(d) : NaN;
      return Number.isFinite(ms) ? dayFmt.format(ms) : UNKNOWN;
    },
    month: (m) => {
      const ms = typeof m === 'string' ? dayMs(`${m}-01`) : NaN;
      return Number.isFinite(ms) ? monthFmt.format(ms) : UNKNOWN;
    },
    dateTime: (ms) => (isNum(ms) ? dtFmt.format(ms) : UNKNOWN),
    ago: (ms, now) => {
      if (!isNum(ms) || !isNum(now)) return UNKNOWN;
      const sec = Math.max(0, Math.round((now - ms) / 1000));
      if (sec < 60) return rel.format(0, 'second');
      const min = Math.floor(sec / 60);
      if (min < 60) return rel.format(-min, 'minute');
      const h = Math.floor(min / 60);
      if (h < 48) return rel.format(-h, 'hour');
      return rel.format(-Math.floor(h / 24), 'day');
    },
    daysAgo: (days) => (isNum(days) ? rel.format(-Math.max(0, Math.round(days)), 'day') : UNKNOWN),
  };
}

/** A locale Intl accepts; Chrome's `zh_CN` style and junk fall back gracefully instead of throwing. */
export function safeLocale(locale: string | null | undefined): string {
  const tag = (locale ?? '').replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
