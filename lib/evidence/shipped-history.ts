import type { EvidenceHistory } from './history';
import data from './history.json';

/** The thesis on the shipped data, recorded by test/unit/evidence/record-history.ts (checked by history.test.ts). */
export const SHIPPED_HISTORY = data as unknown as EvidenceHistory;
