/**
 * The popup's glance (#17.4): the stage ribbon, "What changed", the setup in tri-state words, the data ages and the
 * TOTAL3-vs-BTC chart, from known histories and from the real fixture data of 2025-09-19.
 */
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ViewCtx } from '../../../components/popup/context';
import { StageRibbon, WhatChanged } from '../../../components/popup/Glance';
import { Tiles } from '../../../components/popup/Tiles';
import { STAGE_COLOR } from '../../../lib/badge/stage-style';
import { total3Chart } from '../../../lib/charts/build';
import { stageRibbon, whatChanged } from '../../../lib/charts/glance';
import { ageDaysAt } from '../../../lib/format/age';
import { makeFormat } from '../../../lib/format/format';
import { loadLocales } from '../../../lib/i18n/node';
import { setupWords } from '../../../lib/i18n/setup-text';
import { translateFrom, type Translate } from '../../../lib/i18n/translate';
import type { Stage } from '../../../lib/phase/stage';
import { addDays, dayMs } from '../../../lib/series/dates';
import type { Day, SeriesSet } from '../../../lib/series/types';
import { defaultSettings } from '../../../lib/settings/defaults';
import { asiHistory } from '../../../lib/signals/asi-history';
import { extendStageHistory, type StageHistoryDay } from '../../../lib/snapshot/stage-history';
import type { Snapshot } from '../../../lib/snapshot/types';
import { loadSeriesDir } from '../../../lib/cli/load-dir';
import { REAL_SERIES_FULL, realSeries } from '../../support/fixtures';
import { realSnapshot } from '../../support/snapshot';

const DAY = '2025-09-19';
let t: Translate;
let zh: Translate;
let set: SeriesSet;
let snap: Snapshot;
let year: StageHistoryDay[];

beforeAll(() => {
  const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window, document, Node: window.Node, Element: window.Element, Event: window.Event });
  const l = loadLocales();
  t = translateFrom(l.en!);
  zh = translateFrom(l.zh_CN!);
  set = realSeries();
  snap = realSnapshot(DAY);
  // The year the worker stores beside this snapshot (lib/platform/stage-history.ts builds it the same way).
  year = extendStageHistory(null, set, defaultSettings(), DAY).history.days;
});

const ctx = (now = dayMs(DAY) + 12 * 3_600_000, tr = t, locale = 'en'): ViewCtx => ({
  t: tr,
  f: makeFormat(locale),
  now,
});

/** A known history: `runs` of [stage, days] from `from` on, ASI rising by 1 a day from 40. */
function history(from: Day, runs: [Stage, number][]): StageHistoryDay[] {
  const out: StageHistoryDay[] = [];
  for (const [stage, n] of runs)
    for (let i = 0; i < n; i++) out.push({ date: addDays(from, out.length), stage, asi: 40 + out.length });
  return out;
}

