/**
 * Reasons in the reader's language (lib/i18n/reason-text.ts): the engine, evaluated on the REAL
 * series day by day, emits only reasons whose every rule and phrase has a message in both languages;
 * the Chinese never falls back to the engine's English; the English says what the engine's own text
 * says; stored reasons of an older version (no parameters) and unknown rules show the engine's text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateDay } from '../../../lib/engine/evaluate';
import { panelModel } from '../../../lib/badge/model';
import { LOCALES, type Fragment } from '../../../lib/i18n/merge';
import { loadLocales } from '../../../lib/i18n/node';
import { asiWhyText, exclusionText, reasonText } from '../../../lib/i18n/reason-text';
import { translateFrom } from '../../../lib/i18n/translate';
import { EMPTY_HYSTERESIS, type HysteresisState } from '../../../lib/phase/hysteresis';
import { numericReason, variantOf, type Phrase, type Reason, type ReasonArg } from '../../../lib/phase/reasons';
import { addDays } from '../../../lib/series/dates';
import type { Day } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';
import { asiSignal, type AsiExcluded, type AsiUnknown } from '../../../lib/signals/asi';
import { isSnapshot } from '../../../lib/snapshot/validate';
import { realSeries, realSeriesStaleEthBtc } from '../../support/fixtures';
import { realSnapshot } from '../../support/snapshot';
import { REAL_SERIES_FULL, REPO_ROOT } from '../../support/paths';
import { loadSeriesDir } from '../../../lib/cli/load-dir';

const ROOT = REPO_ROOT;
const fragment = JSON.parse(readFileSync(join(ROOT, 'lib/i18n/messages/reasons.json'), 'utf8')) as Fragment;
const common = JSON.parse(readFileSync(join(ROOT, 'lib/i18n/messages/common.json'), 'utf8')) as Fragment;
const locales = loadLocales();
const en = translateFrom(locales.en!);
const zh = translateFrom(locales.zh_CN!);
const CJK = /[\u4e00-\u9fff]/;
/** English words of the engine's sentences that must not survive in a Chinese one. */
const ENGLISH = new RegExp(
  `\\b(?:${[
    ...['unknown', 'stale', 'cannot', 'test', 'season', 'dominance', 'change', 'Stage', 'setup', 'trend'],
    ...['Holding', 'confirming', 'Fear', 'Greed', 'Russell 2000 is', 'from ATH', 'No data'],
  ].join('|')})\\b`,
);

