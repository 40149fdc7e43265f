/**
 * `npm run lint:lines`: lists every line over 120 characters in the code (.ts, .tsx, .css, .json, .js, .mjs)
 * and exits 1 when there is one. Prettier keeps code within 120 columns but never wraps a comment or a
 * string; this catches those. Not checked: dependencies, build output, recorded fixtures, generated files
 * and the docs' prose; and test titles (`it('…', …)`), kept whole so the README's "file › title" greps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const MAX_COLUMNS = 120;

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSIONS = /\.(ts|tsx|css|json|js|mjs|cjs|mts)$/;
/** Not code, or not written by hand: paths relative to the repository, folders ending in `/`. */
const SKIP = [
  'node_modules/',
  '.output/',
  '.wxt/',
  '.git/',
  'docs/',
  'test/fixtures/',
  'test/golden/out/',
  'test/support/emulator/certs/',
  'package-lock.json',
  // Written by `npm run regime -- evidence --json` and compared with it by test/unit/evidence/history.test.ts.
  'lib/evidence/history.json',
];
/** A test's title line: the title is one string, so a search for it finds it. */
const TITLE = /^\s*(it|test|describe)(\.\w+(\([^)]*\))?)*\(\s*['"`]/;

export interface LongLine {
  file: string;
  line: number;
  length: number;
}

/** The lines over the limit in one file's text (test titles excepted). */
export function longLines(file: string, text: string, max = MAX_COLUMNS): LongLine[] {
  return text.split('\n').flatMap((l, i) =>
    // Characters, not UTF-16 units or bytes: a CJK character counts one.
    [...l].length > max && !TITLE.test(l) ? [{ file, line: i + 1, length: [...l].length }] : [],
  );
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    const rel = relative(ROOT, path) + (e.isDirectory() ? '/' : '');
    if (SKIP.some((s) => (s.endsWith('/') ? rel.startsWith(s) : rel === s))) return [];
    if (e.isDirectory()) return files(path);
    return EXTENSIONS.test(e.name) ? [path] : [];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = files(ROOT).flatMap((f) => longLines(relative(ROOT, f), readFileSync(f, 'utf8')));
  for (const l of found) console.log(`${l.file}:${l.line}: ${l.length} characters`);
  if (found.length > 0) {
    console.error(`${found.length} lines over ${MAX_COLUMNS} characters`);
    process.exit(1);
  }
  console.log(`no line over ${MAX_COLUMNS} characters`);
}
