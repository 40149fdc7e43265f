import { FLAGS } from '../phase/flags';
import { fmt, variantOf, type Reason } from '../phase/reasons';
import { RUSSELL_WORDS } from '../phase/setup';
import { STAGE_LABELS } from '../phase/stage';
import type { TriState } from '../phase/tri';
import type { Evaluation } from '../engine/evaluate';
import type { HistoryDay } from '../engine/evaluate';
import type { AsiCoverage } from '../signals/asi';
import type { EtfAssetFlows, EtfFlowsSignal, EtfSum } from '../signals/etf-flows';
import { asiCrossCheck, type AsiCrossCheck } from '../signals/cross-check';
import type { Snapshot } from '../snapshot/types';

/**
 * The CLI's JSON: stable field names; an absent series is null, an unknown ASI has value null with why it is
 * unknown (`code`, `args`) and, once its universe was chosen, its coverage (else `counted` is null, not 0).
 */
export function toJson(e: Evaluation) {
  const a = e.asi;
  const asi =
    a === null
      ? null
      : a.value === null
        ? {
            value: null,
            why: a.why,
            code: a.code ?? null,
            args: a.args ?? [],
            asOf: a.asOf,
            counted: a.coverage?.counted ?? null,
            coverage: a.coverage ?? null,
            coins: a.coins ?? [],
            excluded: a.excluded,
          }
        : a;
  return {
    asOf: e.asOf,
    phase: e.phase,
    russell: e.russell,
    asi,
    dominance: e.dominance,
    ethbtc: e.ethbtc,
    fearGreed: e.fearGreed,
    total3: e.total3,
    // Absent from evaluations stored before ETF flows existed: unknown, like a missing file.
    etfFlows: e.etfFlows ?? null,
  };
}

const pct = (x: number | null | undefined, digits = 2) =>
  x == null ? 'unknown' : `${fmt(x, { sign: true, digits })}%`;
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
const age = (s: { asOf: string; ageDays: number; stale: boolean; source: string }) =>
  `as of ${s.asOf}${s.stale ? ` (not used: ${days(s.ageDays)} old)` : ''} · ${s.source}`;
const INPUTS: Record<string, string> = {
  asi: 'ASI',
  ethbtc: 'ETH/BTC',
  dominance: 'BTC dominance',
  fearGreed: 'Fear & Greed',
  russell: 'Russell 2000',
  stage: 'stage',
  hysteresis: 'hysteresis',
  etfFlows: 'ETF flows',
};
/** yes, no, or "unknown (needs BTC dominance)": never "no" for what cannot be told. */
const tri = (t: TriState) =>
  t.state === 'unknown' ? `unknown (needs ${t.missing.map((m) => INPUTS[m] ?? m).join(', ')})` : t.state;
/** The mark of a reason: it holds, it does not, or it could not be tested (unknown or stale input). */
const MARK = { pass: '✓', fail: '✗', unknown: '?', stale: '?' } as const;
const reasonLine = (r: Reason) =>
  `  ${MARK[variantOf(r)]} ${r.text}${r.source ? ` · ${r.source}` : ''}${r.asOf ? ` · ${r.asOf}` : ''}`;

/** `--live --json`: the evaluation, CoinMarketCap's index beside our ASI, every provider's status and errors. */
export function liveJson(snap: Snapshot, errors: string[]) {
  const crossCheck = asiCrossCheck(snap.crossCheck, snap.evaluation.asi);
  return { ...toJson(snap.evaluation), crossCheck, sources: snap.sources, errors };
}

/** `--live`: the summary with CoinMarketCap's index beside our ASI, then the source errors. */
export function liveText(snap: Snapshot, errors: string[]): string {
  const text = toText(snap.evaluation, 'live', asiCrossCheck(snap.crossCheck, snap.evaluation.asi));
  return errors.length ? [text, '', 'Source errors:', ...errors.map((e) => `  ${e}`)].join('\n') : text;
}

/** Which series files were given, to say "no file" apart from "no data up to this day". */
export type Present =
  | Partial<
      Record<
        'rut' | 'coins' | 'btcDominance' | 'ethbtc' | 'fearGreed' | 'total3' | 'etfFlowsBtc' | 'etfFlowsEth',
        boolean
      >
    >
  | 'live';

/**
 * A readable summary for a terminal. `crossCheck` (live only) is CoinMarketCap's index beside our ASI,
 * null when CoinMarketCap did not answer.
 */