describe('stage ribbon', () => {
  const known = history('2025-01-01', [
    ['btc-season', 3],
    ['mixed', 4],
    ['altseason', 2],
  ]);

  it('has a segment per run of one stage, in its stage colour, sized by its days', () => {
    const root = document.createElement('div');
    act(() => render(<StageRibbon days={known} snapshot={snap} ctx={ctx()} />, root));
    const segs = [...root.querySelectorAll('.ribbon-seg')];
    expect(segs.map((s) => [s.getAttribute('data-stage'), s.getAttribute('data-days')])).toEqual([
      ['btc-season', '3'],
      ['mixed', '4'],
      ['altseason', '2'],
    ]);
    const bg = (s: Element) =>
      (s as HTMLElement)
        .getAttribute('style')!
        .match(/background:\s*([^;]+)/)![1]!
        .trim();
    expect(segs.map(bg)).toEqual([STAGE_COLOR['btc-season'], STAGE_COLOR.mixed, STAGE_COLOR.altseason]);
    // Each segment names itself for screen readers and on hover.
    expect(segs[1]!.getAttribute('aria-label')).toBe('Mixed: Jan 4, 2025 to Jan 7, 2025 (4 days)');
    expect(root.querySelector('[data-testid="ribbon"]')!.getAttribute('aria-label')).toBe('Stage, last 9 days');
  });

  it('starts a new segment after a day missing from the history', () => {
    const gap = [...known.slice(0, 2), ...known.slice(3).map((d) => ({ ...d, stage: 'btc-season' as Stage }))];
    expect(stageRibbon(gap, null)!.segments.map((s) => [s.stage, s.from, s.days])).toEqual([
      ['btc-season', '2025-01-01', 2],
      ['btc-season', '2025-01-04', 6],
    ]);
  });

  it('on the real year: the runs cover every day, breakouts inside it, the spill-over window shaded', () => {
    const r = stageRibbon(year, snap)!;
    expect(year.length).toBe(365);
    expect(r.to).toBe(DAY);
    expect(r.segments.reduce((a, s) => a + s.days, 0)).toBe(365);
    // Adjacent runs differ in stage, and the last run is the snapshot's stage.
    for (let i = 1; i < r.segments.length; i++) expect(r.segments[i]!.stage).not.toBe(r.segments[i - 1]!.stage);
    expect(r.segments.at(-1)!.stage).toBe(snap.evaluation.phase.stage);
    const russell = snap.evaluation.russell!;
    expect(r.breakouts).toEqual(russell.breakouts.filter((d) => d >= r.from && d <= DAY));
    // That day the window of the latest breakout had not opened yet: nothing of it lies in the ribbon's year.
    expect(russell.window!.status).toBe('before');
    expect(r.window).toBeNull();
  });

  it('shades the part of an open window that lies in the year', () => {
    const w = { breakout: '2025-06-01', day: 120, from: 90, to: 180, opens: '2025-08-30', closes: '2025-11-28' };
    const s = realSnapshot(DAY, (x) => (x.evaluation.russell!.window = { ...w, status: 'open' }));
    expect(stageRibbon(year, s)!.window).toEqual({ from: '2025-08-30', to: DAY, status: 'open' });
    const root = document.createElement('div');
    act(() => render(<StageRibbon days={year} snapshot={s} ctx={ctx()} />, root));
    const shade = root.querySelector('[data-testid="ribbon-window"]')!;
    expect(shade.getAttribute('title')).toBe('Spill-over window Aug 30, 2025 to Sep 19, 2025');
    // 21 of the ribbon's 365 days, from day 345 on
    expect(shade.getAttribute('style')).toContain(`left:${((344 / 365) * 100).toFixed(3)}%`);
    expect(shade.getAttribute('style')).toContain(`width:${((21 / 365) * 100).toFixed(3)}%`);
  });
});

describe('what changed', () => {
  it('ASI over 1 and 7 days, the last stage change and the days held, from a known history', () => {
    const known = history('2025-01-01', [
      ['mixed', 5],
      ['alt-rotation', 6],
    ]);
    const w = whatChanged(known, null);
    expect([w.asi1, w.asi7, w.dom7]).toEqual([1, 7, null]);
    expect(w.lastChange).toEqual({ date: '2025-01-06', from: 'mixed', to: 'alt-rotation' });
    expect(w.held).toBe(6);
  });

  it('on real data: the ASI changes match the ASI history of those days', () => {
    const asi = new Map(asiHistory(set.coins, defaultSettings(), addDays(DAY, -10), DAY).map((d) => [d.date, d.value]));
    const w = whatChanged(year, snap);
    expect(w.asi1).toBe(asi.get(DAY)! - asi.get(addDays(DAY, -1))!);
    expect(w.asi7).toBe(asi.get(DAY)! - asi.get(addDays(DAY, -7))!);
    // The real dominance history starts in 2026: unknown here, never 0.
    expect(w.dom7).toBeNull();
    const text = (() => {
      const root = document.createElement('div');
      act(() => render(<WhatChanged days={year} snapshot={snap} ctx={ctx()} />, root));
      return root.textContent!;
    })();
    expect(text).toContain(`ASI ${w.asi1! > 0 ? '▲' : w.asi1! < 0 ? '▼' : ''}`);
    expect(text).toContain('dominance change unknown');
    const c = w.lastChange!;
    expect(text).toContain(`on ${makeFormat('en').day(c.date)} (${w.held} days in this stage)`);
  });

  it('dominance over 7 days from the snapshot line', () => {
    const s = realSnapshot(DAY, (x) => {
      x.sparklines.dominance = [
        ['2025-09-12', 58.4],
        ['2025-09-15', 57.9],
        ['2025-09-19', 57.1],
      ];
    });
    expect(whatChanged(year, s).dom7).toBeCloseTo(-1.3, 10);
  });
});