/** Every reason the engine emits over the real series: daily with hysteresis, and the same days seen late (stale). */
function realReasons(): { reasons: Reason[]; unknownAsi: AsiUnknown[]; excluded: AsiExcluded[] } {
  const set = realSeries();
  const s = defaultSettings();
  const reasons: Reason[] = [];
  let state: HysteresisState = EMPTY_HYSTERESIS;
  // From before the first BTC close (ASI unknown) through the whole history, one evaluation a day.
  for (let d: Day = '2023-12-20'; d <= '2026-09-20'; d = addDays(d, 1)) {
    const step = evaluateDay(set, s, d, d, state);
    state = step.hysteresis;
    reasons.push(...step.evaluation.phase.reasons);
  }
  // Evaluated long after the fact: every input is stale.
  for (const d of ['2024-02-20', '2025-09-19', '2026-08-31'] as Day[])
    reasons.push(...evaluateDay(set, s, d, addDays(d, 40)).evaluation.phase.reasons);
  // ETF flows from series-full: rotation yes (2025-02-24), no (2025-09-18), stale (seen 40 days late), and a
  // missing session (the ETH day 2025-02-20 dropped: its sums unknown).
  const full = loadSeriesDir(REAL_SERIES_FULL);
  const flows = { ...set, etfFlowsBtc: full.etfFlowsBtc, etfFlowsEth: full.etfFlowsEth };
  for (const d of ['2025-02-24', '2025-09-18'] as Day[])
    reasons.push(...evaluateDay(flows, s, d, d).evaluation.phase.reasons);
  reasons.push(...evaluateDay(flows, s, '2025-09-18', '2025-10-28').evaluation.phase.reasons);
  const gap = { ...full.etfFlowsEth!, points: full.etfFlowsEth!.points.filter((p) => p.date !== '2025-02-20') };
  reasons.push(...evaluateDay({ ...flows, etfFlowsEth: gap }, s, '2025-02-24', '2025-02-24').evaluation.phase.reasons);
  // Without any coin series, and with a BTC history too short for the window.
  reasons.push(...evaluateDay({ ...set, coins: undefined }, s, '2025-09-19', '2025-09-19').evaluation.phase.reasons);
  // ETH/BTC as ethbtc.csv alone (no ETH closes to derive the later days from): stale since 2024-02-29.
  reasons.push(...evaluateDay(realSeriesStaleEthBtc(), s, '2025-09-19', '2025-09-19').evaluation.phase.reasons);
  const unknownAsi = (['2023-06-01', '2024-01-10'] as Day[]).map(
    (d) => asiSignal(set.coins, d, d, s.asi, 2) as AsiUnknown,
  );
  unknownAsi.push(asiSignal({ BTC: set.coins!.BTC! }, '2025-09-19', '2025-09-19', s.asi, 2) as AsiUnknown);
  // Coins left out of the ASI, with a small universe and a category excluded so that every cause occurs.
  const excluded: AsiExcluded[] = [];
  const coins = { ...set.coins!, SOL: { ...set.coins!.SOL!, categories: ['smart-contract'] } };
  for (const d of ['2024-03-01', '2025-09-19', '2026-08-31'] as Day[]) {
    for (const asi of [s.asi, { ...s.asi, topN: 20, excludeCategories: ['smart-contract'] }]) {
      const r = asiSignal(coins, d, d, asi, 2);
      excluded.push(...r.excluded);
    }
  }
  // Market caps for three coins only, the top 2 kept, DOGE on the exclusion list.
  const caps = Object.fromEntries(
    Object.entries(coins).map(([k, c]) => [
      k,
      {
        ...c,
        marketCaps: ['ETH', 'XRP', 'LINK'].includes(k)
          ? { source: 'caps', points: [{ date: '2025-09-19', value: k.length }] }
          : undefined,
      },
    ]),
  );
  excluded.push(
    ...asiSignal(caps, '2025-09-19', '2025-09-19', { ...s.asi, topN: 2, excludeSymbols: ['DOGE'] }, 2).excluded,
  );
  return { reasons, unknownAsi, excluded };
}

const { reasons, unknownAsi, excluded } = realReasons();

function phrases(args: readonly ReasonArg[] | undefined, out: Phrase[] = []): Phrase[] {
  for (const a of args ?? []) {
    if (a && typeof a === 'object') {
      out.push(a);
      phrases(a.args, out);
    }
  }
  return out;
}

