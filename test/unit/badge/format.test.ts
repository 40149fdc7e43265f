/** The badge's value formatting (lib/badge/format.ts): numbers, unknowns, ages, the Russell mark. */
import { describe, expect, it } from 'vitest';
import { ageText, cell, dayAgeText, fmtNumber, fmtSigned, russellMark, UNKNOWN } from '../../../lib/badge/format';
import { stageKey } from '../../../lib/phase/stage';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';

const t = translateFrom(loadLocales().en!);

describe('fmtNumber and fmtSigned (en-US; other locales in locale.test.ts)', () => {
  it('fixed decimals with thousands separators', () => {
    expect(fmtNumber(2448.77, 2, 'en-US')).toBe('2,448.77');
    expect(fmtNumber(1234567.891, 1, 'en-US')).toBe('1,234,567.9');
    expect(fmtNumber(79, 0, 'en-US')).toBe('79');
    expect(fmtNumber(0.054631, 5, 'en-US')).toBe('0.05463');
  });

  it('null for anything that is not a finite number (unknown is never 0)', () => {
    for (const v of [null, undefined, NaN, Infinity, '79', {}, [1]]) expect(fmtNumber(v)).toBeNull();
    expect(fmtSigned(null)).toBeNull();
  });

  it('signs: a true minus, a plus for gains, no sign on a value that rounds to zero', () => {
    expect(fmtSigned(-0.7671, 1, 'en-US')).toBe('−0.8');
    expect(fmtSigned(12.345, 2, 'en-US')).toBe('+12.35');
    expect(fmtSigned(-0.04, 1, 'en-US')).toBe('0.0');
    expect(fmtSigned(0, 1, 'en-US')).toBe('0.0');
  });
});

describe('cells, ages, marks', () => {
  it('an unknown value is a dash on screen and "unknown" for screen readers', () => {
    expect(cell('ASI', null, t)).toEqual({ text: UNKNOWN, known: false, aria: 'ASI: unknown' });
    expect(cell('BTC.D', 59.0452, t, 1, '%', 'en-US')).toEqual({ text: '59.0%', known: true, aria: 'BTC.D 59.0%' });
  });

  it('ages as a trader says them', () => {
    expect(ageText(20_000, t)).toBe('just now');
    expect(ageText(NaN, t)).toBe('just now');
    expect(ageText(12 * 60_000, t)).toBe('12 min');
    expect(ageText(47 * 3_600_000, t)).toBe('47 h');
    expect(ageText(50 * 3_600_000, t)).toBe('2 d');
    expect(dayAgeText(568, t)).toBe('568 d');
    expect(dayAgeText(-3, t)).toBe('0 d');
  });

  it('the Russell mark has a shape and a word per state; anything else is unknown, in words', () => {
    expect(russellMark('breakout', t)).toEqual({ text: 'R2K ▲ breakout', known: true, aria: 'Russell 2000: breakout' });
    expect(russellMark('risk-off', t).text).toBe('R2K ▼ risk-off');
    expect(russellMark(null, t)).toMatchObject({ text: 'R2K ? unknown', known: false });
    expect(stageKey('alt-rotation')).toBe('stage_alt_rotation');
  });
});
