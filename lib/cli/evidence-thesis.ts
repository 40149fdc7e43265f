import type { ClaimOutcome } from '../evidence/claims';
import { MACD_MONTHS, type MacdCrossRow } from '../evidence/dominance-macd';
import { smallestP } from '../evidence/permutation';
import { sampleOf } from '../evidence/small-sample';
import type { BaseRate, ClaimFamily, ClaimSpec, ClaimTest } from '../evidence/thesis';
import type { ThesisReport } from '../evidence/thesis-report';
import type { BreakoutVerdict } from '../evidence/thesis-summary';
import type { Stats } from '../evidence/types';
import type { Day } from '../series/types';

/*
 * The thesis section of `regime evidence` as text (for a terminal and for docs/EVIDENCE.md): the
 * 30-second summary, each claim after each breakout beside every day with data, the controls, other
 * markets and the dominance MACD crosses. Every statistic carries its n; below 5 events, the events.
 */

const sign = (x: number, s: string) => `${x > 0 && Number(s) !== 0 ? '+' : ''}${s === '-0.0' ? '0.0' : s}`;
export const pct = (v: number) => `${sign(v, (v * 100).toFixed(1))}%`;
export const pts = (v: number) => `${sign(v, v.toFixed(1))} pts`;
/** A share (0..1) as a percentage, without a sign. */
const pc = (v: number) => `${(v * 100).toFixed(1)}%`;
const share = (held: number, n: number) => (n ? `${held} of ${n} (${((held / n) * 100).toFixed(1)}%)` : 'none of 0');
/** "1 breakout", "3 breakouts". */
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const p3 = (p: number) => p.toFixed(3);
/** A source without its file name, for the summary. */
const short = (source: string) => source.replace(/ \([^()]*\)$/, '');

export function claimLabel(s: ClaimSpec): string {
  switch (s.family) {
    case 'asi':
      return `ASI ≥ ${s.threshold} on some day ${s.lo === 1 ? `within ${s.hi}` : `${s.lo}–${s.hi}`} days after`;
    case 'dominance':
      return `BTC dominance ${s.threshold} points or more below the day's within ${s.hi} days`;
    case 'total3':
      return `TOTAL3 +${s.threshold * 100}% or more ${s.hi} days after (the claim: +200 to +400%)`;
  }
}

/** One outcome in words: what was measured, when, and whether the claim held. */
export function outcomeText(family: ClaimFamily, o: ClaimOutcome): string {
  if (o.status !== 'known') return `${o.status}: ${o.why}`;
  const yes = o.held ? 'held' : 'not';
  switch (family) {
    case 'asi':
      return `${yes}: peak ${o.value} on ${o.at}`;
    case 'dominance':
      return o.held
        ? `${yes}: fell ${(-o.value).toFixed(1)} pts (lowest on ${o.at})`
        : `${yes}: lowest ${pts(o.value)} (${o.at})${o.extra === undefined ? '' : `, ${pts(o.extra)} at the end`}`;
    case 'total3':
      return `${yes}: ${pct(o.value)} (to ${o.at})${o.extra === undefined ? '' : `, highest ${pct(o.extra)}`}`;
  }
}

function baseText(b: BaseRate, hi: number, family: ClaimFamily): string[] {
  if (b.n === 0) return ['Every day with data: none (no series holds a whole window).'];
  const out = [
    `Every day with data: held on ${share(b.held, b.n)} days, ${b.first ?? '—'}..${b.last ?? '—'}` +
      (b.interval
        ? `; 95% block-bootstrap interval ${pc(b.interval.lo)} to ${pc(b.interval.hi)} ` +
          `(blocks of ${b.interval.block} days, ${b.interval.resamples} resamples)`
        : '') +
      `. The days span ${b.windows} windows of ${hi} days: at most that many independent observations.`,
  ];
  if (b.bySource.length > 1)
    out.push(
      'By series: ' +
        b.bySource.map((s) => `${short(s.source)} ${share(s.held, s.n)}, ${s.first}..${s.last}`).join('; ') +
        '.',
    );
  const v = b.value;
  if (v.n)
    out.push(
      `Measured value on those days: n ${v.n}, median ${valueText(family, v.median!)}, middle half ` +
        `${valueText(family, v.p25!)} to ${valueText(family, v.p75!)}.`,
    );
  return out;
}

