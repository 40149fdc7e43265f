/**
 * The options form is derived from the settings schema: the rendered page has one control per schema
 * setting (one per boundary of the zones), in the setting's section, and nothing else; a new entry of
 * the table gets its input without touching the form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FORM_FIELDS,
  formFieldsOf,
  NUM_FIELDS,
  PARTNERS,
  SECTIONS,
  sectionsOf,
} from '../../../components/options/fields';
import { Options } from '../../../components/options/Options';
import { loadLocales } from '../../../lib/i18n/node';
import { translateFrom } from '../../../lib/i18n/translate';
import { defaultSettings } from '../../../lib/settings/defaults';
import { CROSS_RULES, SETTINGS_SCHEMA, specsOf, type SchemaGroup } from '../../../lib/settings/schema';
import { mount, setupDom } from '../badge/dom';

const t = translateFrom(loadLocales().en!);

/** The real schema plus one new threshold, as a later change would add it. */
const FIXTURE = {
  ...SETTINGS_SCHEMA,
  stage: { ...SETTINGS_SCHEMA.stage, etfFlowDays: { kind: 'int', default: 5, min: 1, max: 30, unit: 'days' } },
} as const satisfies SchemaGroup;

let root: HTMLElement;
beforeAll(() => {
  setupDom();
  root = mount(
    <Options
      t={t}
      locale="en-US"
      settings={defaultSettings()}
      now={() => 0}
      onSave={async () => {}}
      onResetBadgePositions={async () => {}}
    />,
  );
});

/** What the page shows: each control's setting path with the section it sits in. */
const shown = () =>
  [...root.querySelectorAll('[data-field]')].map((el) => ({
    path: el.getAttribute('data-field')!,
    section: el.closest('section[data-section]')?.getAttribute('data-section'),
    el,
  }));

describe('the options form, derived from the schema', () => {
  it('shows exactly the schema settings the page edits, each once, in its section', () => {
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(
      shown()
        .map(({ path, section }) => ({ path, section }))
        .sort(byPath),
    ).toEqual(FORM_FIELDS.map(({ path, section }) => ({ path, section })).sort(byPath));
    // every setting is edited there, but the version and the snooze time (saved by its own buttons)
    const edited = new Set(FORM_FIELDS.map((f) => f.path.replace(/\.\d+$/, '')));
    expect(
      specsOf(SETTINGS_SCHEMA)
        .filter((f) => !edited.has(f.path))
        .map((f) => f.path),
    ).toEqual(['version', 'alerts.snoozeUntil']);
  });

  it('edits each setting with the control its spec asks for, bounded by it', () => {
    const byPath = new Map(shown().map((s) => [s.path, s.el]));
    for (const f of FORM_FIELDS) {
      const el = byPath.get(f.path)!;
      const inputs = [...el.querySelectorAll('input, textarea')] as HTMLInputElement[];
      const types = [...new Set(inputs.map((i) => (i.tagName === 'TEXTAREA' ? 'textarea' : i.type)))];
      if (f.control === 'number') expect(types, f.path).toEqual(['number']);
      else if (f.control === 'list')
        expect(types, f.path).toEqual([f.spec.kind === 'list' && f.spec.rows === 1 ? 'text' : 'textarea']);
      else if (f.control === 'checkbox') expect(types, f.path).toEqual(['checkbox']);
      else if (f.control === 'radio' && f.spec.kind === 'enum')
        expect(
          inputs.map((i) => i.value),
          f.path,
        ).toEqual([...f.spec.values]);
      else if (f.control === 'slider' && f.spec.kind === 'num') {
        expect(types, f.path).toEqual(['range']);
        const [r] = inputs;
        expect([r!.getAttribute('min'), r!.getAttribute('max'), r!.getAttribute('step')]).toEqual(
          [f.spec.min, f.spec.max, f.spec.step].map(String),
        );
      } else throw new Error(`${f.path}: no check for ${f.control}`);
    }
  });

  it('a new entry of the table gets its number input in its section, with its unit', () => {
    const added = formFieldsOf(FIXTURE).filter((f) => !FORM_FIELDS.some((g) => g.path === f.path));
    expect(added.map(({ path, section, control }) => ({ path, section, control }))).toEqual([
      { path: 'stage.etfFlowDays', section: 'stage', control: 'number' },
    ]);
    const stage = sectionsOf(FIXTURE).find((s) => s.id === 'stage')!;
    expect(stage.fields).toContainEqual({ path: 'stage.etfFlowDays', kind: 'int', unit: 'days' });
    expect(sectionsOf(FIXTURE).map((s) => s.id)).toEqual(SECTIONS.map((s) => s.id));
  });

  it('the number inputs are the schema numbers and boundaries that have a unit', () => {
    const numbers = specsOf(SETTINGS_SCHEMA).flatMap(({ path, spec }) =>
      spec.kind === 'bounds'
        ? spec.default.map((_, i) => `${path}.${i}`)
        : (spec.kind === 'int' || spec.kind === 'num') && spec.unit
          ? [path]
          : [],
    );
    expect(NUM_FIELDS.map((f) => f.path)).toEqual(numbers);
  });

  it('a rule between settings shows its message beside every setting it reads', () => {
    for (const r of CROSS_RULES) expect(PARTNERS[r.at], r.at).toEqual(expect.arrayContaining([...r.with]));
    expect(Object.keys(PARTNERS).sort()).toEqual([...new Set(CROSS_RULES.map((r) => r.at))].sort());
  });
});
