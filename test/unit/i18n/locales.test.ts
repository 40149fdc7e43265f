import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ALERT_SWITCHES,
  LIST_FIELDS,
  NUM_FIELDS,
  SECTIONS,
  fieldKey,
  sectionKey,
  unitKey,
} from '../../../components/options/fields';
import { exclusionKey } from '../../../components/popup/CoinTable';
import { russellStateKey } from '../../../components/popup/context';
import { zoneKey } from '../../../lib/alerts/detect';
import { RUSSELL_ARROW } from '../../../lib/badge/format';
import { FG_BANDS, FLAGS, SIGNALS, STAGES } from '../../../lib/badge/model';
import { LOCALES, mergeFragments, messageText, type Fragment, type FragmentMessage } from '../../../lib/i18n/merge';
import { loadLocales } from '../../../lib/i18n/node';
import { stageKey, stageKey as badgeStageKey } from '../../../lib/phase/stage';
import { REPO_ROOT } from '../../support/paths';

const ROOT = REPO_ROOT;
const MESSAGES = join(ROOT, 'lib/i18n/messages');
const fragments = readdirSync(MESSAGES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, data: JSON.parse(readFileSync(join(MESSAGES, f), 'utf8')) as Fragment }));
const mine = fragments.filter((f) => ['popup.json', 'options.json', 'alerts.json', 'badge.json'].includes(f.name));

/** Placeholders a message really uses, with what each stands for ($1…$9). */
function placeholders(m: FragmentMessage): string[] {
  const used = [...messageText(m).matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((x) => x[1]!.toLowerCase());
  return [...new Set(used)].map((n) => `${n}=${m.placeholders?.[n]?.content ?? 'MISSING'}`).sort();
}

describe('locale fragments', () => {
  it.each(fragments.map((f) => [f.name, f.data] as const))(
    '%s has every language, with the same keys',
    (_name, data) => {
      expect(Object.keys(data).sort()).toEqual([...LOCALES].sort());
      const en = Object.keys(data.en!).sort();
      for (const lang of LOCALES) expect(Object.keys(data[lang]!).sort(), lang).toEqual(en);
    },
  );

  it.each(fragments.map((f) => [f.name, f.data] as const))(
    '%s uses the same placeholders in every language, each declared',
    (_name, data) => {
      for (const [key, m] of Object.entries(data.en!)) {
        const want = placeholders(m);
        expect(want.join(), key).not.toContain('MISSING');
        for (const lang of LOCALES) {
          const other = data[lang]![key]!;
          expect(placeholders(other), `${lang}:${key}`).toEqual(want);
          expect(messageText(other).trim(), `${lang}:${key} is empty`).not.toBe('');
          // A lone `$` would be read by Chrome as a broken placeholder.
          expect(
            messageText(other)
              .replace(/\$([A-Za-z0-9_]+)\$/g, '')
              .replace(/\$\$/g, ''),
            `${lang}:${key}`,
          ).not.toContain('$');
        }
      }
    },
  );

  it('merges without duplicate keys (loadLocales refuses a key defined twice)', () => {
    const merged = loadLocales();
    for (const lang of LOCALES) {
      const total = fragments.reduce((n, f) => n + Object.keys(f.data[lang] ?? {}).length, 0);
      expect(Object.keys(merged[lang]!).length).toBe(total);
    }
    // Chrome treats message names case-insensitively: two that differ by case only would collide.
    const lower = Object.keys(merged.en!).map((k) => k.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    expect(() => mergeFragments([fragments[0]!, { name: 'copy.json', data: fragments[0]!.data }])).toThrow(
      /defined in both/,
    );
  });

  it('message names are valid Chrome names and carry their feature prefix', () => {
    for (const f of mine) {
      const prefix = f.name.replace('.json', '_');
      for (const key of Object.keys(f.data.en!)) {
        expect(key).toMatch(/^[A-Za-z0-9_]+$/);
        expect(key.startsWith(prefix), `${f.name}: ${key}`).toBe(true);
      }
    }
  });
});

/** Source files of the popup, options page and its settings schema, alerts, the on-page badge and the toolbar badge. */
function sources(): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) readdirSync(p).forEach((n) => walk(join(p, n)));
    else if (/\.tsx?$/.test(p)) out.push(p);
  };
  for (const d of [
    'components/popup',
    'components/options',
    'components/shared',
    'entrypoints/popup',
    'entrypoints/options',
    'lib/settings',
    'lib/alerts',
    'components/badge',
    'entrypoints/badge.content',
    'lib/badge',
    'lib/toolbar.ts',
    'lib/i18n/setup-text.ts',
  ])
    walk(join(ROOT, d));
  return out;
}

