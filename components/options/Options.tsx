/*
 * The options page's view: a form derived from the settings schema (./fields.ts), export and import.
 * Flow: provider → cache → engine → snapshot → storage → views; the settings it saves go the other way,
 * into sync storage, where the worker re-evaluates today without a request. Data comes in by props.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { makeFormat, type Format } from '@/lib/format/format';
import type { Translate } from '@/lib/i18n/translate';
import { ASI_PRESETS, defaultSettings, type Settings } from '@/lib/settings/defaults';
import { SETTINGS_SCHEMA, valueAt } from '@/lib/settings/schema';
import { mergeSettings } from '@/lib/settings/validate';
import {
  ALERT_SWITCHES,
  LISTS,
  SECTIONS,
  SWITCHES,
  SITE_IDS,
  fieldKey,
  sectionKey,
  unitKey,
  type NumField,
  type SectionId,
} from './fields';
import { checkDraft, errorsByField, importErrorLines, toDraft, withNumber, withPreset, type Draft } from './model';

export interface OptionsProps {
  t: Translate;
  /** UI language for numbers and dates. */
  locale: string;
  /** The stored settings (already validated; defaults when none). */
  settings: Settings;
  /** Stores valid settings; the worker re-evaluates on the change. */
  onSave: (s: Settings) => Promise<void>;
  onResetBadgePositions: () => Promise<void>;
  now: () => number;
}

const SITE_NAMES: Record<string, string> = {
  tradingview: 'TradingView',
  binance: 'Binance',
  coinbase: 'Coinbase',
  bybit: 'Bybit',
  okx: 'OKX',
  kraken: 'Kraken',
  bitget: 'Bitget',
  kucoin: 'KuCoin',
  hyperliquid: 'Hyperliquid',
};
const SNOOZE_HOURS = [1, 8, 24, 168];
const PRESETS = SETTINGS_SCHEMA.asi.preset.values;
const OPACITY = SETTINGS_SCHEMA.badge.opacity;
const domId = (path: string) => `f-${path.replace(/\./g, '-')}`;

type Status = { kind: 'ok' | 'bad' | 'info'; text: string } | null;

/**
 * Every setting of SIGNALS.md §5, grouped, validated as a whole on every keystroke. An invalid draft
 * is never saved: its messages sit beside the fields and the stored settings stay as they were.
 */
