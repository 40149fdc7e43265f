/*
 * The badge's model: what the on-page badge and the toolbar icon show, built from the stored snapshot.
 * Flow: provider → cache → engine → snapshot → storage → views; this is the last pure step before the
 * badge view (components/badge), so the content script never runs the engine or reads settings whole.
 */
import { asiWhyText, reasonText } from '../i18n/reason-text';
import type { AsiUnknown } from '../signals/asi';
import type { Translate } from '../i18n/translate';
import { stageKey, type Stage } from '../phase/stage';
import { daysBetween, toDay } from '../series/dates';
import type { Day } from '../series/types';
import type { Settings } from '../settings/defaults';
import type { CompactSeries, Snapshot } from '../snapshot/types';
import { ageText, cell, dayAgeText, fmtDay, fmtNumber, fmtSigned, russellMark, type Cell } from './format';

/** The settings the badge reads besides `sites` and `badge`: thresholds shown in the panel, max ages. */
export interface ModelSettings {
  staleness: Pick<Settings['staleness'], 'cryptoMaxAgeDays' | 'russellMaxAgeDays'>;
  stage: Pick<Settings['stage'], 'btcSeasonMax' | 'altseasonMin'>;
  dominance: Pick<Settings['dominance'], 'zones'>;
}

/** Settings as stored: possibly never saved, or from an older version. */
export type StoredSettings = { [K in keyof ModelSettings]?: Partial<ModelSettings[K]> } | null | undefined;

/**
 * The documented defaults of the few settings the badge reads. Not `defaultSettings()`: that brings
 * the whole exclusion list into the content script (size budget); a unit test keeps these equal.
 */
export const MODEL_DEFAULTS: ModelSettings = {
  staleness: { cryptoMaxAgeDays: 2, russellMaxAgeDays: 4 },
  stage: { btcSeasonMax: 25, altseasonMin: 75 },
  dominance: { zones: [50, 55, 59, 63] },
};

/** A stored setting when it is a finite number, else its default. */
const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

function settingsOr(s: StoredSettings): ModelSettings {
  const { staleness: ds, stage: dt, dominance: dd } = MODEL_DEFAULTS;
  const zones = s?.dominance?.zones;
  return {
    staleness: {
      cryptoMaxAgeDays: num(s?.staleness?.cryptoMaxAgeDays, ds.cryptoMaxAgeDays),
      russellMaxAgeDays: num(s?.staleness?.russellMaxAgeDays, ds.russellMaxAgeDays),
    },
    stage: {
      btcSeasonMax: num(s?.stage?.btcSeasonMax, dt.btcSeasonMax),
      altseasonMin: num(s?.stage?.altseasonMin, dt.altseasonMin),
    },
    dominance: { zones: Array.isArray(zones) && zones.length === 4 && zones.every(Number.isFinite) ? zones : dd.zones },
  };
}

/** `v` when it is one of `ids` (an own, listed id: never a prototype name like "toString"), else null. */
export const oneOf = <T extends string>(v: unknown, ids: readonly T[]): T | null =>
  ids.includes(v as T) ? (v as T) : null;

export const STAGES: readonly Stage[] = ['btc-season', 'eth-rotation', 'mixed', 'alt-rotation', 'altseason', 'unknown'];
export const FLAGS = ['late-cycle', 'fear-washout'] as const;
export const FG_BANDS = ['extreme-fear', 'fear', 'neutral', 'greed', 'extreme-greed'] as const;

type SignalKey = 'russell' | 'asi' | 'dominance' | 'ethbtc' | 'total3' | 'fearGreed';
export const SIGNALS: SignalKey[] = ['russell', 'asi', 'dominance', 'ethbtc', 'total3', 'fearGreed'];

/** A signal's name in words (i18n keys `badge_sig_<key>`). */
const sigLabel = (key: SignalKey, t: Translate) => t(`badge_sig_${key}`);

