/**
 * Storage is not trusted to have the snapshot's shape (an older version, a bug, a tampered store):
 * the badge model and the view the worker builds from it read every field defensively. A malformed field shows
 * as unknown ("—" or left out), never crashes the build or the render, never becomes 0 or a raw i18n key.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { badgeModel, panelModel } from '../../../lib/badge/model';
import { russellMark } from '../../../lib/badge/format';
import { usableSnapshot } from '../../../lib/badge/state';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import type { Snapshot } from '../../../lib/snapshot/types';
import { realSnapshot } from '../../support/snapshot';
import { click, mountUi, settle, setupDom, shown, SOL_CHART } from './dom';

const t = translateFrom(loadLocales().en!);

type Loose = Record<string, unknown>;
/** The 2025-09-19 snapshot with its evaluation mangled by `f` (still a usable frame for the badge). */
function hostile(f: (e: Loose, s: Loose) => void): Snapshot {
  return realSnapshot('2025-09-19', (s) => f(s.evaluation as unknown as Loose, s as unknown as Loose));
}

const CASES: [string, Snapshot][] = [
  ['a numeric Fear & Greed band', hostile((e) => ((e.fearGreed as Loose).band = 5))],
  ['a missing Fear & Greed band', hostile((e) => delete (e.fearGreed as Loose).band)],
  ['flags as a string', hostile((e) => ((e.phase as Loose).flags = 'x'))],
  [
    'flags with non-strings and unknown ids',
    hostile((e) => ((e.phase as Loose).flags = [5, null, 'late-cycle', 'moon'])),
  ],
  ['reasons null', hostile((e) => ((e.phase as Loose).reasons = null))],
  [
    'reasons of the wrong shapes',
    hostile((e) => ((e.phase as Loose).reasons = [null, 5, { text: 7 }, { text: 'ASI 79 ≥ 75 → Altcoin season' }])),
  ],
  ['reasons as an object', hostile((e) => ((e.phase as Loose).reasons = { text: 'x' }))],
  ['a confirming of the wrong shape', hostile((e) => ((e.phase as Loose).confirming = { stage: 5, count: 'a' }))],
  ['a Russell state on Object.prototype', hostile((e) => ((e.russell as Loose).state = 'toString'))],
  [
    'a Russell without a state or reference high',
    hostile((e) => (((e.russell as Loose).state = undefined), ((e.russell as Loose).referenceHigh = 'x'))),
  ],
  [
    'signals as strings and numbers',
    hostile((e) => Object.assign(e, { asi: 'x', dominance: 5, ethbtc: [], fearGreed: true, total3: 'y' })),
  ],
  ['an unknown ASI with a non-string reason', hostile((e) => (e.asi = { value: null, why: { x: 1 }, asOf: null }))],
  ['a source that is not a string', hostile((e) => ((e.russell as Loose).source = { name: 'x' }))],
  [
    'sparklines of the wrong shapes',
    hostile((_e, s) => (s.sparklines = { rut: 'x', asi: [null, 5, ['2025-09-18', 'a']], dominance: null })),
  ],
  ['no sparklines', hostile((_e, s) => delete s.sparklines)],
  ['setup as a string', hostile((e) => ((e.phase as Loose).setup = 'yes'))],
];

describe('a malformed stored snapshot', () => {
  let now: number;
  beforeAll(() => {
    setupDom();
    now = realSnapshot('2025-09-19').computedAt + 60_000;
  });

  it.each(CASES)(
    '%s: the badge and its panel render, with no raw key, no "undefined"/"NaN"/"[object"',
    async (_name, snap) => {
      // As the worker builds the view from it (usableSnapshot inside), and the content script paints it; on a SOL
      // chart, so the panel's coin line is looked up in the view's table too.
      const root = mountUi().show(shown({ snapshot: snap, now }, { href: SOL_CHART }));
      click(root.querySelector('button.main'));
      await settle();
      const text = root.textContent ?? '';
      expect(root.querySelector('.panel')).not.toBeNull();
      expect(text).not.toMatch(/undefined|NaN|\[object|badge_|stage_/);
      expect(root.innerHTML).not.toMatch(/undefined|NaN|\[object/);
    },
  );

  it('a Fear & Greed band that is not a band: value shown, no band word', () => {
    for (const [, snap] of CASES.slice(0, 2)) {
      const fg = panelModel(snap, t, now).extras.find((x) => x.id === 'fearGreed')!;
      expect(fg.value.text).toBe('53');
      expect(fg.note).toBe('');
    }
  });

  it('flags: only known flag ids, in words; reasons: only texts', () => {
    expect(panelModel(CASES[2]![1], t, now).flags).toEqual([]);
    expect(panelModel(CASES[3]![1], t, now).flags).toEqual(['late cycle']);
    // Reasons are read through usableSnapshot, which keeps only { text } objects.
    expect(panelModel(usableSnapshot(CASES[4]![1]), t, now).reasons).toEqual([]);
    expect(panelModel(usableSnapshot(CASES[5]![1]), t, now).reasons).toEqual(['ASI 79 ≥ 75 → Altcoin season']);
    expect(panelModel(usableSnapshot(CASES[6]![1]), t, now).reasons).toEqual([]);
    expect(usableSnapshot(CASES[5]![1])).not.toBeNull();
    expect(panelModel(CASES[15]![1], t, now).flags).toEqual([]);
  });

  it('a Russell state from Object.prototype is unknown', () => {
    expect(russellMark('toString' as never, t)).toMatchObject({ text: 'R2K ? unknown', known: false });
  });

  it('a malformed confirming shows no chip; an unknown Russell state reads "unknown"', () => {
    expect(badgeModel(CASES[7]![1], t, now).confirming).toBeNull();
    expect(badgeModel(CASES[8]![1], t, now).russell).toMatchObject({ text: 'R2K ? unknown', known: false });
    const noState = panelModel(CASES[9]![1], t, now);
    expect(noState.lines[0]!.threshold).toBe('2021 high ?');
    expect(noState.lines[0]!.refs).toEqual([]);
  });

  it('signals of the wrong type are unknown: a dash, never 0', () => {
    const m = badgeModel(CASES[10]![1], t, now);
    expect([m.asi.text, m.dominance.text]).toEqual(['—', '—']);
    const p = panelModel(CASES[10]![1], t, now);
    expect(p.extras.map((x) => x.value.text)).toEqual(['—', '—']);
    expect(p.sources.filter((s) => s.id !== 'russell').map((s) => s.text)).toEqual(Array(5).fill('no data'));
  });

  it('hostile settings fall back to the defaults, field by field', () => {
    const snap = realSnapshot('2025-09-19');
    const settings = {
      staleness: { cryptoMaxAgeDays: 'x' },
      stage: { btcSeasonMax: null, altseasonMin: 80 },
      dominance: { zones: 'abcd' },
    } as never;
    const p = panelModel(snap, t, snap.computedAt + 10 * 86_400_000, settings);
    expect(p.lines[1]!.threshold).toBe('BTC season ≤ 25 · altseason ≥ 80');
    expect(p.lines[2]!.threshold).toBe('pivotal 59–63%');
    // the ASI of 10 days ago is stale by the default 2 days
    expect(p.sources.find((s) => s.id === 'asi')!.stale).toBe(true);
  });
});