export function Options(p: OptionsProps) {
  const { t } = p;
  const f = useMemo(() => makeFormat(p.locale), [p.locale]);
  const [draft, setDraft] = useState<Draft>(() => toDraft(p.settings));
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const [confirmReset, setConfirmReset] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // Stored settings changed elsewhere (saved here, another device, an import): follow them unless
  // the user is in the middle of an edit.
  useEffect(() => {
    if (!dirty) setDraft(toDraft(p.settings));
  }, [p.settings]);

  const result = useMemo(() => checkDraft(p.settings, draft), [p.settings, draft]);
  const errors = useMemo(() => (result.ok ? {} : errorsByField(result.errors, draft, t)), [result, draft, t]);
  const edit = (next: Draft) => {
    setDraft(next);
    setDirty(true);
    setStatus(null);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!result.ok) {
      setStatus({ kind: 'bad', text: t('options_not_saved', Object.keys(errors).length) });
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    await p.onSave(result.settings);
    setDirty(false);
    setStatus({ kind: 'ok', text: t('options_saved') });
  };
  const revert = () => {
    setDraft(toDraft(p.settings));
    setDirty(false);
    setStatus(null);
  };
  /** Actions outside the form (snooze, reset, import) apply to the stored settings at once. */
  const apply = async (patch: unknown, text: string) => {
    const r = mergeSettings(p.settings, patch);
    if (!r.ok) {
      setStatus({ kind: 'bad', text: importErrorLines(r.errors, t).join('; ') });
      return;
    }
    await p.onSave(r.settings);
    setStatus({ kind: 'ok', text });
  };

  const numInput = (fd: NumField) => (
    <NumberRow
      key={fd.path}
      field={fd}
      value={draft.num[fd.path] ?? ''}
      errors={errors[fd.path]}
      t={t}
      f={f}
      onInput={(v) => edit(withNumber(draft, fd.path, v))}
    />
  );
  const section = (id: SectionId) => SECTIONS.find((s) => s.id === id)!.fields.map(numInput);
  /** A section's lists; one whose default is not empty can be restored to it. */
  const lists = (id: SectionId) =>
    LISTS.filter((l) => l.section === id).map(({ path, spec }) => (
      <ListRow
        key={path}
        path={path}
        value={draft.lists[path]}
        errors={errors[path]}
        t={t}
        hint={t(spec.help, parseCount(draft.lists[path]))}
        rows={spec.rows}
        onInput={(v) => edit({ ...draft, lists: { ...draft.lists, [path]: v } })}
        onRestore={
          spec.default.length > 0
            ? () => edit({ ...draft, lists: { ...draft.lists, [path]: spec.default.join(', ') } })
            : undefined
        }
      />
    ));

  /** A section's switches (not the alerts and sites, which have their own groups). */
  const switches = (id: SectionId) =>
    SWITCHES.filter((s) => s.section === id).map(({ path, spec }) => (
      <label key={path} class="check" data-field={path}>
        <input
          type="checkbox"
          name={`switch-${path}`}
          checked={draft.switches[path] === true}
          onChange={(e) =>
            edit({ ...draft, switches: { ...draft.switches, [path]: (e.currentTarget as HTMLInputElement).checked } })
          }
        />
        {t(spec.kind === 'bool' && spec.label ? spec.label : fieldKey(path))}
      </label>
    ));

  return (
    <div class="options">
      <header class="page-head">
        <h1>Regime Lens</h1>
        <p class="muted">{t('options_title')}</p>
      </header>
      <nav aria-label={t('options_nav_label')} class="toc">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#s-${s.id}`}>{t(sectionKey(s.id))}</a>
            </li>
          ))}
        </ul>
      </nav>
      <form ref={formRef} noValidate onSubmit={save} aria-describedby="form-status">
        <Section id="russell" t={t}>
          {section('russell')}
        </Section>

        <Section id="asi" t={t}>
          <fieldset class="presets" data-field="asi.preset">
            <legend>{t('options_asi_preset')}</legend>
            {PRESETS.map((id) => (
              <label key={id} class="radio">
                <input
                  type="radio"
                  name="asi-preset"
                  value={id}
                  checked={draft.preset === id}
                  onChange={() => edit(withPreset(draft, id))}
                />
                {id === 'custom'
                  ? t('options_preset_custom')
                  : t(
                      id === 'top50-90d' ? 'options_preset_top50' : 'options_preset_top100',
                      ASI_PRESETS[id].topN,
                      ASI_PRESETS[id].windowDays,
                    )}
              </label>
            ))}
            <FieldErrors id="asi.preset" errors={errors['asi.preset']} />
          </fieldset>
          {section('asi')}
          {lists('asi')}
        </Section>

        <Section id="dominance" t={t}>
          {section('dominance')}
        </Section>
        <Section id="ethbtc" t={t}>
          {section('ethbtc')}
        </Section>
        <Section id="fearGreed" t={t}>
          {section('fearGreed')}
        </Section>
        <Section id="etfFlows" t={t}>
          {section('etfFlows')}
          {switches('etfFlows')}
        </Section>
        <Section id="stage" t={t}>
          {section('stage')}
        </Section>
        <Section id="staleness" t={t}>
          {section('staleness')}
        </Section>
        <Section id="refresh" t={t}>
          {section('refresh')}
        </Section>

        <Section id="sites" t={t}>
          <fieldset>
            <legend>{t('options_sites_legend')}</legend>
            <div class="checks">
              {SITE_IDS.map((id) => (
                <label key={id} class="check" data-field={`sites.${id}`}>
                  <input
                    type="checkbox"
                    name={`site-${id}`}
                    checked={draft.sites[id] ?? true}
                    onChange={(e) =>
                      edit({ ...draft, sites: { ...draft.sites, [id]: (e.currentTarget as HTMLInputElement).checked } })
                    }
                  />
                  {SITE_NAMES[id] ?? id}
                </label>
              ))}
            </div>
          </fieldset>
        </Section>

        <Section id="badge" t={t}>
          <div class="row" data-field="badge.opacity">
            <label for="f-badge-opacity">{t('options_f_badge_opacity')}</label>
            <div class="control">
              <input
                id="f-badge-opacity"
                type="range"
                min={OPACITY.min}
                max={OPACITY.max}
                step={OPACITY.step}
                value={draft.opacity}
                aria-invalid={errors['badge.opacity'] ? 'true' : 'false'}
                aria-describedby="f-badge-opacity-err"
                onInput={(e) => edit({ ...draft, opacity: (e.currentTarget as HTMLInputElement).value })}
              />
              <output for="f-badge-opacity" class="num">
                {f.percent(Number(draft.opacity) * 100)}
              </output>
              <FieldErrors id="badge.opacity" errors={errors['badge.opacity']} />
            </div>
          </div>
          <p>
            <button
              type="button"
              onClick={async () => {
                await p.onResetBadgePositions();
                setStatus({ kind: 'ok', text: t('options_badge_reset_done') });
              }}
            >
              {t('options_badge_reset')}
            </button>{' '}
            <span class="muted small">{t('options_badge_reset_hint')}</span>
          </p>
        </Section>

        <Section id="alerts" t={t}>
          <fieldset>
            <legend>{t('options_alerts_legend')}</legend>
            <div class="checks column">
              {ALERT_SWITCHES.map((k) => (
                <label key={k} class="check" data-field={`alerts.${k}`}>
                  <input
                    type="checkbox"
                    name={`alert-${k}`}
                    checked={draft.alerts[k]}
                    onChange={(e) =>
                      edit({
                        ...draft,
                        alerts: { ...draft.alerts, [k]: (e.currentTarget as HTMLInputElement).checked },
                      })
                    }
                  />
                  {t(SETTINGS_SCHEMA.alerts[k].label)}
                </label>
              ))}
            </div>
          </fieldset>
          {section('alerts')}
          {lists('alerts')}
          <div class="row">
            <span class="label" id="snooze-label">
              {t('options_snooze')}
            </span>
            <div class="control" role="group" aria-labelledby="snooze-label">
              <p class="small" data-testid="snooze-state">
                {p.settings.alerts.snoozeUntil > p.now()
                  ? t('options_snoozed_until', f.dateTime(p.settings.alerts.snoozeUntil))
                  : t('options_not_snoozed')}
              </p>
              {SNOOZE_HOURS.map((h) => (
                <button
                  key={h}
                  type="button"
                  onClick={() => apply({ alerts: { snoozeUntil: p.now() + h * 3_600_000 } }, t('options_snooze_done'))}
                >
                  {h < 24 ? t('options_snooze_hours', h) : t('options_snooze_days', h / 24)}
                </button>
              ))}
              {p.settings.alerts.snoozeUntil > p.now() ? (
                <button
                  type="button"
                  onClick={() => apply({ alerts: { snoozeUntil: 0 } }, t('options_snooze_cancelled'))}
                >
                  {t('options_snooze_cancel')}
                </button>
              ) : null}
            </div>
          </div>
        </Section>

        <div class="savebar">
          <button type="submit" class="primary">
            {t('options_save')}
          </button>
          <button type="button" onClick={revert} disabled={!dirty}>
            {t('options_revert')}
          </button>
          <span
            id="form-status"
            role="status"
            aria-live="polite"
            class={status ? `status ${status.kind}` : 'status'}
            data-testid="form-status"
          >
            {status?.text ?? (dirty ? t('options_unsaved') : '')}
          </span>
        </div>
      </form>

      <Section id="backup" t={t}>
        <p>
          <button type="button" onClick={() => download(p.settings)}>
            {t('options_export')}
          </button>{' '}
          <span class="muted small">{t('options_export_hint')}</span>
        </p>
        <div class="row">
          <label for="f-import">{t('options_import')}</label>
          <div class="control">
            <input
              id="f-import"
              type="file"
              accept="application/json,.json"
              aria-describedby="import-errors"
              onChange={async (e) => {
                const input = e.currentTarget as HTMLInputElement;
                const file = input.files?.[0];
                if (!file) return;
                const lines = await importFile(file, p, t);
                setImportErrors(lines);
                setStatus(
                  lines.length === 0
                    ? { kind: 'ok', text: t('options_imported') }
                    : { kind: 'bad', text: t('options_import_failed') },
                );
                if (lines.length === 0) setDirty(false);
                input.value = '';
              }}
            />
            <ul id="import-errors" class="errors" data-testid="import-errors">
              {importErrors.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </div>
        </div>
        <p>
          {confirmReset ? (
            <>
              <span>{t('options_reset_confirm')}</span>{' '}
              <button
                type="button"
                class="danger"
                onClick={async () => {
                  await p.onSave(defaultSettings());
                  setDirty(false);
                  setConfirmReset(false);
                  setDraft(toDraft(defaultSettings()));
                  setStatus({ kind: 'ok', text: t('options_reset_done') });
                }}
              >
                {t('options_reset_yes')}
              </button>{' '}
              <button type="button" onClick={() => setConfirmReset(false)}>
                {t('options_reset_no')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirmReset(true)}>
              {t('options_reset')}
            </button>
          )}
        </p>
      </Section>
    </div>
  );
}

