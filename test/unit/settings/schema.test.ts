/**
 * The settings schema (lib/settings/schema.ts) is the one place a setting is written: the Settings type,
 * the defaults, the validation and the options form are derived from it. A small fixture schema (the real
 * one plus one threshold) shows that one entry is enough for each of them.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defaultSettings, defaultsOf } from '../../../lib/settings/defaults';
import {
  CROSS_RULES,
  SETTINGS_SCHEMA,
  specsOf,
  valueAt,
  type AsiPresetId,
  type SchemaGroup,
  type Settings,
  type SiteId,
  type Spec,
  type ValueOf,
} from '../../../lib/settings/schema';
import { validateSettings, validatorFor, type FieldError } from '../../../lib/settings/validate';

/** The real schema plus one new threshold, as a later change would add it. */
const FIXTURE = {
  ...SETTINGS_SCHEMA,
  stage: {
    ...SETTINGS_SCHEMA.stage,
    etfFlowDays: { kind: 'int', default: 5, min: 1, max: 30, unit: 'days' },
  },
} as const satisfies SchemaGroup;
type Fixture = ValueOf<typeof FIXTURE>;

const validateFixture = validatorFor(FIXTURE, CROSS_RULES);

/** Every leaf of a plain value with its dotted path (arrays are leaves). */
function leaves(o: unknown, p = '', out: [string, unknown][] = []): [string, unknown][] {
  if (o && typeof o === 'object' && !Array.isArray(o))
    for (const [k, v] of Object.entries(o)) leaves(v, p ? `${p}.${k}` : k, out);
  else out.push([p, o]);
  return out;
}

describe('the Settings type, derived from the schema', () => {
  it('stays a precise nested type', () => {
    expectTypeOf<Settings['version']>().toEqualTypeOf<4>();
    expectTypeOf<Settings['hysteresis']>().toEqualTypeOf<{
      confirmDays: number;
      marginPoints: number;
      holdDays: number;
    }>();
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

/** Values that break a spec's own rule, with the error each must give (path relative to the setting). */
function breaking(spec: Spec): { value: unknown; at: string; message: string }[] {
  switch (spec.kind) {
    case 'int':
    case 'num': {
      const range = `must be between ${spec.min} and ${spec.max}`;
      return [
        { value: 'x', at: '', message: 'must be a number' },
        { value: spec.min - 1, at: '', message: range },
        { value: spec.max + 1, at: '', message: range },
        ...(spec.kind === 'int' ? [{ value: spec.min + 0.5, at: '', message: 'must be a whole number' }] : []),
      ];
    }
    case 'bounds': {
      const message = `must be a number between ${spec.min} and ${spec.max}`;
      return spec.default.map((_, i) => ({
        value: spec.default.map((x, j) => (j === i ? spec.max + 1 : x)),
        at: `.${i}`,
        message,
      }));
    }
    case 'version':
      return [{ value: spec.value + 1, at: '', message: 'unsupported settings version' }];
    case 'bool':
      return [{ value: 'yes', at: '', message: 'must be on or off' }];
    case 'enum':
      return [{ value: 'nope', at: '', message: expect.stringMatching(/^must be /) }];
    case 'list':
      if (spec.item === 'level')
        return [
          { value: [spec.max + 1], at: '.0', message: `must be a whole number from ${spec.min} to ${spec.max}` },
          { value: Array(spec.maxItems + 1).fill(spec.min), at: '', message: `at most ${spec.maxItems} levels` },
        ];
      return [{ value: ['a b'], at: '.0', message: expect.stringMatching(/^must be an? (upper|lower)-case/) }];
  }
}

/** `o` with the value at a dotted path replaced. */
function withValue<T>(o: T, path: string, value: unknown): T {
  const keys = path.split('.');
  const parent = keys.length > 1 ? valueAt(o, keys.slice(0, -1).join('.')) : o;
  (parent as Record<string, unknown>)[keys.at(-1)!] = value;
  return o;
}
const errorsOf = (r: { ok: boolean; errors?: FieldError[] }) => (r.ok ? [] : r.errors);

describe('validation, derived from the schema', () => {
  it.each(specsOf(SETTINGS_SCHEMA).map((f) => [f.path, f.spec] as const))(
    '%s: its own rule, from its spec, gives exactly one error at the field',
    (path, spec) => {
      for (const b of breaking(spec)) {
        const r = validateSettings(withValue(defaultSettings(), path, b.value));
        expect(errorsOf(r)).toEqual([{ path: `${path}${b.at}`, message: b.message }]);
      }
    },
  );

  it('the shape is the schema: a missing or unknown setting is named', () => {
    const { hysteresis: _, ...missing } = defaultSettings();
    expect(errorsOf(validateSettings(missing))).toEqual([{ path: 'hysteresis', message: 'is missing' }]);
    const zones = withValue(defaultSettings(), 'dominance.zones', [1, 2, 3]);
    expect(errorsOf(validateSettings(zones))).toEqual([
      {
        path: 'dominance.zones',
        message: `must have exactly ${SETTINGS_SCHEMA.dominance.zones.default.length} boundaries`,
      },
    ]);
  });

  it('every cross rule reads settings of the schema, and holds for the defaults', () => {
    const paths = new Set(
      specsOf(SETTINGS_SCHEMA).flatMap(({ path, spec }) =>
        spec.kind === 'bounds' ? spec.default.map((_, i) => `${path}.${i}`) : [path],
      ),
    );
    for (const r of CROSS_RULES) {
      for (const p of [r.at, ...r.with]) expect(paths.has(p), p).toBe(true);
      expect(r.ok(defaultSettings()), r.at).toBe(true);
    }
  });

  it('a new entry of the table is validated: its default accepted, its bounds enforced, its absence named', () => {
    expect(validateFixture(defaultsOf(FIXTURE))).toEqual({ ok: true, settings: defaultsOf(FIXTURE) });
    expect(errorsOf(validateFixture(withValue(defaultsOf(FIXTURE), 'stage.etfFlowDays', 31)))).toEqual([
      { path: 'stage.etfFlowDays', message: 'must be between 1 and 30' },
    ]);
    expect(errorsOf(validateFixture(defaultSettings()))).toEqual([
      { path: 'stage.etfFlowDays', message: 'is missing' },
    ]);
    // and the real schema knows nothing of it
    expect(errorsOf(validateSettings(defaultsOf(FIXTURE)))).toEqual([
      { path: 'stage.etfFlowDays', message: 'is not a known setting' },
    ]);
  });
});
