/**
 * Import direction (issue #14). Data flows up one way: series and indicators → sources → signals →
 * phase → engine → snapshot → views, with the shared Result type under all of them. An import
 * pointing back down that flow ties a lower layer to what runs it (lib/net once imported its helpers
 * from lib/sources, lib/phase the Signals type from lib/engine). The arrows are derived from LAYERS,
 * so extending the check to the whole tree means adding rows, not code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const LIB = join(ROOT, 'lib');

/**
 * Folders of lib/ in flow order, lowest first. A folder may import its own files and the folders of
 * earlier rows; folders in one row are peers and import neither each other nor anything later.
 * Every folder of lib/ is listed (a test below checks it); only the few files directly in lib/
 * (messages.ts, origins.ts, toolbar.ts) are not.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['core'],
  ['series'],
  ['settings'],
  ['indicators'],
  ['net'],
  ['sources'],
  ['signals'],
  ['phase'],
  ['engine'],
  ['snapshot'],
  ['cache'],
  ['refresh'],
  ['i18n', 'format'],
  ['charts', 'evidence', 'badge', 'alerts'],
  ['cli', 'platform'],
];

/** Every arrow the table forbids: from a folder to each peer and each folder of a later row. */
const FORBIDDEN: readonly { from: string; to: string }[] = LAYERS.flatMap((row, i) =>
  row.flatMap((from) =>
    LAYERS.slice(i)
      .flat()
      .filter((to) => to !== from)
      .map((to) => ({ from, to })),
  ),
);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** lib's top folder of a path under lib ('' for a file directly in lib/), or null outside lib. */
function folderOf(path: string): string | null {
  const rel = relative(LIB, path);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(/[\\/]/);
  const isDir = existsSync(path) && statSync(path).isDirectory(); // `from '../snapshot'` (its index)
  return parts.length > 1 || isDir ? parts[0]! : '';
}

/**
 * Each import of a lib file that lands in lib, as [from folder, to folder, file, specifier]. The
 * TypeScript scanner reads static, type-only, re-export and dynamic imports, never comments or strings.
 */
const ARROWS = tsFiles(LIB).flatMap((file) => {
  const from = folderOf(file)!;
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.flatMap(({ fileName: spec }) => {
    const target = spec.startsWith('.')
      ? resolve(dirname(file), spec)
      : spec.startsWith('@/lib/')
        ? join(LIB, spec.slice('@/lib/'.length))
        : null;
    const to = target === null ? null : folderOf(target);
    return to === null || to === from ? [] : [{ from, to, file: relative(ROOT, file), spec }];
  });
});

describe('import direction of lib/', () => {
  it('reads the imports: every folder of the table exists and imports or is imported', () => {
    for (const folder of LAYERS.flat()) {
      expect([folder, ARROWS.some((a) => a.from === folder || a.to === folder)]).toEqual([folder, true]);
    }
    // The scanner sees the arrows the flow relies on, so an empty scan cannot pass the checks below.
    expect(ARROWS.some((a) => a.from === 'engine' && a.to === 'phase')).toBe(true);
    expect(ARROWS.some((a) => a.from === 'sources' && a.to === 'core')).toBe(true);
  });

  it('lists every folder of lib/', () => {
    const folders = readdirSync(LIB, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual([...LAYERS.flat()].sort());
  });

  it.each(FORBIDDEN.map((f) => [`lib/${f.from} ↛ lib/${f.to}`, f] as const))('%s', (_, f) => {
    const found = ARROWS.filter((a) => a.from === f.from && a.to === f.to).map((a) => `${a.file}: '${a.spec}'`);
    expect(found).toEqual([]);
  });
});