export function toText(e: Evaluation, present: Present = {}, crossCheck?: AsiCrossCheck | null): string {
  const none = (key: string, file: string) =>
    present === 'live'
      ? 'unknown (no source answered; see the source errors)'
      : (present as Record<string, boolean>)[key]
        ? `unknown (no data on or before ${e.asOf})`
        : `unknown (no ${file})`;
  const p = e.phase;
  const out: string[] = [];
  out.push(`Regime Lens · as of ${e.asOf}`);
  const confirming = p.confirming
    ? ` (confirming ${STAGE_LABELS[p.confirming.stage]} ${p.confirming.count}/${p.confirming.of})`
    : '';
  out.push(`Stage: ${p.label} [${p.stage}]${confirming}`);
  out.push(`Flags: ${FLAGS.map((f) => `${f} ${tri(p.flagStates[f])}`).join(' · ')}`);
  out.push(`Setup (window to prepare, not advice): ${tri(p.setup)} · Russell 2000: ${RUSSELL_WORDS[p.macro]}`);
  if (p.thesis) out.push(`Thesis clock: ${p.thesis.text}`);
  const decisive = p.reasons.filter((r) => r.decisive);
  out.push('', 'Why:');
  for (const r of decisive) out.push(reasonLine(r));
  out.push('', 'All other rules:');
  for (const r of p.reasons) if (!r.decisive) out.push(reasonLine(r));
  out.push('', 'Signals:');
  const r = e.russell;
  out.push(
    r
      ? `  Russell 2000   ${fmt(r.close)} ${age(r)}\n                 ATH before it ` +
          `${r.ath === null ? 'unknown' : `${fmt(r.ath)} (${r.athDate})`}, ${pct(r.pctFromAth)} from ` +
          `ATH, ${RUSSELL_WORDS[r.state]}` +
          `, SMA${200} ${r.sma200 === null ? 'unknown' : fmt(r.sma200)}\n                 last ` +
          `breakout ` +
          `${r.lastBreakoutDate ?? 'none'}` +
          `${r.daysSinceBreakout !== null ? ` (${days(r.daysSinceBreakout)} ago)` : ''}` +
          `, weekly close ` +
          `${r.weeklyClose ? `${fmt(r.weeklyClose.close)} (${r.weeklyClose.date})` : 'unknown'} ` +
          `${r.weeklyConfirmed ? 'above' : 'not above'} ${fmt(r.referenceHigh)}`
      : `  Russell 2000   ${none('rut', 'rut.csv')}`,
  );
  const a = e.asi;
  if (a === null) out.push(`  ASI            ${none('coins', 'coins/')}`);
  else if (a.value === null) {
    out.push(`  ASI            unknown (${a.why})`);
    if (a.coverage) out.push(`                 ${coverageText(a.coverage)}; ${a.excluded.length} excluded`);
  } else {
    out.push(
      `  ASI            ${a.value} ${age(a)}\n                 ${a.beat} of ${a.counted} ` +
        `altcoins beat BTC's ${pct(a.btcReturn * 100)} over ${a.windowDays} days (from ${a.from}); ` +
        `universe: ${a.universe}; ${a.excluded.length} excluded`,
    );
    if (a.coverage) out.push(`                 ${coverageText(a.coverage)}`);
  }
  if (crossCheck !== undefined) out.push(`  CoinMarketCap  ${crossCheckText(crossCheck)}`);
  const d = e.dominance;
  out.push(
    d
      ? `  BTC dominance  ${fmt(d.value)}% ${age(d)}\n                 30 d ` +
          `${d.change30 === null ? 'unknown' : `${fmt(d.change30, { sign: true })} pts`}, 90 d ` +
          `${d.change90 === null ? 'unknown' : `${fmt(d.change90, { sign: true })} pts`}, zone ` +
          `${d.zone}, trend ${d.trend ?? 'unknown'}` +
          `, monthly MACD ` +
          `${d.macd?.lastCross ? `${d.macd.lastCross.type} cross ${d.macd.lastCross.month}` : ''}` +
          `${d.macd ? (d.macd.lastCross ? '' : 'no cross') : 'unknown (too few months)'}` +
          `${d.wedge ? `, rising wedge ${d.wedge.rising ? 'yes' : 'no'} (${wedgeBasis(d.wedge)})` : ''}`
      : `  BTC dominance  ${none('btcDominance', 'btc-dominance.csv')}`,
  );
  const eb = e.ethbtc;
  out.push(
    eb
      ? `  ETH/BTC        ${fmt(eb.value, { digits: 5 })} ${age(eb)}\n                 30 d ` +
          `${pct(eb.change30Pct)}, above SMA50 ${yn(eb.aboveSma50)}, above SMA200 ` +
          `${yn(eb.aboveSma200)}`
      : `  ETH/BTC        ${none('ethbtc', 'ethbtc.csv')}`,
  );
  const fg = e.fearGreed;
  out.push(
    fg
      ? `  Fear & Greed   ${fg.value} (${fg.band}) ${age(fg)}`
      : `  Fear & Greed   ${none('fearGreed', 'fear-greed.csv')}`,
  );
  const t = e.total3;
  out.push(
    t
      ? `  TOTAL3         ${fmt(t.value / 1e9)} bn USD ${age(t)}\n                 30 d ` +
          `${pct(t.change30Pct)} vs BTC ${pct(t.btcChange30Pct)}`
      : `  TOTAL3         ${none('total3', 'total3.csv')}`,
  );
  out.push(...etfFlowsText(e.etfFlows ?? null, none));
  return out.join('\n');
}

