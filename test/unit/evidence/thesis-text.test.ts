/**
 * The plain-words summary the CLI prints first (and docs/EVIDENCE.md opens with): each breakout's
 * verdict in words, the base rates with their n, and a bottom line that never calls a small sample
 * evidence: its wording follows the p-values, checked here on the shipped data and on made-up ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { summaryText } from '../../../lib/cli/evidence-thesis';
import { thesisReport, type ThesisReport } from '../../../lib/evidence/thesis-report';
import { defaultSettings } from '../../../lib/settings/defaults';
import { realSeries } from '../../support/fixtures';
import { shippedReport } from './shipped';

let r: ThesisReport;
beforeAll(() => {
  r = shippedReport();
}, 60_000);

/** The report with every placebo p replaced. */
const withPs = (ps: number[]): ThesisReport => {
  const claims = r.summary.claims.map((c, i) => ({
    ...c,
    permutation: c.permutation && { ...c.permutation, p: ps[i]! },
  }));
  return { ...r, summary: { ...r.summary, claims } };
};

describe('the 30-second summary', () => {
  it('says where the thesis held and where it did not, with each number beside its n', () => {
    const lines = summaryText(r);
    expect(lines[0]).toMatch(/^In 30 seconds/);
    expect(lines.find((l) => l.startsWith('- 2020-11-13'))).toBe(
      "- 2020-11-13: held. Altcoin season came (ASI 98 on 2021-04-16, blockchaincenter.net's published 90-day ASI); " +
        'BTC dominance fell 20.0 points (lowest on 2021-05-10); TOTAL3 +208.6% in 90 days, +777.1% in 180 days.',
    );
    expect(lines.find((l) => l.startsWith('- 2025-09-18'))).toMatch(
      new RegExp(
        '^- 2025-09-18: did not hold\\. No altcoin season \\(ASI peak 39 on 2026-01-08, our ASI .*' +
          'TOTAL3 -27\\.5% in 90 days, -35\\.6% in 180 days\\.$',
      ),
    );
    expect(lines.find((l) => l.startsWith('- On any day'))).toContain('on 19.7% of 4553 days');
    expect(lines.at(-1)).toBe(
      '- Bottom line: held after 2 of the 3 breakouts with data (2016-11-14, 2020-11-13); did not hold after ' +
        '2025-09-18. Random days did as well often enough (p 0.053 to 0.615) that 3 breakouts cannot tell the ' +
        'thesis from chance.',
    );
  });

  it('a p under 0.05 among four claims comes with the chance of one that small (Bonferroni: 4 × 0.01 = 4 %)', () => {
    expect(summaryText(withPs([0.5, 0.01, 0.2, 0.3])).at(-1)).toContain(
      'The smallest p is 0.010 (dominance), but 4 claims were tested on 3 breakouts: one p as small comes by ' +
        'chance alone in up to 4% of such studies (Bonferroni).',
    );
  });

  it('with Russell closes and nothing else: no outcome, no test, and it says so', () => {
    const bare = thesisReport({ rut: realSeries().rut }, null, [], defaultSettings())!;
    const lines = summaryText(bare);
    expect(lines[2]).toMatch(/2020-11-13, 2025-09-18\. Crypto data reaches none of them\.$/);
    expect(lines).toContain('- Placebo dates: no test (no breakout with data).');
    expect(lines.at(-1)).toBe('- Bottom line: no breakout has data. Nothing is tested.');
    expect(bare.macd).toBeNull();
  });
});
