/**
 * The popup's history of the thesis (lib/evidence/history.json) is exactly what the computation gives
 * on the shipped data today: recomputed here, compared whole. Re-record with
 * `npx tsx test/unit/evidence/record-history.ts` after changing either.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_COMMAND, historyOf } from '../../../lib/evidence/history';
import { REPO_ROOT } from '../../support/paths';
import { SHIPPED_ARGS, shippedReport } from './shipped';

describe('lib/evidence/history.json', () => {
  it('equals the thesis recomputed from the shipped data, by the command it names', () => {
    const stored = JSON.parse(readFileSync(join(REPO_ROOT, 'lib/evidence/history.json'), 'utf8'));
    expect(stored).toEqual(JSON.parse(JSON.stringify(historyOf(shippedReport()))));
    expect(HISTORY_COMMAND).toBe(`npm run regime -- evidence ${SHIPPED_ARGS.join(' ')}`);
    expect(stored.thesis.breakouts).toHaveLength(6);
  }, 60_000);
});
