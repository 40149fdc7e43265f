import type { Day } from '../series/types';
import type { ClaimOutcome } from './claims';
import type { DominanceMacdResult } from './dominance-macd';
import type { ClaimFamily, ClaimTest, ThesisResult } from './thesis';

/** Held: every claim known held; part: some did; not: none did; pending: nothing known yet. */
export type Verdict = 'held' | 'part' | 'not' | 'pending';

export interface BreakoutVerdict {
  date: Day;
  verdict: Verdict;
  /** One outcome per family; TOTAL3's is its 3-month or its 6-month rise, whichever held. */
  families: Record<ClaimFamily, ClaimOutcome>;
}

export interface ThesisSummary {
  russell: { first: Day; last: Day };
  baseDays: number;
  breakouts: Day[];
  /** Breakouts after which some claim is known or pending, and those before every series began. */
  judged: BreakoutVerdict[];
  beforeData: Day[];
  claims: ClaimTest[];
  macd: { bearish: string[]; fell: string[]; known: number; base: number | null; p: number | null } | null;
}

/** TOTAL3's two horizons as one claim ("in the 3–6 months after"): held if either rise reached the threshold. */
export function eitherHorizon(a: ClaimOutcome, b: ClaimOutcome): ClaimOutcome {
  for (const o of [a, b]) if (o.status === 'known' && o.held) return o;
  if (a.status === 'known' && b.status === 'known') return b;
  if (a.status === 'pending' || b.status === 'pending') return a.status === 'pending' ? a : b;
  return a.status === 'known' ? a : b.status === 'known' ? b : a;
}

export function verdictOf(outcomes: readonly ClaimOutcome[]): Verdict | null {
  const known = outcomes.filter((o) => o.status === 'known');
  if (known.length === 0) return outcomes.some((o) => o.status === 'pending') ? 'pending' : null;
  const held = known.filter((o) => o.held).length;
  return held === known.length ? 'held' : held === 0 ? 'not' : 'part';
}

/** The 30-second reading of the thesis result: per breakout what held, and how often it holds anyway. */
export function thesisSummary(t: ThesisResult, macd: DominanceMacdResult | null): ThesisSummary {
  const byId = new Map(t.claims.map((c) => [c.spec.id, c]));
  const at = (id: string, date: Day): ClaimOutcome =>
    byId.get(id)?.events.find((e) => e.date === date)?.outcome ?? { status: 'unknown', why: 'not tested' };
  const judged: BreakoutVerdict[] = [];
  const beforeData: Day[] = [];
  for (const e of t.breakouts) {
    const families: Record<ClaimFamily, ClaimOutcome> = {
      asi: at('asi', e.date),
      dominance: at('dominance', e.date),
      total3: eitherHorizon(at('total3-90', e.date), at('total3-180', e.date)),
    };
    const verdict = verdictOf(Object.values(families));
    if (verdict) judged.push({ date: e.date, verdict, families });
    else beforeData.push(e.date);
  }
  const bearish = macd?.crosses.filter((c) => c.type === 'bearish') ?? [];
  return {
    russell: { first: t.russell.first, last: t.russell.last },
    baseDays: t.options.baseDays,
    breakouts: t.breakouts.map((e) => e.date),
    judged,
    beforeData,
    claims: t.claims,
    macd: macd
      ? {
          bearish: bearish.map((c) => c.month),
          fell: bearish.filter((c) => c.fall.status === 'known' && c.fall.held).map((c) => c.month),
          known: macd.bearish.fall.known,
          base: macd.bearish.fall.base.n ? macd.bearish.fall.base.held / macd.bearish.fall.base.n : null,
          p: macd.bearish.permutation?.p ?? null,
        }
      : null,
  };
}
