/**
 * Rewrites lib/evidence/history.json from the shipped data (the popup's history of the thesis):
 *   npx tsx test/unit/evidence/record-history.ts
 * history.test.ts fails until it is re-recorded after a change to the data or the computation.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'prettier';
import { historyOf } from '../../../lib/evidence/history';
import { REPO_ROOT } from '../../support/paths';
import { shippedReport } from './shipped';

const file = join(REPO_ROOT, 'lib/evidence/history.json');
const text = await format(JSON.stringify(historyOf(shippedReport())), { parser: 'json', printWidth: 120 });
writeFileSync(file, text);
console.log(`history: ${text.length} characters in ${file}`);
