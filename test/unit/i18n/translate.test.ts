import { describe, expect, it } from 'vitest';
import { makeTranslate } from '../../../lib/i18n/translate';

describe('makeTranslate', () => {
  const counted = () => {
    const calls: [string, string[] | undefined][] = [];
    const t = makeTranslate(
      (key, subs) => (calls.push([key, subs]), key === 'missing' ? '' : `${key}(${(subs ?? []).join(',')})`),
    );
    return { t, calls };
  };

  it('asks getMessage once per key and arguments (numbers as strings), then answers from memory', () => {
    const { t, calls } = counted();
    expect(t('badge_asi')).toBe('badge_asi()');
    expect(t('badge_asi')).toBe('badge_asi()');
    expect(t('badge_age_min', 3)).toBe('badge_age_min(3)');
    expect(t('badge_age_min', '3')).toBe('badge_age_min(3)');
    expect(t('badge_age_min', 4)).toBe('badge_age_min(4)');
    expect(calls).toEqual([
      ['badge_asi', []],
      ['badge_age_min', ['3']],
      ['badge_age_min', ['4']],
    ]);
  });

  it('keeps arguments apart (no collisions between a key with and without them) and remembers the fallback', () => {
    const { t, calls } = counted();
    expect(t('a', 'b')).toBe('a(b)');
    expect(t('a', 'b', '')).toBe('a(b,)');
    expect(t('a')).toBe('a()');
    expect(t('missing')).toBe('missing');
    expect(t('missing')).toBe('missing');
    expect(calls.length).toBe(4);
  });

  it('stays bounded: past 500 entries it starts over (and still answers right)', () => {
    const { t, calls } = counted();
    for (let i = 0; i < 1200; i++) expect(t('badge_age_min', i)).toBe(`badge_age_min(${i})`);
    expect(t('badge_age_min', 1199)).toBe('badge_age_min(1199)');
    expect(calls.length).toBe(1200);
  });
});
