/** `npm run golden`: rewrites test/golden/out from the current code (see cases.ts). */
import { mkdirSync } from 'node:fs';
import { cliCases, cliOutput, coldStartSnapshot, GOLDEN_DIR, pool, writeGolden } from './cases';

mkdirSync(GOLDEN_DIR, { recursive: true });
const cases = cliCases();
await pool(cases, 2, async (c) => writeGolden(c.name, await cliOutput(c)));
writeGolden('cold-start-snapshot', await coldStartSnapshot());
console.log(`golden: ${cases.length + 1} files in ${GOLDEN_DIR}`);