describe('reasons of the engine on the real series', () => {
  const rules = new Set(reasons.map((r) => r.rule));

  it('cover every rule the engine has, each variant that occurs', () => {
    expect([...rules].sort()).toEqual(
      [
        'stage.unknown',
        'stage.btc-season',
        'stage.altseason',
        'stage.alt-rotation',
        'stage.eth-rotation.ethbtc',
        'stage.eth-rotation.dominance',
        'hysteresis.confirming',
        'hysteresis.held',
        'hysteresis.hold',
        'flag.late-cycle.altseason',
        'flag.late-cycle.greed',
        'flag.late-cycle.dominance',
        'flag.fear-washout',
        'setup.russell',
        'setup.stage',
        'setup.dominance',
        'confirm.etf-flows',
      ].sort(),
    );
    const seen = new Set(reasons.map((r) => `${r.rule}:${variantOf(r)}`));
    for (const v of [
      'stage.unknown:stale',
      'stage.unknown:unknown',
      'stage.eth-rotation.ethbtc:stale',
      'stage.eth-rotation.dominance:unknown',
      'flag.late-cycle.greed:pass',
      'setup.russell:stale',
      'confirm.etf-flows:pass',
      'confirm.etf-flows:fail',
      'confirm.etf-flows:unknown',
      'confirm.etf-flows:stale',
    ]) {
      expect(seen, v).toContain(v);
    }
    expect(reasons.every((r) => Array.isArray(r.args))).toBe(true);
  });

  it('every reason and every phrase in it has a message in both languages', () => {
    for (const lang of LOCALES) {
      const m = locales[lang]!;
      for (const r of reasons) {
        const base = `reason_${(r.template ?? r.rule).replace(/\W/g, '_')}`;
        expect(
          Object.keys(m).some((k) => k === base || k.startsWith(`${base}_`)),
          `${lang}: ${r.rule}`,
        ).toBe(true);
      }
      for (const p of phrases(reasons.flatMap((r) => r.args ?? [])))
        expect(m, `${lang}: ${p.code}`).toHaveProperty(`reason_p_${p.code.replace(/\W/g, '_')}`);
    }
  });

  it('in Chinese, every reason is Chinese: never the English fallback, no English words, no raw key', () => {
    const texts = new Set<string>();
    for (const r of reasons) {
      const s = reasonText(r, zh, 'zh-CN');
      expect(s, r.text).not.toBe(r.text);
      expect(s, r.text).toMatch(CJK);
      expect(s, r.text).not.toMatch(ENGLISH);
      expect(s, r.text).not.toMatch(/reason_|\$/);
      texts.add(s);
    }
    expect(texts.size).toBeGreaterThan(50);
  });

  it('in English, every rule says exactly what the engine says (the CLI prints the engine’s text)', () => {
    for (const r of reasons) {
      const s = reasonText(r, en, 'en');
      expect(s).not.toMatch(/reason_|\$/);
      expect(s).toBe(r.text);
    }
    expect(reasons.length).toBeGreaterThan(10_000);
  });

  it('no raw ids in sentences, no mark of success on an unknown input, plurals right', () => {
    for (const r of reasons) {
      expect(r.text, r.rule).not.toMatch(
        /\b(?:near-ath|spillover-window|btc-season|alt-rotation|eth-rotation|fear-washout|late-cycle)\b/,
      );
      expect(r.text, r.rule).not.toMatch(/\b1 days\b/);
      if (r.passed === null) expect(variantOf(r)).not.toBe('pass');
    }
    expect(reasons.some((r) => / 1 day old\b/.test(r.text) || / 1 day\b/.test(r.text))).toBe(true);
  });

  it('the unknown ASI says why in both languages', () => {
    expect(unknownAsi.map((u) => u.code)).toEqual(['no-btc-close', 'no-btc-start', 'no-coins']);
    for (const u of unknownAsi) {
      expect(asiWhyText(u, en, 'en')).toBe(u.why);
      const s = asiWhyText(u, zh, 'zh-CN');
      expect(s).toMatch(CJK);
      expect(s).not.toBe(u.why);
    }
    expect(asiWhyText(unknownAsi[1]!, zh, 'zh-CN')).toBe('2023-10-12 之前 3 天内没有 BTC 收盘价');
  });

  it('every cause of leaving a coin out says the same in English and is Chinese in Chinese', () => {
    const causes = new Set(excluded.map((x) => x.reason));
    expect([...causes].sort()).toEqual([
      'category',
      'exclusion-list',
      'no-close',
      'no-market-cap',
      'outside-top-n',
      'too-young',
    ]);
    for (const x of excluded) {
      expect(exclusionText(x, en, 'en')).toBe(x.why);
      const s = exclusionText(x, zh, 'zh-CN');
      expect(s, x.why).toMatch(CJK);
      expect(s, x.why).not.toMatch(/\b(?:too young|close|market cap|category|exclusion)\b/);
    }
    const old = { ...excluded[0]!, args: undefined };
    expect(exclusionText(old, zh, 'zh-CN')).toBe(old.why);
  });
});