const valueText = (family: ClaimFamily, v: number) =>
  family === 'total3' ? pct(v) : family === 'dominance' ? pts(v) : v.toFixed(0);

function claimText(c: ClaimTest): string[] {
  const out = [`${c.spec.id}: ${claimLabel(c.spec)}`];
  for (const e of c.events) out.push(`  ${e.date}  ${outcomeText(c.spec.family, e.outcome)}${src(e.outcome)}`);
  out.push(
    `  Breakouts: held after ${c.held} of ${c.known} with data` +
      (c.pending ? `, ${c.pending} pending` : '') +
      (c.unknown ? `, ${c.unknown} without data` : '') +
      '.',
  );
  for (const line of baseText(c.base, c.spec.hi, c.spec.family)) out.push(`  ${line}`);
  const p = c.permutation;
  out.push(
    p
      ? `  Placebo dates: ${p.permutations} sets of ${p.k} random days from those ${p.pool}; as many held or more ` +
          `in p = ${p3(p.p)} of them (one-sided, seed ${p.seed}). Even had all ${p.k} held, p could not go below ` +
          `${p3(smallestP(p.k, c.base.n, c.base.held))}.`
      : '  Placebo dates: no test (no breakout with data).',
  );
  return out;
}

const src = (o: ClaimOutcome) => (o.status === 'known' ? ` · ${o.source}` : '');

const FAMILY_WORDS: Record<ClaimFamily, string> = {
  asi: 'ASI ≥ 75',
  dominance: 'dominance −10 pts',
  total3: 'TOTAL3 +200%',
};

