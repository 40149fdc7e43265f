/**
 * One rule, one place (issue #14): each copy the issue measured is gone, and this keeps it so. Each
 * check reads the source (comments stripped) of lib/, components/ and entrypoints/ and fails when a
 * second definition, a second writing of the expression or an upward import comes back.
 *
 * `duplicates --repo lib` and `duplicates --repo components` (min 6 lines) report only these pairs,
 * each intentional: same shape, different data, where a shared helper would hide which rule is which.
 * - phase/stage.ts (the two rotation legs) and phase/flags.ts: one `numericReason({ rule, signal,
 *   label, value, comparator, threshold, … })` literal per rule of SIGNALS.md §4, so each reason reads
 *   like the contract's line it implements.
 * - cli/args.ts ~ cli/evidence.ts: the `switch` over each command's own flags; the shared part, reading
 *   a flag's value, is `flagValue` in cli/args.ts.
 * - charts/from-cache.ts ~ evidence/from-cache.ts: the same signature (cache, universes, settings, today)
 *   then `engineSeries` and each one's own builder.
 * - phase/hysteresis.ts: the three reasons (confirming, held, hold) are three Reason literals.
 * - signals/ethbtc.ts ~ signals/total3.ts: the signature and the "latest point within its age" guard
 *   every signal opens with (`latestOf` is the shared part).
 * - sources/cmc.ts: the two answer shapes of the dominance endpoint, parsed field by field.
 * - platform/items.ts: one `lazyItem(() => storage.defineItem(...))` per storage item, each with its version.
 * - components: popup/Tiles.tsx (one <Tile> per signal), popup/Charts.tsx (one <ChartBox> per chart),
 *   popup/Evidence.tsx (header cells of its tables), options/Options.tsx (one fieldset per section) and
 *   shared/base.css (light and dark rule blocks): markup per item, the data differs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Source text without comments, so a comment naming a function is not a second copy of it. */
function code(path: string): string {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.JSX, text);
  let out = '';
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    if (k === ts.SyntaxKind.SingleLineCommentTrivia || k === ts.SyntaxKind.MultiLineCommentTrivia) continue;
    out += scanner.getTokenText();
  }
  return out;
}

const SOURCES = ['lib', 'components', 'entrypoints'].flatMap(files).map((p) => ({ path: p, code: code(p) }));

/** The files (relative paths) whose code matches `re`, each once per match. */
function where(re: RegExp): string[] {
  return SOURCES.flatMap((f) => [...f.code.matchAll(new RegExp(re.source, 'g'))].map(() => f.path));
}

const imports = (path: string) =>
  ts.preProcessFile(readFileSync(join(ROOT, path), 'utf8'), true, true).importedFiles.map((i) => i.fileName);

describe('one rule, one place', () => {
  it('the stage table is written once: its rows and the function reading them', () => {
    expect(where(/\bASI_ROWS\s*:/)).toEqual(['lib/phase/stage.ts']);
    expect(where(/function\s+stageOf\b/)).toEqual(['lib/phase/stage.ts']);
    expect(where(/\bstageFromRules\b/)).toEqual([]);
  });

  it('hysteresis (margin, confirmation, hold, missed-day replay) lives in lib/phase/hysteresis.ts', () => {
    // Outside the schema that declares them and the migration that moves an old default.
    const uses = (re: RegExp) => where(re).filter((p) => !/^lib\/settings\//.test(p));
    expect(new Set(uses(/\bmarginPoints\b/))).toEqual(new Set(['lib/phase/hysteresis.ts']));
    expect(new Set(uses(/\bconfirmDays\b/))).toEqual(new Set(['lib/phase/hysteresis.ts']));
    expect(new Set(uses(/\bholdDays\b/))).toEqual(new Set(['lib/phase/hysteresis.ts']));
    expect(where(/function\s+(replayMissedDays|classifyStage|hysteresisReasons|stepHysteresis)\b/)).toEqual(
      Array(4).fill('lib/phase/hysteresis.ts'),
    );
  });

  it('one ASI history function, used by the snapshot, the charts and the evidence', () => {
    expect(where(/function\s+asiHistory\b/)).toEqual(['lib/signals/asi-history.ts']);
    for (const user of ['lib/snapshot/build.ts', 'lib/charts/build.ts', 'lib/evidence/asi-path.ts'])
      expect(imports(user), user).toContain('../signals/asi-history');
  });

  it('the exclusion categories are listed once', () => {
    for (const slug of ['stablecoins', 'wrapped-tokens', 'liquid-staking-tokens', 'tokenized-gold'])
      expect(new Set(where(new RegExp(`['"]${slug}['"]`))), slug).toEqual(new Set(['lib/settings/exclusions.ts']));
  });

  it('the fallback order comes from the chain table; no view imports the refresh run for it', () => {
    expect(where(/\bPREFERENCE\s*[:=]/)).toEqual(['lib/cache/chains.ts']);
    expect(where(/\bSOURCES_TAB\s*=/)).toEqual(['lib/cache/chains.ts']);
    const runImporters = SOURCES.filter((f) => imports(f.path).some((s) => /refresh\/run$/.test(s))).map((f) => f.path);
    // Only what runs a refresh: the worker, the store that persists its result, the live CLI.
    expect(runImporters.sort()).toEqual(['lib/cli/live.ts', 'lib/platform/store.ts', 'lib/platform/worker.ts']);
  });

  it('toSeriesSet(cache, …, PREFERENCE, sourceFreshness(…)) is written once', () => {
    expect(where(/\btoSeriesSet\s*\(/)).toEqual(['lib/cache/series-set.ts', 'lib/cache/series-set.ts']);
    expect(where(/\bsourceFreshness\s*\(/).filter((p) => p !== 'lib/cache/freshness.ts')).toEqual([
      'lib/cache/series-set.ts',
    ]);
  });

  it('settingsOrDefaults and stageKey are each defined once', () => {
    expect(where(/function\s+settingsOrDefaults\b|\bsettingsOrDefaults\s*=/)).toEqual(['lib/settings/validate.ts']);
    expect(where(/function\s+stageKey\b|\bstageKey\s*=/)).toEqual(['lib/phase/stage.ts']);
    // No other writing of the key's shape.
    expect(where(/[`'"]stage_\$\{/)).toEqual(['lib/phase/stage.ts']);
  });
});
