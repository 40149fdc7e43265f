/**
 * The settings schema (lib/settings/schema.ts) is the one place a setting is written: the Settings type,
 * the defaults, the validation and the options form are derived from it. A small fixture schema (the real
 * one plus one threshold) shows that one entry is enough for each of them.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defaultSettings, defaultsOf } from '../../../lib/settings/defaults';
import {
  SETTINGS_SCHEMA,
  specsOf,
  valueAt,
  type AsiPresetId,
  type SchemaGroup,
  type Settings,
  type SiteId,
  type ValueOf,
} from '../../../lib/settings/schema';

/** The real schema plus one new threshold, as a later change would add it. */
const FIXTURE = {
  ...SETTINGS_SCHEMA,
  stage: {
    ...SETTINGS_SCHEMA.stage,
    etfFlowDays: { kind: 'int', default: 5, min: 1, max: 30, unit: 'days' },
  },
} as const satisfies SchemaGroup;
type Fixture = ValueOf<typeof FIXTURE>;

/** Every leaf of a plain value with its dotted path (arrays are leaves). */
function leaves(o: unknown, p = '', out: [string, unknown][] = []): [string, unknown][] {
  if (o && typeof o === 'object' && !Array.isArray(o))
    for (const [k, v] of Object.entries(o)) leaves(v, p ? `${p}.${k}` : k, out);
  else out.push([p, o]);
  return out;
}

describe('the Settings type, derived from the schema', () => {
  it('stays a precise nested type', () => {
    expectTypeOf<Settings['version']>().toEqualTypeOf<2>();
    expectTypeOf<Settings['dominance']['zones']>().toEqualTypeOf<[number, number, number, number]>();
    expectTypeOf<Settings['asi']['preset']>().toEqualTypeOf<AsiPresetId>();
    expectTypeOf<Settings['asi']['excludeSymbols']>().toEqualTypeOf<string[]>();
    expectTypeOf<Settings['alerts']['asiLevels']>().toEqualTypeOf<number[]>();
    expectTypeOf<Settings['sites']>().toEqualTypeOf<Record<SiteId, boolean>>();
    expectTypeOf<Settings['stage']['altseasonMin']>().toEqualTypeOf<number>();
    expectTypeOf<Settings['badge']>().toEqualTypeOf<{ opacity: number }>();
  });

  it('gains a new entry of the table, and nothing else', () => {
    expectTypeOf<Fixture['stage']['etfFlowDays']>().toEqualTypeOf<number>();
    expectTypeOf<Omit<Fixture['stage'], 'etfFlowDays'>>().toEqualTypeOf<Settings['stage']>();
    expectTypeOf<Omit<Fixture, 'stage'>>().toEqualTypeOf<Omit<Settings, 'stage'>>();
  });
});

describe('the defaults, derived from the schema', () => {
  it('hold exactly the schema entries, each with its default, in table order', () => {
    const d = defaultSettings();
    const expected = specsOf(SETTINGS_SCHEMA).map(({ path, spec }) => [
      path,
      spec.kind === 'version' ? spec.value : spec.default,
    ]);
    expect(leaves(d)).toEqual(expected);
  });

  it('are fresh copies: changing one never changes the next', () => {
    const a = defaultSettings();
    a.asi.excludeSymbols.push('NEW');
    a.dominance.zones[0] = 1;
    expect(defaultSettings().asi.excludeSymbols).not.toContain('NEW');
    expect(defaultSettings().dominance.zones[0]).toBe(50);
    expect(SETTINGS_SCHEMA.dominance.zones.default[0]).toBe(50);
  });

  it('gain a new entry of the table', () => {
    const d = defaultsOf(FIXTURE);
    expect(d.stage.etfFlowDays).toBe(5);
    expect(valueAt(d, 'stage.etfFlowDays')).toBe(5);
    const { etfFlowDays: _, ...stage } = d.stage;
    expect({ ...d, stage }).toEqual(defaultSettings());
  });
});