function verdictLine(v: BreakoutVerdict, claims: ClaimTest[]): string {
  const word = { held: 'held', part: 'held in part', not: 'did not hold', pending: 'not known yet' }[v.verdict];
  const at = (id: string) => claims.find((c) => c.spec.id === id)?.events.find((e) => e.date === v.date)?.outcome;
  const parts: string[] = [];
  const a = v.families.asi;
  parts.push(
    a.status === 'known'
      ? a.held
        ? `altcoin season came (ASI ${a.value} on ${a.at}, ${short(a.source)})`
        : `no altcoin season (ASI peak ${a.value} on ${a.at}, ${short(a.source)})`
      : a.status === 'pending'
        ? 'altcoin season not known yet'
        : 'no ASI data',
  );
  const d = v.families.dominance;
  parts.push(
    d.status === 'known'
      ? d.held
        ? `BTC dominance fell ${(-d.value).toFixed(1)} points (lowest on ${d.at})`
        : `BTC dominance did not fall 10 points (its lowest: ${pts(d.value)} from the day's level)`
      : d.status === 'pending'
        ? 'BTC dominance not known yet'
        : 'no BTC dominance data',
  );
  const t = [90, 180].map((h) => {
    const o = at(`total3-${h}`);
    return o?.status === 'known' ? `${pct(o.value)} in ${h} days` : `${o?.status ?? 'unknown'} at ${h} days`;
  });
  parts.push(`TOTAL3 ${t.join(', ')}`);
  const text = parts.join('; ');
  return `${v.date}: ${word}. ${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The plain-words summary a trader reads first. */
export function summaryText(r: ThesisReport): string[] {
  const s = r.summary;
  const claims = s.claims;
  const out = [
    'In 30 seconds (computed from the data below; it describes the past, it does not predict and is not advice):',
  ];
  out.push(
    '- The claim: after a Russell 2000 breakout, altcoin season (ASI ≥ 75) within 90–180 days, BTC dominance ' +
      'down 10 points within 180 days, and altcoin market cap (TOTAL3) up 200–400% in 3–6 months.',
  );
  out.push(
    `- ${s.breakouts.length} Russell 2000 breakouts from ${s.russell.first} to ${s.russell.last} ` +
      `(a record close after at least ${s.baseDays} trading days without one): ` +
      `${s.breakouts.join(', ') || 'none'}. Crypto data reaches ` +
      (s.judged.length ? `${s.judged.length}: ${s.judged.map((j) => j.date).join(', ')}.` : 'none of them.'),
  );
  for (const v of s.judged) out.push(`- ${verdictLine(v, claims)}`);
  const rate = (id: string) => {
    const c = claims.find((x) => x.spec.id === id);
    return c && c.base.n ? `${((c.base.held / c.base.n) * 100).toFixed(1)}% of ${c.base.n} days` : 'no days with data';
  };
  out.push(
    `- On any day with data the same happened too: altcoin season within 90–180 days on ${rate('asi')}, a 10-point ` +
      `dominance fall within 180 days on ${rate('dominance')}, TOTAL3 +200% within 90 days on ${rate('total3-90')} ` +
      `and within 180 on ${rate('total3-180')}.`,
  );
  const ps = claims.map((c) => `${c.spec.id} ${c.permutation ? p3(c.permutation.p) : '—'} (${c.held} of ${c.known})`);
  const perms = claims.find((c) => c.permutation)?.permutation?.permutations;
  const k = Math.max(0, ...claims.map((c) => c.known));
  out.push(
    perms
      ? `- Placebo dates (${perms} sets of random days per claim): p = ${ps.join(', ')}. With ` +
          `${plural(k, 'breakout')} or fewer, no test can tell this thesis from chance.`
      : '- Placebo dates: no test (no breakout with data).',
  );
  if (s.macd && s.macd.bearish.length === 0)
    out.push('- Monthly MACD bearish crosses of BTC dominance: none in the data (the MACD needs 34 month-ends).');
  else if (s.macd)
    out.push(
      `- Monthly MACD bearish crosses of BTC dominance: ${s.macd.bearish.length} (${s.macd.bearish.join(', ')}); a ` +
        `10-point fall followed within 6 months after ${s.macd.fell.length} of ${s.macd.known}` +
        `${s.macd.fell.length ? ` (${s.macd.fell.join(', ')})` : ''}; after any month: ` +
        `${s.macd.base === null ? '—' : pc(s.macd.base)}; p = ${s.macd.p === null ? '—' : p3(s.macd.p)}.`,
    );
  out.push(`- Bottom line: ${bottomLine(r)}`);
  return out;
}

/** Where it held, where it did not, and whether the difference from any day could be chance. */
function bottomLine(r: ThesisReport): string {
  const s = r.summary;
  const by = (v: string) => s.judged.filter((j) => j.verdict === v).map((j) => j.date);
  const parts: string[] = [];
  const held = [...by('held'), ...by('part')];
  if (held.length)
    parts.push(`held after ${held.length} of the ${s.judged.length} breakouts with data (${held.join(', ')})`);
  if (by('not').length) parts.push(`did not hold after ${by('not').join(', ')}`);
  if (by('pending').length) parts.push(`is not known yet after ${by('pending').join(', ')}`);
  const tested = s.claims.filter((c) => c.permutation);
  const ps = tested.map((c) => c.permutation!.p);
  const k = Math.max(0, ...s.claims.map((c) => c.known));
  const range = Math.min(...ps) === Math.max(...ps) ? p3(ps[0]!) : `${p3(Math.min(...ps))} to ${p3(Math.max(...ps))}`;
  const least = tested.find((c) => c.permutation!.p === Math.min(...ps));
  const chance =
    ps.length === 0
      ? 'Nothing is tested.'
      : Math.min(...ps) >= 0.05
        ? `Random days did as well often enough (p ${range}) that ${plural(k, 'breakout')} cannot tell the ` +
          'thesis from chance.'
        : `The smallest p is ${p3(least!.permutation!.p)} (${least!.spec.id}), but ${ps.length} claims were ` +
          `tested on ${plural(k, 'breakout')}: one p as small comes by chance alone in up to ` +
          `${Math.min(100, ps.length * Math.min(...ps) * 100).toFixed(0)}% of such studies (Bonferroni).`;
  return `${parts.join('; ') || 'no breakout has data'}. ${chance}`;
}

function seriesText(r: ThesisReport): string[] {
  const t = r.thesis;
  const list = (f: ClaimFamily) =>
    t.series[f].length ? t.series[f].map((s) => `${s.source} ${s.first}..${s.last}`).join('; ') : 'none (unknown)';
  return [
    `Series (one per window, never joined): ASI: ${list('asi')}.`,
    `  BTC dominance: ${list('dominance')}.`,
    `  TOTAL3: ${list('total3')}.`,
    ...(r.missing.length ? [`  Not found in --macro: ${r.missing.join(', ')} (those series are unknown).`] : []),
    '  A window uses the series covering its start that starts latest: our ASI where it counts ≥ 80% of its',
    '  50 coins, else blockchaincenter.net; CMC TOTAL3 from its first day, CoinGecko before. Our ASI and any',
    "  base rate on it use today's coins (survivorship bias); the published series used the coins of their day.",
  ];
}

function sensitivityText(r: ThesisReport): string[] {
  const out = [
    'Sensitivity: base length × window. Within W days: ASI ≥ 75 and the dominance fall on any day in the first W,',
    'TOTAL3 +200% at +W. Each cell: held / known breakouts, the share of every day with data (n), placebo p.',
    `  ${'base'.padEnd(5)} ${'W'.padEnd(5)} ${'breakouts'.padEnd(10)} | ${(['asi', 'dominance', 'total3'] as const)
      .map((f) => FAMILY_WORDS[f].padEnd(31))
      .join(' | ')}`,
  ];
  for (const row of r.thesis.sensitivity) {
    const cells = row.claims.map((c) => {
      const base = c.base === null ? '—' : pc(c.base);
      return `${c.held}/${c.known}  ${base} (n ${c.baseN})  p ${c.p === null ? '—' : p3(c.p)}`.padEnd(31);
    });
    const head = [String(row.baseDays).padEnd(5), `${row.window} d`.padEnd(5), String(row.breakouts.length).padEnd(10)];
    out.push(`  ${head.join(' ')} | ${cells.join(' | ')}`);
  }
  const extra = r.thesis.sensitivity
    .map((row) => `${row.baseDays}: ${row.breakouts.join(', ')}`)
    .filter((v, i, a) => a.indexOf(v) === i);
  out.push(`  Breakouts per base length: ${extra.join('; ')}.`);
  return out;
}

function othersText(r: ThesisReport): string[] {
  const out = ["Other markets' record highs (the same rule and claims; never pooled with the Russell):"];
  if (r.thesis.others.length === 0) out.push('  none given (--market FILE).');
  for (const m of r.thesis.others) {
    out.push(
      `  ${m.name}: ${m.source}, ${m.first ?? '—'}..${m.last ?? '—'}; records are within these data only. ` +
        `Breakouts (base ≥ ${r.thesis.options.baseDays}): ` +
        `${m.breakouts.map((b) => `${b.date} (base ${b.baseDays} days)`).join(', ') || 'none'}.`,
    );
    for (const b of m.breakouts)
      for (const e of m.events) {
        const o = e.outcomes.find((x) => x.date === b.date)!.outcome;
        out.push(`    ${b.date}  ${e.spec.id}: ${outcomeText(e.spec.family, o)}${src(o)}`);
      }
    out.push(
      `    ${plural(m.breakouts.length, 'event')} in ${m.first?.slice(0, 4)}–${m.last?.slice(0, 4)}: ` +
        'enough to show what followed, not to estimate a rate or test it.',
    );
  }
  return out;
}

const statsOrEvents = (s: Stats, rows: MacdCrossRow[], k: number, fmt: (v: number) => string) => {
  const v = sampleOf(
    rows.flatMap((c) => (c.change[k as 3 | 6] === null ? [] : [{ date: c.month, value: c.change[k as 3 | 6]! }])),
  );
  return v.kind === 'stats'
    ? `n ${s.n}, median ${fmt(v.median)} (middle half ${fmt(v.p25)} to ${fmt(v.p75)})`
    : `n ${v.n}: ${v.events.map((e) => `${e.date} ${fmt(e.value)}`).join(', ') || 'none'}`;
};

function macdText(r: ThesisReport): string[] {
  const m = r.macd;
  if (!m) return ['BTC dominance MACD: no BTC dominance series (unknown).'];
  const bear = m.crosses.filter((c) => c.type === 'bearish');
  const rule = `${m.rule.fast}, ${m.rule.slow}, ${m.rule.signal}`;
  const join = m.join
    ? ` (joined: on the ${m.join.days} days both have they differ by at most ${m.join.maxAbsDiff?.toFixed(3)} points)`
    : '';
  const out = [
    `BTC dominance: monthly MACD (${rule}) bearish crosses on month-end values of ${m.source}${join}.`,
    `  The MACD needs ${m.rule.slow + m.rule.signal - 1} month-ends: first value ${m.rule.firstMonth ?? '—'}, ` +
      `last complete month ${m.rule.lastMonth ?? '—'}.`,
    `  ${'month'.padEnd(8)} ${'value'.padStart(6)} ${MACD_MONTHS.map((k) => `+${k} mo`.padStart(10)).join(' ')}` +
      '   lowest within 6 months',
  ];
  for (const c of bear) {
    const after = MACD_MONTHS.map((k) => (c.change[k] === null ? 'pending' : pts(c.change[k]!)).padStart(10));
    out.push(
      `  ${c.month.padEnd(8)} ${c.value.toFixed(1).padStart(6)} ${after.join(' ')}   ` +
        outcomeText('dominance', c.fall),
    );
  }
  for (const k of MACD_MONTHS) {
    const s = m.bearish.change[k];
    out.push(
      `  +${k} months: bearish crosses ${statsOrEvents(s.events, bear, k, pts)}; every month n ${s.base.n}, median ` +
        `${s.base.median === null ? '—' : pts(s.base.median)}.`,
    );
  }
  const f = m.bearish.fall;
  const iv = f.base.interval;
  out.push(
    `  Fell ≥ 10 points within 6 months: after ${f.held} of ${f.known} bearish crosses; after any month ` +
      `${share(f.base.held, f.base.n)}` +
      (iv ? `, 95% block-bootstrap interval ${pc(iv.lo)} to ${pc(iv.hi)} (blocks of ${iv.block} months)` : '') +
      '.',
  );
  const p = m.bearish.permutation;
  if (p)
    out.push(
      `  Placebo months: ${p.permutations} sets of ${p.k} random months from ${p.pool}; as many falls or more ` +
        `in p = ${p3(p.p)}.`,
    );
  const bull = m.crosses.filter((c) => c.type === 'bullish').map((c) => c.month);
  out.push(`  Bullish crosses, for completeness: ${bull.join(', ') || 'none'}.`);
  return out;
}

/** The whole thesis section. */
export function thesisText(r: ThesisReport): string {
  const t = r.thesis;
  return [
    ...summaryText(r),
    '',
    'The thesis as stated, after each Russell 2000 breakout (a record close after ≥ ' +
      `${t.options.baseDays} trading days without one) · ${t.russell.source}, ${t.russell.first} to ` +
      `${t.russell.last} (${t.russell.closes} closes)`,
    ...seriesText(r),
    '',
    ...t.claims.flatMap((c) => [...claimText(c), '']),
    ...sensitivityText(r),
    '',
    ...othersText(r),
    '',
    ...macdText(r),
  ].join('\n');
}
