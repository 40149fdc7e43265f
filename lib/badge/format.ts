import { cachedIntl } from '../core/intl';
import type { Translate } from '../i18n/translate';
import { dayMs } from '../series/dates';
import type { RussellState } from '../signals/russell';

/** What an unknown value shows as. Never 0: a trader would read 0 as a reading. */
export const UNKNOWN = '—';

/** A value as displayed: its text, whether it is a real reading, and what a screen reader says. */
export interface Cell {
  text: string;
  known: boolean;
  aria: string;
}

/** A cached Intl formatter for the UI language; an invalid or empty language falls back to the runtime's. */
function intl<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  make: (locale?: string) => T,
  key: string,
  locale?: string,
): T {
  return cachedIntl(`badge:${key}|${locale}`, () => {
    try {
      return make(locale || undefined);
    } catch {
      return make();
    }
  });
}

/**
 * UI languages whose numbers read "2,448.77" (groups of three, comma and point; a unit test checks each
 * against Intl): formatted without Intl there, since a page's first Intl.NumberFormat costs the content
 * script tens of milliseconds of the host page's main thread (ICU's locale data).
 */
export const PLAIN_NUMBERS = /^(en(-(US|GB|AU|CA))?|zh(-(CN|TW|HK|Hans|Hant|Hans-CN|Hant-TW))?|ja(-JP)?|ko(-KR)?)$/;

/**
 * A number with fixed decimals and the locale's separators ("2,448.77", "2.448,77"), a true minus
 * sign, or null for anything that is not a finite number. `locale`: the browser's UI language.
 */
export function fmtNumber(v: unknown, digits = 0, locale?: string): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  const r = Number(Math.abs(v).toFixed(digits));
  // String(r): the shortest decimal that is r (as Intl reads a Number), at most `digits` decimals here.
  const [, int, frac = ''] = /^(\d+)\.?(\d*)$/.exec(String(r)) ?? [];
  const s =
    int && PLAIN_NUMBERS.test(locale ?? '')
      ? int.replace(/\B(?=(\d{3})+$)/g, ',') + (digits ? `.${frac.padEnd(digits, '0')}` : '')
      : intl(
          (l) => new Intl.NumberFormat(l, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
          `n${digits}`,
          locale,
        ).format(r);
  // No "−0.0": a value that rounds to zero has no sign.
  return v < 0 && r ? `−${s}` : s;
}

/** A signed change, e.g. "+2.4" / "−1.1" (a true minus sign), or null when unknown. */
export function fmtSigned(v: unknown, digits = 1, locale?: string): string | null {
  const s = fmtNumber(v, digits, locale);
  return s !== null && (v as number) > 0 && Number((v as number).toFixed(digits)) ? `+${s}` : s;
}

/** A UTC calendar day in the locale's medium style ("Sep 19, 2025", "19.09.2025"); the ISO day if it is not one. */
export function fmtDay(day: string, locale?: string): string {
  const ms = dayMs(day);
  return Number.isFinite(ms)
    ? intl((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' }), 'd', locale).format(ms)
    : day;
}

/** A cell for a value that may be unknown: "—" on screen, "<label>: unknown" for screen readers. */
export function cell(label: string, v: unknown, t: Translate, digits = 0, suffix = '', locale?: string): Cell {
  const s = fmtNumber(v, digits, locale);
  return s === null
    ? { text: UNKNOWN, known: false, aria: `${label}: ${t('badge_unknown')}` }
    : { text: s + suffix, known: true, aria: `${label} ${s}${suffix}` };
}

/** Elapsed time as a trader says it: "just now", "12 min", "3 h", "4 d". */
export function ageText(ms: number, t: Translate): string {
  const min = Math.floor(ms / 60_000);
  if (!(min >= 1)) return t('badge_age_now');
  if (min < 60) return t('badge_age_min', min);
  const h = Math.floor(min / 60);
  return h < 48 ? t('badge_age_h', h) : t('badge_age_d', Math.floor(h / 24));
}

/** Age of a daily data point in whole days ("0 d" is today's close). */
export function dayAgeText(days: number, t: Translate): string {
  return t('badge_age_d', Math.max(0, Math.round(days)));
}

/** A shape per Russell state, so the state reads without colour: ▲ breakout, ▼ risk-off… */
export const RUSSELL_ARROW: Record<RussellState, string> = {
  'risk-off': '▼',
  recovering: '↗',
  'near-ath': '△',
  breakout: '▲',
  unknown: '?',
};

/** The badge's Russell mark, e.g. "R2K ▲ breakout"; an unknown state says so in words. */
export function russellMark(state: RussellState | null | undefined, t: Translate): Cell {
  const s: RussellState = state && Object.hasOwn(RUSSELL_ARROW, state) ? state : 'unknown';
  const word = t(`badge_russell_${s.replace(/-/g, '_')}`);
  return {
    text: `${t('badge_r2k')} ${RUSSELL_ARROW[s]} ${word}`,
    known: s !== 'unknown',
    aria: `${t('badge_sig_russell')}: ${word}`,
  };
}