function Section({ id, t, children }: { id: SectionId; t: Translate; children: ComponentChildren }) {
  return (
    <section id={`s-${id}`} class="section" aria-labelledby={`s-${id}-h`} data-section={id}>
      <h2 id={`s-${id}-h`}>{t(sectionKey(id))}</h2>
      <p class="muted small">{t(`${sectionKey(id)}_hint`)}</p>
      {children}
    </section>
  );
}

function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  return (
    <div id={`${domId(id)}-err`} class="field-error" data-error-for={id}>
      {(errors ?? []).map((e, i) => (
        <p key={i}>{e}</p>
      ))}
    </div>
  );
}

function NumberRow(x: {
  field: NumField;
  value: string;
  errors: string[] | undefined;
  t: Translate;
  f: Format;
  onInput: (v: string) => void;
}) {
  const { field, t } = x;
  const id = domId(field.path);
  const def = valueAt(defaultSettings(), field.path) as number;
  return (
    <div class="row" data-field={field.path}>
      <label for={id}>{t(fieldKey(field.path))}</label>
      <div class="control">
        <input
          id={id}
          name={field.path}
          type="number"
          inputMode="decimal"
          step={field.step ?? 1}
          value={x.value}
          aria-invalid={x.errors ? 'true' : 'false'}
          aria-describedby={`${id}-err ${id}-hint`}
          onInput={(e) => x.onInput((e.currentTarget as HTMLInputElement).value)}
        />
        <span class="unit muted">{t(unitKey(field.unit))}</span>
        <span id={`${id}-hint`} class="hint muted small">
          {t('options_default', x.f.number(def, field.kind === 'int' ? 0 : decimals(def)))}
        </span>
        <FieldErrors id={field.path} errors={x.errors} />
      </div>
    </div>
  );
}