describe('reasonText', () => {
  const eth = (value: number | null, stale = false) =>
    numericReason({
      rule: 'stage.eth-rotation.ethbtc',
      signal: 'ethbtc',
      label: 'ETH/BTC 30-day change',
      labelCode: 'ethbtc-change30',
      day: '2025-09-19',
      value,
      comparator: '>=',
      threshold: 5,
      unit: '%',
      sign: true,
      outcome: 'ETH & majors lead',
      outcomeCode: 'stage.eth-rotation',
      source: 'ethbtc.csv',
      asOf: '2024-02-29',
      stale,
    });

  it.each([
    [
      'passed',
      eth(6.254),
      'ETH/BTC 30-day change +6.25% ≥ +5% → ETH & majors lead',
      'ETH/BTC 30 日变化 +6.25% ≥ +5% → ETH 与主流币领涨',
    ],
    [
      'failed',
      eth(-1.5),
      'not ETH & majors lead: ETH/BTC 30-day change -1.5% < +5%',
      '非ETH 与主流币领涨：ETH/BTC 30 日变化 -1.5% < +5%',
    ],
    [
      'unknown',
      eth(null),
      'ETH & majors lead not tested: ETH/BTC 30-day change unknown',
      '未检验ETH 与主流币领涨：ETH/BTC 30 日变化未知',
    ],
    [
      'stale',
      eth(0.11, true),
      'ETH & majors lead not tested: ETH/BTC 30-day change not used, 568 days old',
      '未检验ETH 与主流币领涨：ETH/BTC 30 日变化已有 568 天 未更新，未使用',
    ],
  ])('renders the %s variant in both languages', (_v, r, wantEn, wantZh) => {
    expect(r.text).toBe(wantEn);
    expect(reasonText(r, en, 'en-US')).toBe(wantEn);
    expect(reasonText(r, zh, 'zh-CN')).toBe(wantZh);
  });

  it('formats numbers for the locale', () => {
    expect(reasonText(eth(6.254), en, 'de-DE')).toBe('ETH/BTC 30-day change +6,25% ≥ +5% → ETH & majors lead');
  });

  it('the stale ASI, the setup and hysteresis sentences in Chinese', () => {
    const one = (rule: string, f: (r: Reason) => boolean = () => true) => reasons.find((r) => r.rule === rule && f(r))!;
    expect(
      reasonText(
        one('stage.unknown', (r) => !!r.stale),
        zh,
        'zh-CN',
      ),
    ).toMatch(/^无数据：山寨季指数 \d+ 已有 \d+ 天 未更新，未使用（\d{4}-\d\d-\d\d 的数据）$/);
    expect(reasonText(one('hysteresis.confirming'), zh, 'zh-CN')).toMatch(/^.+ 确认中 [12]\/3：目前仍显示.+$/);
    expect(reasonText(one('hysteresis.hold'), zh, 'zh-CN')).toMatch(/^维持.+：山寨季指数仍在边界 3 点以内$/);
    expect(reasonText(one('hysteresis.held'), zh, 'zh-CN')).toMatch(
      /^维持.+至 \d{4}-\d\d-\d\d：回到刚离开的.+需间隔 7 天$/,
    );
    expect(
      reasonText(
        one('setup.dominance', (r) => r.value !== null),
        zh,
        'zh-CN',
      ),
    ).toMatch(
      /^(市值占比显示压力|不构成准备窗口|未检验准备窗口)：BTC 市值占比 [\d.]+%，在 59–63% 区间[内外]，趋势(上升|下降|持平|未知)，.+$/,
    );
  });

  it('falls back to the engine text: an unknown rule, an older reason without parameters, broken parameters, a missing phrase', () => {
    const r = eth(6.254);
    expect(reasonText({ ...r, template: undefined, rule: 'stage.from-the-future' }, zh, 'zh-CN')).toBe(r.text);
    const { args: _, ...old } = r;
    expect(reasonText(old, zh, 'zh-CN')).toBe(r.text);
    expect(reasonText({ ...r, args: 5 as unknown as ReasonArg[] }, zh, 'zh-CN')).toBe(r.text);
    expect(reasonText({ ...r, args: [{ code: 'label.from-the-future' }, 6, '≥', 5] }, zh, 'zh-CN')).toBe(r.text);
    expect(reasonText(r, zh, 'not a locale!')).toBe(r.text);
    const why: AsiUnknown = { value: null, why: 'no BTC closes', asOf: null, excluded: [] };
    expect(asiWhyText(why, zh, 'zh-CN')).toBe('no BTC closes');
    expect(asiWhyText({ ...why, code: 'no-btc' }, zh, 'zh-CN')).toBe('没有 BTC 收盘价');
  });
});

