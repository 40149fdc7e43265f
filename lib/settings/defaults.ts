import { isSpec, SETTINGS_SCHEMA, type SchemaGroup, type Settings, type Spec, type ValueOf } from './schema';

/*
 * The Settings type and the defaults, both derived from the schema (./schema.ts). The names most of
 * the code imports from here stay here.
 */
export { ASI_PRESETS, SETTINGS_VERSION, SITE_IDS, type AsiPresetId, type Settings, type SiteId } from './schema';
export { BUILTIN_EXCLUDED_CATEGORIES, BUILTIN_EXCLUSIONS } from './exclusions';

/** A fresh copy of a schema's defaults (lists copied, so callers may change them). */
export function defaultsOf<G extends SchemaGroup>(schema: G): ValueOf<G> {
  const out: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(schema)) out[key] = isSpec(node) ? defaultOf(node) : defaultsOf(node);
  return out as ValueOf<G>;
}

function defaultOf(spec: Spec): unknown {
  if (spec.kind === 'version') return spec.value;
  return Array.isArray(spec.default) ? [...spec.default] : spec.default;
}

export function defaultSettings(): Settings {
  return defaultsOf(SETTINGS_SCHEMA);
}