/** The signal's numeric value, or null when it is absent or unknown (an unknown ASI has `value: null`). */
function valueOf(snap: Snapshot | null, key: SignalKey): number | null {
  const v = snap?.evaluation[key]?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A signal's freshness measured against the clock now, not the snapshot's own evaluation day. */
export interface Freshness {
  key: SignalKey;
  asOf: Day;
  ageDays: number;
  stale: boolean;
  source: string;
}

/** Age against today's UTC day; stale when the snapshot said so or time has since made it so. */
export function freshness(
  snap: Snapshot | null,
  key: SignalKey,
  now: number,
  settings?: StoredSettings,
): Freshness | null {
  const sig = snap?.evaluation[key];
  if (
    typeof sig?.asOf !== 'string' ||
    valueOf(snap, key) === null ||
    typeof (sig as { source?: unknown }).source !== 'string'
  )
    return null;
  const { staleness } = settingsOr(settings);
  const ageDays = Math.max(0, daysBetween(sig.asOf, toDay(now)));
  const max = key === 'russell' ? staleness.russellMaxAgeDays : staleness.cryptoMaxAgeDays;
  const { stale, source } = sig as { stale?: unknown; source: string };
  return { key, asOf: sig!.asOf, ageDays, stale: stale === true || ageDays > max, source };
}

/** A stale value's mark: "stale 568 d" beside it, "ETH/BTC: data of 2024-02-29, 568 d old" as its title. */
export interface StaleMark {
  text: string;
  title: string;
}

/** "ETH/BTC: data of Feb 29, 2024, 568 d old". */
const staleItem = (f: Freshness, t: Translate, locale?: string) =>
  t('badge_stale_item', sigLabel(f.key, t), fmtDay(f.asOf, locale), dayAgeText(f.ageDays, t));

const staleMark = (f: Freshness | null, t: Translate, locale?: string): StaleMark | null =>
  f?.stale ? { text: t('badge_stale', dayAgeText(f.ageDays, t)), title: staleItem(f, t, locale) } : null;

/** A value's cell with its stale mark; a screen reader hears the mark with the value. */
function markedCell(
  snap: Snapshot | null,
  key: SignalKey,
  t: Translate,
  now: number,
  s: ModelSettings,
  locale?: string,
  digits?: number,
  suffix?: string,
) {
  const label = sigLabel(key, t);
  const value = cell(label, valueOf(snap, key), t, digits, suffix, locale);
  const stale = staleMark(freshness(snap, key, now, s), t, locale);
  if (stale) value.aria += `, ${stale.text}`;
  return { label, value, stale };
}

export interface BadgeModel {
  /** The snapshot's stage id (`data-stage`); `unknown` without a usable snapshot. */
  stage: Stage;
  stageLabel: string;
  asi: Cell;
  /**
   * A known ASI that counted fewer coins than its universe aims at (a partial refresh): "48/50" for the summary,
   * and its explanation; the badge marks the number with "≈" and this title.
   */
  asiPartial: { text: string; title: string } | null;
  dominance: Cell;
  russell: Cell;
  confirming: { text: string; title: string } | null;
  stale: { text: string; title: string } | null;
  /** One line for tooltips and the toolbar badge's title. */
  summary: string;
}

/** `locale`: the browser's UI language (browser.i18n.getUILanguage()), for numbers and dates. */
export function badgeModel(
  snap: Snapshot | null,
  t: Translate,
  now: number,
  settings?: StoredSettings,
  locale?: string,
): BadgeModel {
  const e = snap?.evaluation;
  const stage: Stage = e?.phase.stage ?? 'unknown';
  const stageLabel = t(stageKey(stage));
  const asi = cell(t('badge_asi'), valueOf(snap, 'asi'), t, 0, '', locale);
  // A number over fewer coins than aimed at is said so, never shown as if complete (SIGNALS.md §3 coverage).
  const cov = asi.known ? partialCoverage(e?.asi) : null;
  const asiPartial = cov
    ? { text: t('badge_asi_part', cov.counted, cov.aimed), title: t('badge_asi_part_title', cov.counted, cov.aimed) }
    : null;
  if (asiPartial) asi.aria += `, ${asiPartial.title}`;
  const dominance = cell(t('badge_dom'), valueOf(snap, 'dominance'), t, 1, '%', locale);
  const russell = russellMark(valueOf(snap, 'russell') === null ? null : e!.russell!.state, t);

  const c = e?.phase.confirming;
  const confirming =
    oneOf(c?.stage, STAGES) && Number.isFinite(c!.count) && Number.isFinite(c!.of)
      ? {
          text: t('badge_confirming', c!.count, c!.of),
          title: t('badge_confirming_title', t(stageKey(c!.stage)), c!.count, c!.of, stageLabel),
        }
      : null;

  const old = (['asi', 'dominance', 'russell'] as const)
    .map((k) => freshness(snap, k, now, settings))
    .filter((f) => f?.stale) as Freshness[];
  const stale = old.length
    ? {
        text: t('badge_stale', dayAgeText(Math.max(...old.map((f) => f.ageDays)), t)),
        title: old.map((f) => staleItem(f, t, locale)).join('\n'),
      }
    : null;

  const when = !snap
    ? t('badge_no_data_yet')
    : stale
      ? stale.text
      : t('badge_updated', ageText(now - snap.computedAt, t));
  const summary = t(
    'badge_summary',
    stageLabel,
    !asi.known ? '?' : asiPartial ? `${asi.text} (${asiPartial.text})` : asi.text,
    dominance.known ? dominance.text : '?',
    russell.text,
    when,
  );
  return { stage, stageLabel, asi, asiPartial, dominance, russell, confirming, stale, summary };
}

export interface PanelLine {
  id: 'russell' | 'asi' | 'dominance';
  label: string;
  value: Cell;
  /** Set when the value is stale: shown beside it. */
  stale: StaleMark | null;
  /** The threshold the value is read against, in words. */
  threshold: string;
  /** A short qualifier: distance to the ATH, 30-day change… (empty when there is nothing to add). */
  note: string;
  spark: CompactSeries;
  /** Horizontal reference lines drawn on the sparkline (thresholds). */
  refs: number[];
  /** Fixed y-range (the ASI's 0..100), else the data's own. */
  domain: [number, number] | null;
  /** Days without a point that still count as continuous (weekends for the Russell). */
  maxGapDays: number;
  sparkLabel: string;
}

export interface PanelModel {
  stageLabel: string;
  /** Flags and setup, in words; empty when none. */
  flags: string[];
  lines: PanelLine[];
  reasons: string[];
  extras: { id: 'ethbtc' | 'fearGreed'; label: string; value: Cell; stale: StaleMark | null; note: string }[];
  sources: { id: SignalKey; label: string; text: string; stale: boolean }[];
  updated: string;
}

/** The coverage of a known ASI that counted fewer coins than its universe aims at (a partial refresh), else null. */
function partialCoverage(asi: Snapshot['evaluation']['asi'] | undefined): { counted: number; aimed: number } | null {
  const c = asi?.value != null ? asi.coverage : undefined;
  return c && Number.isFinite(c.counted) && Number.isFinite(c.aimed) && c.counted < c.aimed ? c : null;
}

export function panelModel(
  snap: Snapshot | null,
  t: Translate,
  now: number,
  settings?: StoredSettings,
  locale?: string,
): PanelModel {
  const s = settingsOr(settings);
  const e = snap?.evaluation;
  const ru = e?.russell;
  const refHigh = Number.isFinite(ru?.referenceHigh) ? ru!.referenceHigh : null;
  const [, , pivotLow, pivotHigh] = s.dominance.zones;
  const { btcSeasonMax, altseasonMin } = s.stage;
  const signed = (v: unknown) => fmtSigned(v, 1, locale);
  const change30 = (v: unknown, unit: string) => (signed(v) ? t('badge_change_30d', signed(v) + unit) : '');

  const line = (
    id: PanelLine['id'],
    spark: keyof Snapshot['sparklines'],
    digits: number,
    suffix: string,
    threshold: string,
    note: string,
    refs: number[],
    domain: PanelLine['domain'],
    maxGapDays: number,
  ): PanelLine => {
    const { label, value, stale } = markedCell(snap, id, t, now, s, locale, digits, suffix);
    const series = snap?.sparklines?.[spark];
    return {
      id,
      label,
      value,
      stale,
      threshold,
      note,
      spark: Array.isArray(series) ? series : [],
      refs,
      domain,
      maxGapDays,
      sparkLabel: t('badge_spark_label', label),
    };
  };

  const vsAth = signed(ru?.pctFromAth);
  const unknownAsi = e?.asi?.value === null ? (e.asi as AsiUnknown) : null;
  const asiWhy = unknownAsi && typeof unknownAsi.why === 'string' ? asiWhyText(unknownAsi, t, locale) : '';
  const asiPart = partialCoverage(e?.asi);
  const lines = [
    // Weekends and US holidays are not gaps in an index's history (4 days).
    line(
      'russell',
      'rut',
      2,
      '',
      t('badge_th_russell', fmtNumber(refHigh, 2, locale) ?? '?'),
      [russellMark(valueOf(snap, 'russell') === null ? null : ru!.state, t).text, vsAth && t('badge_vs_ath', vsAth)]
        .filter(Boolean)
        .join(' · '),
      refHigh === null ? [] : [refHigh],
      null,
      4,
    ),
    line(
      'asi',
      'asi',
      0,
      '',
      t('badge_th_asi', btcSeasonMax, altseasonMin),
      asiWhy || (asiPart ? t('badge_asi_part_note', asiPart.counted, asiPart.aimed) : ''),
      [btcSeasonMax, altseasonMin],
      [0, 100],
      1,
    ),
    line(
      'dominance',
      'dominance',
      1,
      '%',
      t('badge_th_dominance', pivotLow, pivotHigh),
      change30(e?.dominance?.change30, ` ${t('badge_points')}`),
      [pivotLow, pivotHigh],
      null,
      1,
    ),
  ];

  const fg = e?.fearGreed;
  const extras: PanelModel['extras'] = [
    { id: 'ethbtc', ...markedCell(snap, 'ethbtc', t, now, s, locale, 5), note: change30(e?.ethbtc?.change30Pct, '%') },
    {
      id: 'fearGreed',
      ...markedCell(snap, 'fearGreed', t, now, s, locale),
      note:
        valueOf(snap, 'fearGreed') !== null && oneOf(fg!.band, FG_BANDS)
          ? t(`badge_fg_${fg!.band.replace(/-/g, '_')}`)
          : '',
    },
  ];

  const sources = SIGNALS.map((k) => {
    const f = freshness(snap, k, now, s);
    return {
      id: k,
      label: sigLabel(k, t),
      text: f
        ? t('badge_source_line', f.source, fmtDay(f.asOf, locale), dayAgeText(f.ageDays, t)) +
          (f.stale ? ` · ${t('badge_stale_word')}` : '')
        : t('badge_source_none'),
      stale: !!f?.stale,
    };
  });

  const flags = FLAGS.filter((f) => Array.isArray(e?.phase.flags) && e.phase.flags.includes(f)).map((f) =>
    t(`badge_flag_${f.replace(/-/g, '_')}`),
  );
  if (e?.phase.setup?.state === 'yes') flags.push(t('badge_setup'));

  return {
    stageLabel: t(stageKey(e?.phase.stage ?? 'unknown')),
    flags,
    lines,
    reasons: (e?.phase.reasons ?? []).map((r) => reasonText(r, t, locale)).filter((x) => typeof x === 'string' && x),
    extras,
    sources,
    updated: snap ? t('badge_updated', ageText(now - snap.computedAt, t)) : '',
  };
}