describe('reasons in the views and in storage', () => {
  it("the badge panel's reasons are Chinese in Chinese", () => {
    const snap = realSnapshot('2025-09-19');
    const m = panelModel(snap, zh, snap.computedAt + 60_000);
    expect(m.reasons.length).toBe(snap.evaluation.phase.reasons.length);
    expect(m.reasons).toContain('山寨季指数 79 ≥ 75 → 山寨季');
    for (const s of m.reasons) expect(s).toMatch(CJK);
    expect(panelModel(snap, en, snap.computedAt).reasons).toContain('ASI 79 ≥ 75 → Altcoin season');
  });

  it('a snapshot stored by the previous version (no parameters) is still valid and shows its English reasons', () => {
    const snap = realSnapshot('2025-09-19');
    // The new fields are optional and the snapshot's version is unchanged: the old shape is simply without them.
    const old = JSON.parse(JSON.stringify(snap, (k, v) => (['args', 'code', 'sign'].includes(k) ? undefined : v)));
    for (const r of old.evaluation.phase.reasons) expect(r).not.toHaveProperty('args');
    expect(isSnapshot(old)).toBe(true);
    expect(panelModel(old, zh, snap.computedAt).reasons).toEqual(snap.evaluation.phase.reasons.map((r) => r.text));
  });

  it('reasons.json: every name carries the reason_ prefix; stage words equal the stage names of common.json', () => {
    for (const lang of LOCALES) {
      for (const k of Object.keys(fragment[lang]!)) expect(k).toMatch(/^reason_[a-z0-9_]+$/);
      for (const [k, m] of Object.entries(common[lang]!).filter(([k]) => k.startsWith('stage_')))
        expect(fragment[lang]![`reason_p_${k}`]?.message, `${lang}:${k}`).toBe(m.message);
    }
  });
});

describe('reason text formatters', () => {
  it('builds one Intl.NumberFormat per locale and sign display, however many reasons it formats', () => {
    const snap = realSnapshot('2025-09-19');
    const reasons = snap.evaluation.phase.reasons;
    const Real = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = new Proxy(Real, { construct: (T, args) => (made++, Reflect.construct(T, args)) });
    let first: string[];
    let again: string[];
    try {
      first = reasons.map((r) => reasonText(r, en, 'de-DE'));
      again = reasons.map((r) => reasonText(r, en, 'de-DE'));
    } finally {
      Intl.NumberFormat = Real;
    }
    expect(reasons.filter((r) => r.args).length).toBeGreaterThan(10);
    // At most two (with and without a sign) for the locale, not one per reason: 152 µs each in Node here.
    expect(made).toBeLessThanOrEqual(2);
    expect(again).toEqual(first);
    // The sign display still follows each reason: a signed positive number keeps its "+", unsigned it has none.
    const signed = reasons.find((r) => r.sign && reasonText(r, en, 'en').includes('+'));
    expect(signed).toBeDefined();
    expect(reasonText({ ...signed!, sign: false }, en, 'en')).toEqual(
      reasonText(signed!, en, 'en').replaceAll('+', ''),
    );
  });
});