const usdM = (x: number | null) => (x === null ? 'unknown' : `${fmt(x, { sign: true, digits: 1 })} m USD`);

/** One asset's flows: last session, the two sums (or why unknown) and the streak. */
function assetText(a: EtfAssetFlows, short: number, long: number): string {
  const sum = (s: EtfSum, n: number) =>
    `${n} sessions ${usdM(s.value)}` +
    (s.value === null
      ? ` (no row for ${s.missing.join(', ')})`
      : s.sessions < n
        ? ` (${s.sessions} since listing)`
        : '');
  const st = a.streak;
  const streak =
    st.direction === null
      ? 'no streak (flat session)'
      : `${st.atLeast ? 'at least ' : ''}${st.sessions} ${st.sessions === 1 ? 'session' : 'sessions'} ` +
        `of ${st.direction}flow`;
  const last = `last ${usdM(a.last)} (${a.asOf}${a.stale ? `, not used: ${days(a.ageDays)} old` : ''})`;
  return `${last}, ${sum(a.short, short)}, ${sum(a.long, long)}, ${streak}`;
}

/** The ETF flows block: per asset, then the rotation (BTC's long sum out while ETH's is in). */
function etfFlowsText(f: EtfFlowsSignal | null, none: (key: string, file: string) => string): string[] {
  if (!f) return [`  ETF flows      ${none('etfFlowsBtc', 'etf-flows-btc.csv')}`];
  const asset = (label: string, a: EtfAssetFlows | null, file: string) =>
    `                 ${label} ${a ? assetText(a, f.shortSessions, f.longSessions) : `unknown (no ${file} data)`}`;
  return [
    `  ETF flows      US sessions, as of ${f.asOf}` +
      `${f.stale ? ` (not used: ${days(f.ageDays)} old)` : ''} · ${f.source}`,
    asset('BTC', f.btc, 'etf-flows-btc.csv'),
    asset('ETH', f.eth, 'etf-flows-eth.csv'),
    `                 rotation (BTC ${f.longSessions}-session sum < 0, ETH's > 0): ${yn(f.rotation)}`,
  ];
}

export function historyText(days: HistoryDay[]): string {
  return days
    .map(
      (d) =>
        `${d.date}  ${d.stage.padEnd(13)} ASI ${d.asi === null ? '  ?' : String(d.asi).padStart(3)}` +
        `  BTC.D ${d.dominance === null ? '    ?' : d.dominance.toFixed(1).padStart(5)}` +
        `  setup ${d.setup.padEnd(7)}` +
        (d.confirming ? `  confirming ${d.confirming.stage} ${d.confirming.count}/${d.confirming.of}` : '') +
        (d.held ? `  ${d.held.stage} held until ${d.held.until}` : ''),
    )
    .map((line) => line.trimEnd())
    .join('\n');
}

/** "28 as of 2025-09-18 (ours 31, -3), for comparison only": never mixed into our ASI. */
function crossCheckText(c: AsiCrossCheck | null): string {
  if (!c) return 'altcoin season index unknown (no value from CoinMarketCap)';
  const ours = c.ours === null ? 'ours unknown' : `ours ${c.ours}, ${fmt(c.diff!, { sign: true })}`;
  return `altcoin season index ${c.cmc} as of ${c.cmcAsOf} (${ours}), for comparison only`;
}

/** "counted 47 of 50 coins of the universe (94%; at least 80% needed)". */
function coverageText(c: AsiCoverage): string {
  const pct = `${fmt(Math.floor(c.pct))}%; at least ${fmt(c.minPct)}% needed`;
  return `counted ${c.counted} of ${c.aimed} coins of the universe (${pct})`;
}

/** How the wedge's weekly highs and lows were taken: from each ISO week's closes, a single one being both. */
function wedgeBasis(w: { weeks: number; singleCloseWeeks?: number }): string {
  const single = w.singleCloseWeeks ? `, ${w.singleCloseWeeks} with a single close` : '';
  return `highs and lows of each week's closes, ${w.weeks} weeks${single}`;
}

function yn(b: boolean | null): string {
  return b === null ? 'unknown' : b ? 'yes' : 'no';
}