describe('setup in tri-state words', () => {
  it('not met: what each failing leg needs and what it is (the real altseason day)', () => {
    const w = setupWords(snap.evaluation.phase, t, 'en');
    expect(snap.evaluation.phase.setup.state).toBe('no');
    expect(w.head).toBe('Setup: not met —');
    expect(w.why).toContain('needs Bitcoin season or Mixed; the stage is Altcoin season');
    expect(setupWords(snap.evaluation.phase, zh, 'zh-CN').why).toContain('需要比特币季或混合；当前阶段为山寨季');
  });

  it('unknown: names what is missing; met: says so with the hint', () => {
    const phase = snap.evaluation.phase;
    const unknown = { ...phase, setup: { state: 'unknown' as const, missing: ['russell', 'dominance'] as never } };
    expect(setupWords(unknown, t)).toEqual({
      head: 'Setup: unknown —',
      why: `not known without ${t('popup_input_russell')}, ${t('popup_input_dominance')}`,
    });
    const met = { ...phase, setup: { state: 'yes' as const, missing: [] } };
    expect(setupWords(met, t)).toEqual({ head: 'Setup: met —', why: t('popup_setup_hint') });
  });
});

describe('data ages', () => {
  it('count to the reader’s today, not to the evaluation day', () => {
    expect(ageDaysAt(DAY, Date.parse('2025-09-19T23:00:00Z'))).toBe(0);
    expect(ageDaysAt(DAY, Date.parse('2026-12-04T10:00:00Z'))).toBe(441);
    // A future data day (clock skew) is not a negative age.
    expect(ageDaysAt('2025-09-20', Date.parse('2025-09-19T10:00:00Z'))).toBe(0);
  });

  it('a tile opened long after its data says how old it is, beside the fetch age, never "today"', () => {
    const later = dayMs(DAY) + 441 * 86_400_000 + 12 * 3_600_000;
    const root = document.createElement('div');
    act(() => render(<Tiles snapshot={snap} settings={defaultSettings()} ctx={ctx(later)} />, root));
    const ages = [...root.querySelectorAll('[data-tile="asi"] [data-testid="data-age"]')].map((e) => e.textContent);
    expect(ages).toEqual(['data of Sep 19, 2025 (441 days ago)']);
    expect(root.querySelector('[data-tile="asi"] .source')!.textContent).toMatch(/fetched from .* ago/);
    expect(root.textContent).not.toContain('(today)');
    // The same day it is "today".
    act(() => render(<Tiles snapshot={snap} settings={defaultSettings()} ctx={ctx()} />, root));
    expect(root.querySelector('[data-tile="asi"] [data-testid="data-age"]')!.textContent).toBe(
      'data of Sep 19, 2025 (today)',
    );
  });
});

describe('TOTAL3 against BTC', () => {
  it('both lines start at 100 on the first shared day and keep each series’ own ratios', () => {
    // series/ has no TOTAL3; series-full has it from 2024-07-15 on.
    const set = loadSeriesDir(REAL_SERIES_FULL);
    const c = total3Chart(set.total3!, set.coins!.BTC!.closes, DAY);
    expect(c.points.length).toBeGreaterThan(300);
    expect(c.points.length).toBe(c.btc.length);
    expect(c.points[0]![1]).toBe(100);
    expect(c.btc[0]![1]).toBe(100);
    const t3 = new Map(set.total3!.points.map((p) => [p.date, p.value]));
    const btc = new Map(set.coins!.BTC!.closes.points.map((p) => [p.date, p.value]));
    const [d0] = c.points[0]!;
    const [dn, vn] = c.points.at(-1)!;
    expect(dn).toBe(DAY);
    expect(vn).toBeCloseTo((t3.get(dn)! / t3.get(d0)!) * 100, 9);
    expect(c.btc.at(-1)![1]).toBeCloseTo((btc.get(dn)! / btc.get(d0)!) * 100, 9);
  });
});

describe('in Chinese', () => {
  it('the ribbon, What changed and the setup read in Chinese, with no raw key', () => {
    const root = document.createElement('div');
    const c = ctx(undefined, zh, 'zh-CN');
    act(() =>
      render(
        <div>
          <StageRibbon days={year} snapshot={snap} ctx={c} />
          <WhatChanged days={year} snapshot={snap} ctx={c} />
        </div>,
        root,
      ),
    );
    const text = root.textContent!;
    expect(text).toMatch(/变化：\s*ASI 1 天 [▲▼]?[+−]?\d+，7 天 [▲▼]?[+−]?\d+/);
    expect(text).toContain('市值占比变化未知');
    expect(text).toContain('本阶段已');
    expect(root.querySelector('[data-testid="ribbon"]')!.getAttribute('aria-label')).toBe('阶段，近 365 天');
    expect(root.innerHTML).not.toMatch(/\b(?:popup|stage)_[a-z0-9_]+\b/);
  });
});
