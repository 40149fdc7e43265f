/*
 * The badge view: everything the on-page badge and its panel show, translated and formatted by the worker, so
 * the content script paints it as it is (no engine, no i18n calls, no model on the trading page). Built from the
 * snapshot, the stored stage history and the settings, and stored in two parts (splitBadgeView): the pill's, read at
 * every page load, and the panel's (its lines, reasons and coin table, four fifths of the bytes), read when it opens.
 */
import { exclusionText, reasonText } from '../i18n/reason-text';
import type { Translate } from '../i18n/translate';
import { variantOf } from '../phase/reasons';
import { stageKey, type Stage } from '../phase/stage';
import { addDays } from '../series/dates';
import type { Day } from '../series/types';
import type { SiteId } from '../settings/defaults';
import type { StageHistory } from '../snapshot/stage-history';
import type { Snapshot } from '../snapshot/types';
import { coinStanding } from './coin';
import { etfFlowsLine } from './etf-line';
import { fmtDay, fmtSigned, type Cell } from './format';
import { badgeModel, oneOf, panelModel, STAGES, type StoredSettings } from './model';
import { sparkline } from './sparkline';
import { BADGE_VIEW_VERSION } from './view-read';
import { STAGE_ONPAGE } from './stage-style';
import { badgeOpacity, usableSnapshot, type SettingsLike } from './state';

/** Days in the badge's stage strip. */
export const STRIP_DAYS = 30;
/** The panel's sparkline box (px). */
export const SPARK_W = 96;
export const SPARK_H = 24;

/** The source charts a trader opens next, in a new tab. */
export const SOURCE_LINKS = [
  { id: 'rut', label: 'RUT 1W', href: 'https://www.tradingview.com/chart/?symbol=TVC%3ARUT&interval=1W' },
  { id: 'btcd', label: 'BTC.D 1M', href: 'https://www.tradingview.com/chart/?symbol=CRYPTOCAP%3ABTC.D&interval=1M' },
  { id: 'total3', label: 'TOTAL3', href: 'https://www.tradingview.com/chart/?symbol=CRYPTOCAP%3ATOTAL3' },
  { id: 'ethbtc', label: 'ETH/BTC', href: 'https://www.tradingview.com/chart/?symbol=BINANCE%3AETHBTC' },
  { id: 'cmc', label: 'CMC ASI', href: 'https://coinmarketcap.com/charts/altcoin-season-index/' },
  { id: 'bcc', label: 'Blockchaincenter ASI', href: 'https://www.blockchaincenter.net/en/altcoin-season-index/' },
] as const;

export interface ViewLine {
  id: 'russell' | 'asi' | 'dominance';
  label: string;
  value: Cell;
  /** Set when the value is stale: "stale 12 d" beside it, its date as the title; the value is demoted. */
  stale: { text: string; title: string } | null;
  /** Threshold and note in one line. */
  note: string;
  /** The 90-day sparkline as SVG path data (empty: no history), reference lines' y and the last point. */
  d: string;
  refs: number[];
  last: [number, number] | null;
  sparkLabel: string;
}

