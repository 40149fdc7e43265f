import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../lib/settings/defaults';
import { settingsOrDefaults } from '../../../lib/settings/validate';

const ROOT = resolve(__dirname, '../../..');

describe('settingsOrDefaults: validate the stored settings or use the defaults', () => {
  it('returns valid settings as they are', () => {
    const s = defaultSettings();
    s.refresh.intervalMinutes = 30;
    expect(settingsOrDefaults(s)).toBe(s);
  });

  it('returns the defaults for nothing or garbage, and logs the first problem when asked', () => {
    const log: string[] = [];
    expect(settingsOrDefaults(undefined)).toEqual(defaultSettings());
    expect(settingsOrDefaults(null, (m) => log.push(m))).toEqual(defaultSettings());
    const bad = { ...defaultSettings(), refresh: { intervalMinutes: 5 } };
    expect(settingsOrDefaults(bad, (m) => log.push(m))).toEqual(defaultSettings());
    expect(log).toEqual([
      'Regime Lens: stored settings invalid ( settings must be a JSON object); using defaults',
      'Regime Lens: stored settings invalid (refresh.intervalMinutes must be between 15 and 1440); using defaults',
    ]);
  });

  it('is the only validate-or-defaults: no reader outside lib/settings validates stored settings itself', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    for (const dir of ['lib', 'components', 'entrypoints']) walk(join(ROOT, dir));
    const callers = files
      .filter((f) => !relative(ROOT, f).startsWith(join('lib', 'settings')))
      .filter((f) => /\bvalidateSettings\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(callers).toEqual([]);
    const readers = ['lib/platform/store.ts', 'entrypoints/options/main.tsx', 'components/popup/mount.tsx'];
    for (const f of readers) expect(readFileSync(join(ROOT, f), 'utf8'), f).toMatch(/\bsettingsOrDefaults\(/);
  });
});
