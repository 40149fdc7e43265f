/**
 * `npm run lint:lines` (scripts/long-lines.ts): the rule .ci/run checks next to Prettier, which never wraps a
 * comment or a string.
 */
import { describe, expect, it } from 'vitest';
import { longLines, MAX_COLUMNS } from '../../../scripts/long-lines';

describe('lint:lines', () => {
  it('reports each line over 120 characters with its number and length, and nothing at 120', () => {
    const text = ['a'.repeat(MAX_COLUMNS), '// ' + 'b'.repeat(MAX_COLUMNS), 'ok'].join('\n');
    expect(longLines('x.ts', text)).toEqual([{ file: 'x.ts', line: 2, length: MAX_COLUMNS + 3 }]);
  });

  it('counts characters, not bytes: 120 Chinese characters fit', () => {
    expect(longLines('m.json', '事'.repeat(MAX_COLUMNS))).toEqual([]);
    expect(longLines('m.json', '事'.repeat(MAX_COLUMNS + 1))).toHaveLength(1);
  });

  it("leaves a test's title line whole, and only that", () => {
    const title = `  it('${'t'.repeat(MAX_COLUMNS)}', async () => {`;
    expect(longLines('x.test.ts', title)).toEqual([]);
    expect(longLines('x.test.ts', `  it.each(rows)('${'t'.repeat(MAX_COLUMNS)}', () => {`)).toEqual([]);
    expect(longLines('x.ts', `  const it = '${'t'.repeat(MAX_COLUMNS)}';`)).toHaveLength(1);
  });
});
