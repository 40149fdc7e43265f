import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../lib/settings/defaults';
import { BUILTIN_EXCLUDED_CATEGORIES, EXCLUDED_CATEGORIES } from '../../../lib/settings/exclusions';
import { CMC_EXCLUDED_TAGS, cmcExclusionTags } from '../../../lib/sources/cmc';
import { COINGECKO_EXCLUDED_CATEGORIES } from '../../../lib/sources/coingecko';

describe('exclusion categories, listed once', () => {
  it('the sources ask for the very lists the default setting is built from', () => {
    expect(COINGECKO_EXCLUDED_CATEGORIES).toBe(EXCLUDED_CATEGORIES.coingecko);
    expect(CMC_EXCLUDED_TAGS).toBe(EXCLUDED_CATEGORIES.cmc);
    expect(cmcExclusionTags({ tags: ['defi', ...EXCLUDED_CATEGORIES.cmc] })).toEqual([...EXCLUDED_CATEGORIES.cmc]);
  });

  it('the default holds every provider id once, CoinGecko ids first', () => {
    const all = [...EXCLUDED_CATEGORIES.coingecko, ...EXCLUDED_CATEGORIES.cmc];
    expect(new Set(BUILTIN_EXCLUDED_CATEGORIES)).toEqual(new Set(all));
    expect(new Set(BUILTIN_EXCLUDED_CATEGORIES).size).toBe(BUILTIN_EXCLUDED_CATEGORIES.length);
    expect(BUILTIN_EXCLUDED_CATEGORIES.slice(0, EXCLUDED_CATEGORIES.coingecko.length)).toEqual([
      ...EXCLUDED_CATEGORIES.coingecko,
    ]);
    expect(defaultSettings().asi.excludeCategories).toEqual([...BUILTIN_EXCLUDED_CATEGORIES]);
  });
});
