/**
 * Behaviour pinned byte for byte across structural changes: the CLI's JSON on both shipped series folders and the
 * snapshot a cold start stores. A deliberate change of behaviour re-records them (`npm run golden`) in its own commit.
 */
import { describe, expect, it } from 'vitest';
import { cliCases, cliOutput, coldStartSnapshot, pool, readGolden } from '../../golden/cases';

describe('goldens', () => {
  it('the CLI prints exactly the recorded JSON (history and 12 as-of days, on series and series-full)', async () => {
    const cases = cliCases();
    const outputs = await pool(cases, 2, cliOutput);
    const differ = cases.filter((c, i) => outputs[i] !== readGolden(c.name)).map((c) => c.name);
    expect(differ).toEqual([]);
  }, 600_000);

  it('a cold start against the emulator stores exactly the recorded snapshot', async () => {
    expect(await coldStartSnapshot()).toBe(readGolden('cold-start-snapshot'));
  }, 60_000);
});
