/**
 * The badge's numbers and dates follow the browser's UI language (browser.i18n.getUILanguage(),
 * passed in: the model stays pure), as the popup's do: separators by Intl.NumberFormat, days by
 * Intl.DateTimeFormat (UTC days); "—" for unknown and a true minus sign in every locale.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cell, fmtDay, fmtNumber, fmtSigned, PLAIN_NUMBERS } from '../../../lib/badge/format';
import { badgeModel, panelModel } from '../../../lib/badge/model';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import { toolbarBadge } from '../../../lib/toolbar';
import { realSeriesStaleEthBtc } from '../../support/fixtures';
import { anyCoverageSettings, realSnapshot } from '../../support/snapshot';

const en = translateFrom(loadLocales().en!);
const zh = translateFrom(loadLocales().zh_CN!);
// ETH/BTC as ethbtc.csv alone (no ETH closes to derive it from): stale since 2024-02-29; the ASI of 12 coins
// accepted, for a number to format
const snap = realSnapshot('2026-08-21', undefined, anyCoverageSettings(), realSeriesStaleEthBtc());
const now = snap.computedAt + 60_000;

describe('locale-aware numbers', () => {
  // Languages whose numbers are formatted without Intl (a page's first Intl.NumberFormat is slow): exactly as Intl
  // would.
  const plain = [
    'en',
    'en-US',
    'en-GB',
    'en-AU',
    'en-CA',
    'zh',
    'zh-CN',
    'zh-TW',
    'zh-HK',
    'zh-Hans',
    'zh-Hant',
    'zh-Hans-CN',
    'zh-Hant-TW',
    'ja',
    'ja-JP',
    'ko',
    'ko-KR',
  ];
  it('without Intl for ' + plain.join(', ') + ': the same text as Intl.NumberFormat, for any value and digits', () => {
    for (const l of plain) expect(PLAIN_NUMBERS.test(l), l).toBe(true);
    for (const l of ['en-IN', 'en-ZA', 'de', 'fr-FR', 'es', '', 'EN-us']) expect(PLAIN_NUMBERS.test(l), l).toBe(false);
    const intl = (v: number, d: number, l: string) => {
      const r = Number(Math.abs(v).toFixed(d));
      const s = new Intl.NumberFormat(l, { minimumFractionDigits: d, maximumFractionDigits: d }).format(r);
      return v < 0 && r ? `−${s}` : s;
    };
    const value = fc.oneof(
      fc.double({ min: -1e22, max: 1e22, noNaN: true }),
      fc.integer({ min: -1e7, max: 1e7 }),
      fc.double({ min: -2, max: 2, noNaN: true }),
    );
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 5 }), fc.constantFrom(...plain), (v, d, l) => {
        expect(fmtNumber(v, d, l)).toBe(intl(v, d, l));
      }),
      { numRuns: 20000 },
    );
    for (const l of plain)
      for (const v of [0, -0, 999.5, 999.49, 1000, 12345.678, -1234567.891, 1e20, 1e21, 5e-7])
        for (const d of [0, 1, 2]) expect(fmtNumber(v, d, l)).toBe(intl(v, d, l));
  });

  it('the badge of an en-US or zh-CN browser constructs no Intl.NumberFormat', () => {
    const Real = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = new Proxy(Real, { construct: (T, args) => (made++, Reflect.construct(T, args)) });
    try {
      for (const locale of ['en-US', 'zh-CN']) {
        const m = badgeModel(snap, en, now, undefined, locale);
        expect(m.asi.text).toMatch(/^\d+$/);
        expect(m.dominance.text).toBe('59.0%');
      }
      fmtNumber(1, 1, 'de-DE');
    } finally {
      Intl.NumberFormat = Real;
    }
    expect(made).toBe(1);
  });

  it.each([
    ['en-US', '2,448.77', '−0.77', '+1,234.5'],
    ['de-DE', '2.448,77', '−0,77', '+1.234,5'],
    ['zh-CN', '2,448.77', '−0.77', '+1,234.5'],
    ['fr-FR', '2\u202f448,77', '−0,77', '+1\u202f234,5'],
  ])('%s', (locale, big, neg, signed) => {
    expect(fmtNumber(2448.77, 2, locale)).toBe(big);
    expect(fmtNumber(-0.7671, 2, locale)).toBe(neg);
    expect(fmtSigned(1234.49, 1, locale)).toBe(signed);
    expect(fmtNumber(null, 2, locale)).toBeNull();
    expect(cell('ASI', undefined, en, 0, '', locale).text).toBe('—');
  });

  it('a negative that rounds to zero has no sign; a true minus sign otherwise (never a hyphen)', () => {
    expect(fmtNumber(-0.004, 2, 'en-US')).toBe('0.00');
    expect(fmtSigned(-0.04, 1, 'de-DE')).toBe('0,0');
    expect(fmtNumber(-1234, 0, 'en-US')).toBe('−1,234');
  });

  it('an invalid or missing UI language falls back without throwing', () => {
    expect(fmtNumber(2448.77, 2, 'not a locale!')).toMatch(/^2.448.77$/);
    expect(fmtNumber(2448.77, 2, '')).toMatch(/^2.448.77$/);
    expect(fmtDay('2025-09-19', 'not a locale!')).toMatch(/2025/);
  });

  it('days in the locale’s medium style, as the UTC day they are (no time-zone shift)', () => {
    expect(fmtDay('2025-09-19', 'en-US')).toBe('Sep 19, 2025');
    expect(fmtDay('2025-09-19', 'de-DE')).toBe('19.09.2025');
    expect(fmtDay('2025-09-19', 'zh-CN')).toBe('2025年9月19日');
    expect(fmtDay('2025-13-45' as never, 'en-US')).toBe('2025-13-45');
  });
});

describe('the badge model in the UI language', () => {
  it('German: separators in the lines, the thresholds and the Russell distance', () => {
    const p = panelModel(snap, en, now, undefined, 'de-DE');
    expect(p.lines[0]!.value.text).toBe('3.017,87');
    expect(p.lines[0]!.threshold).toBe('2021 high 2.442,74');
    expect(p.lines[0]!.note).toContain('−1,6% vs ATH');
    expect(p.lines[2]!.value.text).toBe('59,0%');
    expect(p.extras[0]!.value.text).toBe('0,05463');
    expect(p.sources[0]!.text).toBe('rut.csv · data of 21.08.2026 · 0 d old');
    expect(badgeModel(snap, en, now, undefined, 'de-DE').dominance.text).toBe('59,0%');
  });

  it('Chinese: dates in Chinese, in the stale chip’s title and the sources', () => {
    const p = panelModel(snap, zh, now, undefined, 'zh-CN');
    expect(p.extras[0]!.stale!.title).toBe('ETH/BTC：2024年2月29日 的数据，已 904 天');
    expect(p.sources.find((s) => s.id === 'ethbtc')!.text).toBe(
      'ethbtc.csv · 2024年2月29日 的数据 · 已 904 天 · 已过期',
    );
  });

  it('the toolbar title too', () => {
    expect(toolbarBadge(snap, en, now, undefined, 'de-DE').title).toContain('BTC.D 59,0%');
  });
});
