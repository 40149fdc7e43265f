/**
 * Thin entrypoints (issue #14): each file under entrypoints/ is at most 30 lines of wiring; what it wires
 * lives in lib/platform (extension APIs), lib/ (logic) and components/ (views), where it is tested.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/paths';

const MAX_LINES = 30;

const FILES = readdirSync(join(REPO_ROOT, 'entrypoints'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => `entrypoints/${f.replace(/\\/g, '/')}`)
  .sort();

/** Lines as an editor numbers them: a final newline does not start another. */
const lineCount = (text: string) => text.replace(/\n$/, '').split('\n').length;

describe('entrypoints', () => {
  it('finds the entrypoints', () => {
    expect(FILES).toEqual(expect.arrayContaining(['entrypoints/background.ts', 'entrypoints/options/main.tsx']));
  });

  it.each(FILES)(`%s is at most ${MAX_LINES} lines`, (file) => {
    expect(lineCount(readFileSync(join(REPO_ROOT, file), 'utf8'))).toBeLessThanOrEqual(MAX_LINES);
  });
});