export interface BadgeView {
  v: typeof BADGE_VIEW_VERSION;
  /** When the worker built it (epoch ms) and when the snapshot was computed (null: no data). */
  builtAt: number;
  computedAt: number | null;
  stage: Stage;
  label: string;
  /** "12 d" in this stage, or empty when the history does not say. */
  days: string;
  daysTitle: string;
  asi: Cell;
  /** "48/50": the ASI counted fewer coins than aimed at (with its explanation), else null. */
  asiPartial: { text: string; title: string } | null;
  /** "▲ 3" / "▼ 2" / "= 0": the ASI's change over 7 days; empty when either end is unknown. */
  asi7: string;
  asi7Title: string;
  dom: Cell;
  russell: Cell;
  confirming: { text: string; title: string } | null;
  stale: { text: string; title: string } | null;
  summary: string;
  /** Sites the user switched off, and the badge's opacity (from settings). */
  off: SiteId[];
  opacity: number;
  /** The 30-day strip, oldest first: a stage per day from `stripFrom` on (coloured by `colors`, named by `names`). */
  strip: Stage[];
  stripFrom: Day | null;
  colors: Record<Stage, string>;
  names: Record<Stage, string>;
  stripLabel: string;
  panel: {
    flags: string[];
    lines: ViewLine[];
    extras: { id: 'ethbtc' | 'fearGreed'; label: string; value: Cell; stale: ViewLine['stale']; note: string }[];
    /** The decisive 2–3 reasons first; the rest behind "All rules". */
    top: string[];
    more: string[];
    clock: string | null;
    links: { id: string; label: string; href: string }[];
    /** The ETF flows line (lib/badge/etf-line.ts), absent while the snapshot has no flows. */
    flows?: string;
  };
  /**
   * The coin on screen, as a table the page fills its line from: the ranked coins' return against BTC and rank
   * (of `of`), the excluded coins' index into `why`, and the lines' templates (%1 the symbol, then the rest).
   */
  coins: {
    ranked: Record<string, [pct: string, rank: string]>;
    of: number;
    rankedLine: string;
    excluded: Record<string, number>;
    why: string[];
    outLine: string;
    other: string;
    btc: string;
  };
  /** Fixed strings of the page UI and age templates ("$1 min"). */
  text: Record<
    | 'expand'
    | 'collapse'
    | 'dragHint'
    | 'close'
    | 'details'
    | 'sparkEmpty'
    | 'allRules'
    | 'reasons'
    | 'links'
    | 'updated'
    | 'ageNow'
    | 'ageMin'
    | 'ageH'
    | 'ageD'
    | 'coinLabel'
    | 'asi'
    | 'dom',
    string
  >;
}

/** What the collapsed badge (the pill) shows: the item read at every page load (KEYS.view). */
export type BadgePill = Omit<BadgeView, 'panel' | 'coins'>;

/** What only the open panel shows: read when the user opens it (KEYS.panel); built and stored with its pill. */
export type BadgePanelPart = Pick<BadgeView, 'v' | 'builtAt' | 'panel' | 'coins'>;

/** The two stored parts of a view; `{ ...pill, ...part }` is the view again. */
export function splitBadgeView(view: BadgeView): { pill: BadgePill; part: BadgePanelPart } {
  const { panel, coins, ...pill } = view;
  return { pill, part: { v: view.v, builtAt: view.builtAt, panel, coins } };
}

export interface BadgeViewInput {
  snapshot: unknown;
  history: StageHistory | null | undefined;
  settings: SettingsLike | null | undefined;
  t: Translate;
  locale?: string;
  now: number;
  flows?: string | null;
}

const ORDINAL = { one: 'badge_ord_one', two: 'badge_ord_two', few: 'badge_ord_few', other: 'badge_ord_other' };

/** "7th" in English, the number as is where the language has no ordinal suffix (its message wraps it). */
function ordinal(n: number, t: Translate, locale?: string): string {
  let rule = 'other';
  try {
    rule = new Intl.PluralRules(locale ?? 'en', { type: 'ordinal' }).select(n);
  } catch {
    // An unknown locale: the plain form.
  }
  return t(ORDINAL[oneOf(rule, ['one', 'two', 'few'] as const) ?? 'other'], n);
}

/** Days the last stage of the history has held, counting back from its last day. */
export function daysInStage(h: StageHistory | null | undefined, stage: Stage): number | null {
  const days = h?.days;
  if (!days?.length || days[days.length - 1]!.stage !== stage) return null;
  let n = 0;
  for (let i = days.length - 1; i >= 0 && days[i]!.stage === stage; i--) n++;
  return n;
}

/** The ASI's change over 7 days from the history (the day 7 days before the last one), or null. */
export function asiChange7(h: StageHistory | null | undefined): number | null {
  const days = h?.days;
  const last = days?.[days.length - 1];
  if (!last || last.asi === null) return null;
  const before = days!.find((d) => d.date === addDays(last.date, -7));
  return before && before.asi !== null ? last.asi - before.asi : null;
}

