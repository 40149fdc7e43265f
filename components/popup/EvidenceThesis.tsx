import { Fragment } from 'preact';
import type { ClaimOutcome } from '@/lib/evidence/claims';
import type { EvidenceHistory } from '@/lib/evidence/history';
import type { ClaimFamily, ClaimTest } from '@/lib/evidence/thesis';
import { thesisSummary, type BreakoutVerdict } from '@/lib/evidence/thesis-summary';
import { UNKNOWN } from '@/lib/format/format';
import type { ViewCtx } from './context';

/** i18n keys of the verdicts (literal, so the locale test finds them). */
const VERDICT_KEYS: Record<BreakoutVerdict['verdict'], string> = {
  held: 'evidence_thesis_verdict_held',
  part: 'evidence_thesis_verdict_part',
  not: 'evidence_thesis_verdict_not',
  pending: 'evidence_thesis_verdict_pending',
};
const MISSING_KEYS = {
  asi: { pending: 'evidence_thesis_asi_pending', unknown: 'evidence_thesis_asi_unknown' },
  dominance: { pending: 'evidence_thesis_dom_pending', unknown: 'evidence_thesis_dom_unknown' },
} as const;
const COLUMN_KEYS: Record<string, string> = {
  asi: 'evidence_thesis_col_asi',
  dominance: 'evidence_thesis_col_dominance',
  'total3-90': 'evidence_thesis_col_total3_90',
  'total3-180': 'evidence_thesis_col_total3_180',
};

/**
 * The thesis as traders state it, on the shipped data (docs/EVIDENCE.md): the 30-second summary and
 * the table of each breakout, beside every day with data and the placebo p. Computed once by the CLI
 * from the published series; labelled as such.
 */
