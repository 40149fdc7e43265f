/**
 * Runs the test suite as of a pinned date: `npm run test:as-of -- 2026-11-26[T22:30:00Z] [vitest args…]`.
 * Node, vitest's workers and every Chromium the end-to-end tests launch run on libfaketime's clock, moved to
 * that instant (a date alone means 12:00 UTC). `npm run test:dates [-- vitest args…]` runs it for every date of
 * the matrix in test/support/clock.ts and prints one line per date.
 */
import { spawnSync } from 'node:child_process';
import { DATE_MATRIX, faketimeAvailable, faketimeEnv, LIBFAKETIME } from './support/clock';

function parseInstant(arg: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(arg) ? `${arg}T12:00:00Z` : arg;
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(arg) || !Number.isFinite(ms)) {
    console.error(`test:as-of: "${arg}" is not a date (YYYY-MM-DD) or an ISO instant (2026-11-27T22:30:00Z)`);
    process.exit(2);
  }
  return ms;
}

function runAsOf(atMs: number, vitestArgs: string[]): number {
  const env = { ...process.env, ...faketimeEnv(atMs), REGIME_AS_OF: new Date(atMs).toISOString() };
  const r = spawnSync('npx', ['vitest', 'run', ...vitestArgs], { env, stdio: 'inherit' });
  return r.status ?? 1;
}

if (!faketimeAvailable()) {
  console.error(`test:as-of: libfaketime not found at ${LIBFAKETIME} (apt-get install faketime, or set LIBFAKETIME)`);
  process.exit(2);
}
const [first, ...rest] = process.argv.slice(2);
if (first === '--matrix') {
  const results = DATE_MATRIX.map((d) => {
    console.log(`\n=== as of ${d.at} (${d.label}) ===`);
    return { ...d, code: runAsOf(Date.parse(d.at), rest) };
  });
  console.log('\nSuite as of each pinned date:');
  for (const r of results) console.log(`  ${r.code === 0 ? 'pass' : 'FAIL'}  ${r.at}  ${r.label}`);
  process.exit(results.every((r) => r.code === 0) ? 0 : 1);
} else if (!first) {
  console.error('usage: npm run test:as-of -- YYYY-MM-DD[THH:MM:SSZ] [vitest args…]  |  npm run test:dates');
  process.exit(2);
} else {
  process.exit(runAsOf(parseInstant(first), rest));
}