export function buildBadgeView(x: BadgeViewInput): BadgeView {
  const { t, locale, now } = x;
  const snap = usableSnapshot(x.snapshot);
  const s = x.settings as StoredSettings;
  const m = badgeModel(snap, t, now, s, locale);
  const p = panelModel(snap, t, now, s, locale);
  const e = snap?.evaluation;
  const today = e?.today ?? null;
  // The history is only this snapshot's when it ends on the snapshot's day.
  const h = x.history && today && x.history.days.at(-1)?.date === today ? x.history : null;
  // The ETF flows line (#16): given by the caller, or from the snapshot's flows; none without flows.
  const flows = x.flows !== undefined ? x.flows : etfFlowsLine(e?.etfFlows, t, locale);

  const held = daysInStage(h, m.stage);
  const since = held === null ? null : h!.days[h!.days.length - held]!.date;
  const ch = asiChange7(h);
  const asi7 = ch === null ? '' : `${ch > 0 ? '▲' : ch < 0 ? '▼' : '='} ${Math.abs(Math.round(ch))}`;

  const byDay = new Map((h?.days ?? []).map((d) => [d.date, d.stage]));
  const strip: Stage[] = [];
  const stripFrom = h && today ? addDays(today, 1 - STRIP_DAYS) : null;
  // A day missing from the history shows as unknown, never as its neighbour's stage.
  if (stripFrom)
    for (let i = 0; i < STRIP_DAYS; i++) strip.push(oneOf(byDay.get(addDays(stripFrom, i)), STAGES) ?? 'unknown');
  // A history without any of these days says nothing: no strip rather than a grey one.
  if (strip.every((st) => st === 'unknown')) strip.length = 0;

  const lines: ViewLine[] = p.lines.map((l) => {
    const sp = sparkline(l.spark, {
      width: SPARK_W,
      height: SPARK_H,
      end: today ?? '1970-01-01',
      refs: l.refs,
      domain: l.domain,
      maxGapDays: l.maxGapDays,
    });
    return {
      id: l.id,
      label: l.label,
      value: l.value,
      stale: l.stale,
      note: [l.threshold, l.note].filter(Boolean).join(' · '),
      ...sp,
      sparkLabel: l.sparkLabel,
    };
  });

  const reasons = (e?.phase.reasons ?? []).map((r) => ({
    decisive: r.decisive === true,
    pass: r.passed === true,
    text: `${{ pass: '✓', fail: '✗', unknown: '?', stale: '?' }[variantOf(r)]} ${reasonText(r, t, locale)}`,
  }));
  // What holds first (the stage's own rule), then what ruled the others out.
  const decisive = reasons
    .filter((r) => r.decisive)
    .sort((a, b) => Number(b.pass) - Number(a.pass))
    .slice(0, 3);
  const top = decisive.length ? decisive : reasons.slice(0, 2);
  const more = reasons.filter((r) => !top.includes(r)).map((r) => r.text);

  // The thesis clock in one line: the window ahead, day N of it, or its verdict.
  const w = e?.phase.thesis?.window;
  const f = e?.phase.thesis?.figures;
  const peak =
    f?.peakAsi == null
      ? t('popup_thesis_peak_unknown')
      : t('popup_thesis_peak', f.peakAsi, fmtDay(f.peakDate!, locale));
  const season = t(`popup_thesis_altseason_${f?.altseason == null ? 'unknown' : f.altseason ? 'yes' : 'no'}`);
  const clock = !w
    ? null
    : w.status === 'before'
      ? t('badge_clock_before', fmtDay(w.breakout, locale), w.from - w.day)
      : w.status === 'open'
        ? t('badge_clock_open', w.day, w.from, w.to, fmtDay(w.breakout, locale), peak)
        : t('badge_clock_closed', fmtDay(w.breakout, locale), fmtDay(w.closes, locale), peak, season);

  // The coin on screen: every symbol the ASI counted or left out today, as a compact table with its templates.
  const asi = e?.asi;
  const ranked: Record<string, [string, string]> = {};
  const excluded: Record<string, number> = {};
  const why: string[] = [];
  const whyIndex = (text: string) => (why.includes(text) ? why.indexOf(text) : why.push(text) - 1);
  // Read defensively: a stored snapshot may be of another shape (a number where the ASI was, a list of junk).
  const known =
    asi && typeof asi.value === 'number' && Array.isArray(asi.coins) && Number.isFinite(asi.btcReturn) ? asi : null;
  for (const c of known?.coins ?? []) {
    if (typeof c?.symbol !== 'string' || !Number.isFinite(c.return)) continue;
    const st = coinStanding(c.symbol.toUpperCase(), known);
    if (st.kind === 'ranked')
      ranked[st.symbol] = [`${fmtSigned(st.vsBtcPct, 0, locale)} %`, ordinal(st.rank, t, locale)];
  }
  for (const xc of Array.isArray(asi?.excluded) ? asi.excluded : [])
    if (typeof xc?.symbol === 'string') excluded[xc.symbol.toUpperCase()] ??= whyIndex(exclusionText(xc, t, locale));
  // A stablecoin the data never listed is still excluded as one: the settings' list says so.
  const list = (x.settings as { asi?: { excludeSymbols?: unknown } } | null)?.asi?.excludeSymbols;
  for (const sym of Array.isArray(list) ? list : [])
    if (typeof sym === 'string') excluded[sym.toUpperCase()] ??= whyIndex(t('reason_p_excl_exclusion_list'));
  const other = !known
    ? t('badge_coin_unknown', '%1')
    : t('badge_coin_out', '%1', t('reason_p_excl_outside_top_n', known.topN));

  const sites = (x.settings as { sites?: Record<string, unknown> } | null)?.sites;
  return {
    v: BADGE_VIEW_VERSION,
    builtAt: now,
    computedAt: snap?.computedAt ?? null,
    stage: m.stage,
    label: m.stageLabel,
    days: held === null ? '' : t('badge_age_d', held),
    daysTitle: since === null ? '' : t('badge_days_title', m.stageLabel, fmtDay(since, locale), held!),
    asi: m.asi,
    asiPartial: m.asiPartial,
    asi7,
    asi7Title: asi7 ? t('badge_asi7_title', asi7) : '',
    dom: m.dominance,
    russell: m.russell,
    confirming: m.confirming,
    stale: m.stale,
    summary: m.summary,
    off: sites ? (Object.keys(sites).filter((k) => sites[k] === false) as SiteId[]) : [],
    opacity: badgeOpacity(x.settings),
    strip,
    stripFrom,
    colors: STAGE_ONPAGE,
    names: Object.fromEntries(STAGES.map((st) => [st, t(stageKey(st))])) as Record<Stage, string>,
    stripLabel: t('badge_strip_label', STRIP_DAYS),
    panel: {
      flags: p.flags,
      lines,
      extras: p.extras,
      top: top.map((r) => r.text),
      more,
      clock,
      links: SOURCE_LINKS.map((l) => ({ ...l })),
      ...(flows ? { flows } : {}),
    },
    coins: {
      ranked,
      of: known?.coins.length ?? 0,
      rankedLine: t('badge_coin_ranked', '%1', '%2', '%3', '%4'),
      excluded,
      why,
      outLine: t('badge_coin_out', '%1', '%2'),
      other,
      btc: t('badge_coin_btc'),
    },
    text: {
      expand: t('badge_expand', m.stageLabel),
      collapse: t('badge_collapse'),
      dragHint: t('badge_drag_hint'),
      close: t('badge_close'),
      details: t('badge_details'),
      sparkEmpty: t('badge_spark_empty'),
      allRules: t('badge_all_rules', more.length),
      reasons: t('badge_reasons'),
      links: t('badge_links'),
      updated: t('badge_updated', '%1'),
      ageNow: t('badge_age_now'),
      ageMin: t('badge_age_min', '%1'),
      ageH: t('badge_age_h', '%1'),
      ageD: t('badge_age_d', '%1'),
      coinLabel: t('badge_coin_label'),
      asi: t('badge_asi'),
      dom: t('badge_dom'),
    },
  };
}
