/**
 * Module headers (issue #14): each folder's main file opens with 2–5 lines on its place in the flow
 * (provider → cache → engine → snapshot → storage → views), in the manner of uBlock Origin's module
 * headers, so a reader landing in any folder knows where its data comes from and where it goes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

/**
 * The main file of each folder whose main file is neither `index.ts` nor named for the folder. A new
 * lib folder needs one of the three, or the test below fails.
 */
const MAIN: Record<string, string> = {
  'lib/alerts': 'detect.ts',
  'lib/badge': 'model.ts',
  'lib/cache': 'chains.ts',
  'lib/charts': 'build.ts',
  'lib/cli': 'regime.ts',
  'lib/core': 'result.ts',
  'lib/engine': 'evaluate.ts',
  'lib/evidence': 'compute.ts',
  'lib/i18n': 'translate.ts',
  'lib/indicators': 'ema.ts',
  'lib/net': 'http.ts',
  'lib/phase': 'stage.ts',
  'lib/platform': 'worker.ts',
  'lib/refresh': 'run.ts',
  'lib/series': 'types.ts',
  'lib/settings': 'schema.ts',
  'lib/snapshot': 'build.ts',
  'lib/sources': 'providers.ts',
  'components/badge': 'page.ts',
  'components/options': 'Options.tsx',
  // The popup's views share this file; Popup.tsx is the root view.
  'components/popup': 'context.ts',
  'components/shared': 'theme.ts',
};

/** Entrypoint files, each its own main file. */
const ENTRYPOINTS = [
  'entrypoints/background.ts',
  'entrypoints/options/main.tsx',
  'entrypoints/popup/main.tsx',
  'entrypoints/badge.content/index.ts',
];

const folders = (dir: string) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'messages')
    .map((e) => `${dir}/${e.name}`);

function mainFile(folder: string): string | null {
  const candidates = [MAIN[folder], 'index.ts', `${basename(folder)}.ts`].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(join(ROOT, folder, c)));
  return found ? `${folder}/${found}` : null;
}

/** The header's text lines when the file opens with a block comment, else null. */
function header(path: string): string[] | null {
  const m = /^\/\*\*?\n((?: \*.*\n)*?) \*\/\n/.exec(readFileSync(join(ROOT, path), 'utf8'));
  return m ? m[1]!.trimEnd().split('\n') : null;
}

describe('module headers', () => {
  const targets = [...[...folders('lib'), ...folders('components')], ...ENTRYPOINTS.map((e) => ({ entry: e }))];

  it.each(targets.map((t) => [typeof t === 'string' ? t : t.entry]))(
    '%s: its main file opens with 2–5 lines on its place in the flow',
    (target) => {
      const file = target.startsWith('entrypoints/') ? target : mainFile(target);
      expect(file, `${target} has no main file: add index.ts, ${basename(target)}.ts or a row in MAIN`).not.toBe(null);
      const lines = header(file!);
      expect(lines, `${file} does not open with a /* … */ header`).not.toBe(null);
      expect(lines!.length, `${file}: header of ${lines!.length} lines`).toBeGreaterThanOrEqual(2);
      expect(lines!.length, `${file}: header of ${lines!.length} lines`).toBeLessThanOrEqual(5);
      // Its place in the flow: at least one arrow of provider → cache → engine → snapshot → storage → views.
      expect(lines!.join(' '), `${file}: the header does not place it in the flow`).toMatch(/\w+ → \w+/);
    },
  );

  it('every entrypoint file is checked', () => {
    const all = readdirSync(join(ROOT, 'entrypoints'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /(^background\.ts|main\.tsx|index\.tsx?)$/.test(f))
      .map((f) => `entrypoints/${f}`);
    expect(all.filter((f) => !ENTRYPOINTS.includes(f))).toEqual([]);
  });
});