function ListRow(x: {
  path: string;
  value: string;
  errors: string[] | undefined;
  t: Translate;
  hint: string;
  rows?: number;
  onInput: (v: string) => void;
  onRestore?: () => void;
}) {
  const { t } = x;
  const id = domId(x.path);
  return (
    <div class="row" data-field={x.path}>
      <label for={id}>{t(fieldKey(x.path))}</label>
      <div class="control">
        {x.rows === 1 ? (
          <input
            id={id}
            name={x.path}
            type="text"
            value={x.value}
            aria-invalid={x.errors ? 'true' : 'false'}
            aria-describedby={`${id}-err ${id}-hint`}
            onInput={(e) => x.onInput((e.currentTarget as HTMLInputElement).value)}
          />
        ) : (
          <textarea
            id={id}
            name={x.path}
            rows={x.rows ?? 4}
            value={x.value}
            aria-invalid={x.errors ? 'true' : 'false'}
            aria-describedby={`${id}-err ${id}-hint`}
            onInput={(e) => x.onInput((e.currentTarget as HTMLTextAreaElement).value)}
          />
        )}
        <span id={`${id}-hint`} class="hint muted small">
          {x.hint}
        </span>
        {x.onRestore ? (
          <button type="button" onClick={x.onRestore}>
            {t('options_restore_builtin')}
          </button>
        ) : null}
        <FieldErrors id={x.path} errors={x.errors} />
      </div>
    </div>
  );
}

const decimals = (n: number) => (Number.isInteger(n) ? 0 : Math.min(2, String(n).split('.')[1]?.length ?? 0));
const parseCount = (s: string) => s.split(/[\s,;]+/).filter(Boolean).length;

/** Settings as a JSON file download (a DOM action: no extension API needed). */
function download(s: Settings) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(s, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'regime-lens-settings.json';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads, validates (over the defaults) and saves an exported file; returns the error lines, none when saved. */
async function importFile(file: File, p: OptionsProps, t: Translate): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    return [t('options_import_not_json')];
  }
  const r = mergeSettings(defaultSettings(), parsed);
  if (!r.ok) return importErrorLines(r.errors, t);
  await p.onSave(r.settings);
  return [];
}
