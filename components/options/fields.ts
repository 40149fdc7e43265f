import {
  CROSS_RULES,
  SETTINGS_SCHEMA,
  SITE_IDS,
  specsOf,
  type SchemaGroup,
  type SectionId,
  type Spec,
  type Unit,
} from '../../lib/settings/schema';

// The options form, derived from the settings schema: which control edits each setting, where it sits
// and what it is called. Options.tsx lays the sections out; every per-setting list it uses comes from here.

export type { SectionId, Unit };

/** One numeric setting: its dotted path in Settings, whole or decimal, unit and input step. */
export interface NumField {
  path: string;
  kind: 'int' | 'num';
  unit: Unit;
  step?: number;
}

/** How the page edits a setting; `none` for those it never edits (the version, the snooze time). */
export type Control = 'number' | 'slider' | 'checkbox' | 'radio' | 'list' | 'none';

/** One control of the form: a setting, or one boundary of a `bounds` setting (`dominance.zones.2`). */
export interface FormField {
  path: string;
  spec: Spec;
  section: SectionId;
  control: Control;
}

export function controlOf(spec: Spec): Control {
  switch (spec.kind) {
    case 'int':
    case 'num':
      return spec.control ?? 'number';
    case 'bounds':
      return 'number';
    case 'bool':
      return 'checkbox';
    case 'enum':
      return 'radio';
    case 'list':
      return 'list';
    case 'version':
      return 'none';
  }
}

/** Every control of a schema's form, in table order; each in its top-level group's section unless it names one. */
export function formFieldsOf(schema: SchemaGroup): FormField[] {
  return specsOf(schema).flatMap(({ path, spec }) => {
    const control = controlOf(spec);
    if (control === 'none') return [];
    const section = ('section' in spec && spec.section) || (path.split('.')[0] as SectionId);
    const paths = spec.kind === 'bounds' ? spec.default.map((_, i) => `${path}.${i}`) : [path];
    return paths.map((p) => ({ path: p, spec, section, control }));
  });
}

/** The number inputs of a schema's form by section, sections in page order, then `backup` (export, import, reset). */
export function sectionsOf(schema: SchemaGroup): { id: SectionId; fields: NumField[] }[] {
  const sections: { id: SectionId; fields: NumField[] }[] = [];
  for (const f of formFieldsOf(schema)) {
    let s = sections.find((x) => x.id === f.section);
    if (!s) sections.push((s = { id: f.section, fields: [] }));
    if (f.control === 'number' && (f.spec.kind === 'int' || f.spec.kind === 'num' || f.spec.kind === 'bounds')) {
      const { kind, unit, step } = f.spec;
      s.fields.push({
        path: f.path,
        kind: kind === 'bounds' ? 'num' : kind,
        unit: unit!, // a number input has one: the spec type asks for it
        ...(step !== undefined ? { step } : {}),
      });
    }
  }
  return [...sections, { id: 'backup', fields: [] }];
}

export const FORM_FIELDS: FormField[] = formFieldsOf(SETTINGS_SCHEMA);

/** The settings of SIGNALS.md §5, grouped as the options page shows them. */
export const SECTIONS: { id: SectionId; fields: NumField[] }[] = sectionsOf(SETTINGS_SCHEMA);

export const NUM_FIELDS: NumField[] = SECTIONS.flatMap((s) => s.fields);

/** Dotted paths of a schema's settings whose spec matches M. */
type PathOf<G, M, P extends string = ''> = {
  [K in keyof G & string]: G[K] extends M
    ? `${P}${K}`
    : G[K] extends { kind: string }
      ? never
      : PathOf<G[K], M, `${P}${K}.`>;
}[keyof G & string];

/** Fields edited as lists in a text box. */
export type ListField = PathOf<typeof SETTINGS_SCHEMA, { kind: 'list' }>;
export const LISTS = FORM_FIELDS.flatMap(({ path, spec, section }) =>
  spec.kind === 'list' ? [{ path: path as ListField, spec, section }] : [],
);
export const LIST_FIELDS: ListField[] = LISTS.map((f) => f.path);

/** The alert switches (checkboxes of the alerts group). */
export type AlertSwitch = PathOf<(typeof SETTINGS_SCHEMA)['alerts'], { kind: 'bool' }>;
export const ALERT_SWITCHES = Object.entries(SETTINGS_SCHEMA.alerts)
  .filter(([, spec]) => spec.kind === 'bool')
  .map(([key]) => key as AlertSwitch);

/** Switches of the other groups (e.g. whether ETF flows join the setup): a checkbox in their own section. */
export const SWITCHES = FORM_FIELDS.filter(
  (f) => f.control === 'checkbox' && !f.path.startsWith('alerts.') && !f.path.startsWith('sites.'),
);

export { SITE_IDS };

/** i18n key of a field's label, e.g. `options_f_asi_windowDays`. */
export const fieldKey = (path: string) => `options_f_${path.replace(/\./g, '_')}`;
export const sectionKey = (id: SectionId) => `options_s_${id}`;
export const unitKey = (u: Unit) => `options_unit_${u}`;

/**
 * Validation rules that tie fields together, by the path validateSettings reports the error on: the
 * message is shown beside every field of the pair, since either may be the one the user changed.
 */
export const PARTNERS: Record<string, string[]> = {};
for (const rule of CROSS_RULES) (PARTNERS[rule.at] ??= []).push(...rule.with);