export function EvidenceThesis({ history: h, ctx }: { history: EvidenceHistory; ctx: ViewCtx }) {
  const { t, f } = ctx;
  const s = thesisSummary(h.thesis, h.macd);
  const claim = (id: string) => s.claims.find((c) => c.spec.id === id);
  const outcomeAt = (id: string, date: string) => claim(id)?.events.find((e) => e.date === date)?.outcome;
  /** A source as a trader reads it: our own ASI by name, a published series by its provider. */
  const source = (src: string) =>
    src.startsWith('our ASI') ? t('evidence_thesis_src_own') : src.replace(/ \([^()]*\)$/, '');
  const pct = (v: number) => f.fraction(v, 1);
  const share = (c: ClaimTest | undefined) =>
    c && c.base.n ? t('evidence_thesis_share', f.percent((c.base.held / c.base.n) * 100, 1), c.base.n) : UNKNOWN;

  const familyText = (v: BreakoutVerdict, fam: ClaimFamily) => {
    const o = v.families[fam];
    if (fam === 'total3') {
      const at = (hz: number) => {
        const x = outcomeAt(`total3-${hz}`, v.date);
        return x?.status === 'known' ? pct(x.value) : x?.status === 'pending' ? t('evidence_pending') : UNKNOWN;
      };
      return t('evidence_thesis_total3', at(90), at(180));
    }
    if (o.status !== 'known') return t(MISSING_KEYS[fam === 'asi' ? 'asi' : 'dominance'][o.status]);
    if (fam === 'asi')
      return o.held
        ? t('evidence_thesis_asi_held', o.value, f.day(o.at), source(o.source))
        : t('evidence_thesis_asi_not', o.value, source(o.source));
    return o.held
      ? t('evidence_thesis_dom_held', f.number(-o.value, 1))
      : t('evidence_thesis_dom_not', f.signed(o.value, 1));
  };

  const familiesText = (v: BreakoutVerdict) =>
    (['asi', 'dominance', 'total3'] as ClaimFamily[]).map((fam) => familyText(v, fam)).join('; ');
  /** The details follow a full stop: a capital where the script has one. */
  const capital = (x: string) => x.charAt(0).toLocaleUpperCase(f.locale) + x.slice(1);

  const cell = (id: string, o: ClaimOutcome | undefined) => {
    if (!o || o.status !== 'known')
      return (
        <td class="r muted" data-status={o?.status ?? 'unknown'} title={o?.why}>
          {o?.status === 'pending' ? t('evidence_pending') : UNKNOWN}
        </td>
      );
    const value = id === 'asi' ? f.number(o.value, 0) : id === 'dominance' ? f.signed(o.value, 1) : pct(o.value);
    return (
      <td class="r num" data-status="known" data-held={String(o.held)} title={`${source(o.source)} · ${f.day(o.at)}`}>
        {t(o.held ? 'evidence_thesis_yes' : 'evidence_thesis_no', value)}
      </td>
    );
  };

  const ps = s.claims.flatMap((c) => (c.permutation ? [c.permutation.p] : []));
  const perms = s.claims.find((c) => c.permutation)?.permutation;
  const k = Math.max(0, ...s.claims.map((c) => c.known));
  // Never "too few to tell" beside a small p: then the chance of one that small among the claims tested.
  const chance = !ps.length
    ? null
    : Math.min(...ps) >= 0.05
      ? t(
          'evidence_thesis_chance',
          Math.min(...ps).toFixed(3),
          Math.max(...ps).toFixed(3),
          f.number(perms!.permutations),
        )
      : t(
          'evidence_thesis_chance_small',
          Math.min(...ps).toFixed(3),
          ps.length,
          k,
          f.percent(Math.min(100, ps.length * Math.min(...ps) * 100), 0),
        );
  return (
    <section class="evidence-thesis" data-testid="evidence-thesis">
      <h3>{t('evidence_thesis_title')}</h3>
      <ul class="small" data-testid="evidence-thesis-summary">
        <li>
          {t(
            'evidence_thesis_breakouts',
            s.breakouts.length,
            f.day(s.russell.first),
            f.day(s.russell.last),
            s.judged.length,
            s.judged.map((v) => f.day(v.date)).join(', ') || UNKNOWN,
          )}
        </li>
        {s.judged.map((v) => (
          <li key={v.date} data-verdict={v.verdict} data-date={v.date}>
            {t(VERDICT_KEYS[v.verdict], f.day(v.date))} {capital(familiesText(v))}
          </li>
        ))}
        <li>{t('evidence_thesis_base', share(claim('asi')), share(claim('dominance')), share(claim('total3-180')))}</li>
        {chance ? <li data-testid="evidence-thesis-chance">{chance}</li> : null}
        {s.macd ? (
          <li data-testid="evidence-thesis-macd">
            {t(
              'evidence_thesis_macd',
              s.macd.bearish.length,
              s.macd.bearish.map((m) => f.month(m)).join(', ') || UNKNOWN,
              s.macd.fell.length,
              s.macd.known,
              s.macd.base === null ? UNKNOWN : f.percent(s.macd.base * 100, 0),
            )}
          </li>
        ) : null}
      </ul>

      <table class="small" data-testid="evidence-thesis-table">
        <caption>{t('evidence_thesis_table_caption', h.thesis.options.baseDays)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evidence_thesis_col_breakout')}</th>
            {s.claims.map((c) => (
              <th key={c.spec.id} scope="col" class="r">
                {t(COLUMN_KEYS[c.spec.id] ?? c.spec.id)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {h.thesis.breakouts.map((b) => (
            <tr key={b.date} data-breakout={b.date}>
              <th scope="row">{f.day(b.date)}</th>
              {s.claims.map((c) => (
                <Fragment key={c.spec.id}>{cell(c.spec.id, c.events.find((e) => e.date === b.date)?.outcome)}</Fragment>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-row="base">
            <th scope="row">{t('evidence_thesis_row_base')}</th>
            {s.claims.map((c) => (
              <td key={c.spec.id} class="r num muted">
                {share(c)}
              </td>
            ))}
          </tr>
          <tr data-row="p">
            <th scope="row">{t('evidence_thesis_row_p')}</th>
            {s.claims.map((c) => (
              <td key={c.spec.id} class="r num muted">
                {c.permutation ? t('evidence_thesis_p', c.permutation.p.toFixed(3), c.held, c.known) : UNKNOWN}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      <p class="small muted">
        {t('evidence_thesis_note', f.number(perms?.permutations ?? 0), f.number(h.thesis.options.resamples))}{' '}
        {t(
          'evidence_thesis_sources',
          (['asi', 'dominance', 'total3'] as ClaimFamily[])
            .flatMap((fam) =>
              h.thesis.series[fam].map((x) => `${source(x.source)} ${x.first.slice(0, 4)}–${x.last.slice(0, 4)}`),
            )
            .join(' · '),
        )}
      </p>
    </section>
  );
}