/** Keys built at run time from enumerations, listed from the same enumerations. */
function dynamicKeys(): string[] {
  return [
    ...(['btc-season', 'eth-rotation', 'mixed', 'alt-rotation', 'altseason', 'unknown'] as const).map(stageKey),
    ...(['deep-alt', 'alt', 'neutral', 'pivotal', 'btc'] as const).map(zoneKey),
    ...(['risk-off', 'recovering', 'near-ath', 'breakout', 'unknown'] as const).map(russellStateKey),
    ...(['extreme-fear', 'fear', 'neutral', 'greed', 'extreme-greed'] as const).map(
      (b) => `popup_fg_${b.replace(/-/g, '_')}`,
    ),
    ...(['that-day', 'latest', 'all-given'] as const).map((u) => `popup_universe_${u.replace(/-/g, '_')}`),
    ...(['yes', 'no', 'unknown'] as const).map((x) => `popup_setup_${x}`),
    ...(['asi', 'ethbtc', 'dominance', 'fearGreed', 'russell', 'stage', 'hysteresis'] as const).map(
      (x) => `popup_input_${x}`,
    ),
    ...(['pass', 'fail', 'unknown', 'stale'] as const).map((x) => `popup_rule_${x}`),
    ...(['yes', 'no', 'unknown'] as const).map((x) => `popup_thesis_altseason_${x}`),
    ...(['yes', 'no', 'unknown'] as const).map((x) => `alerts_verdict_${x}`),
    ...(['setup', 'fearWashout'] as const).flatMap((k) => [`alerts_${k}_title`, `alerts_${k}_message`]),
    ...['russell', 'coins', 'universe', 'dominance', 'ethbtc', 'total3', 'fear_greed', 'cross_check'].map(
      (k) => `popup_served_${k}`,
    ),
    ...(
      [
        'too-young',
        'gap-at-start',
        'no-close',
        'exclusion-list',
        'category',
        'outside-top-n',
        'no-market-cap',
        'not-listed-yet',
      ] as const
    ).map(exclusionKey),
    ...[...NUM_FIELDS.map((f) => f.path), ...LIST_FIELDS].map(fieldKey),
    ...SECTIONS.flatMap((s) => [sectionKey(s.id), `${sectionKey(s.id)}_hint`]),
    ...[...new Set(NUM_FIELDS.map((f) => f.unit))].map(unitKey),
    ...ALERT_SWITCHES.map((k) => `options_alert_${k}`),
    // The on-page and toolbar badge (lib/badge/model.ts, format.ts), from the enumerations the model checks against.
    ...STAGES.map(badgeStageKey),
    ...Object.keys(RUSSELL_ARROW).map((s) => `badge_russell_${s.replace(/-/g, '_')}`),
    ...FG_BANDS.map((b) => `badge_fg_${b.replace(/-/g, '_')}`),
    ...FLAGS.map((f) => `badge_flag_${f.replace(/-/g, '_')}`),
    ...SIGNALS.map((k) => `badge_sig_${k}`),
  ];
}

describe('keys used by the views', () => {
  const merged = loadLocales();
  const files = sources();
  const literal = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    // t('key', …) calls, and keys chosen in expressions: t(cond ? 'a' : 'b'), lookup tables.
    for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) literal.add(m[1]!);
    for (const m of text.matchAll(/'((?:popup|options|alerts|badge|stage)_[A-Za-z0-9_]+)'/g)) literal.add(m[1]!);
  }

  it('finds the t() calls it scans', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(literal.has('popup_refresh_now')).toBe(true);
    expect(literal.has('options_save')).toBe(true);
    expect(literal.has('alerts_stage_title')).toBe(true);
    expect(literal.has('badge_stale')).toBe(true); // lib/badge/model.ts
    expect(literal.has('badge_drag_hint')).toBe(true); // components/badge/BadgeApp.tsx
    expect(literal.has('badge_spark_empty')).toBe(true); // components/badge/Panel.tsx
  });

  it('every key used in a t() call or key table exists in every language', () => {
    for (const lang of LOCALES) {
      const missing = [...literal].filter((k) => !Object.hasOwn(merged[lang]!, k));
      expect(missing, lang).toEqual([]);
    }
  });

  it('every key built from an enumeration exists in every language', () => {
    for (const lang of LOCALES) {
      const missing = dynamicKeys().filter((k) => !Object.hasOwn(merged[lang]!, k));
      expect(missing, lang).toEqual([]);
    }
  });

  it('every message of the popup, options, alerts and badge fragments is used', () => {
    const used = new Set([...literal, ...dynamicKeys()]);
    const unused = mine.flatMap((f) => Object.keys(f.data.en!)).filter((k) => !used.has(k));
    expect(unused).toEqual([]);
  });
});
