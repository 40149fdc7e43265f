import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_EXTENSION_DIR, CHROMIUM_PATH, REPO_ROOT, chromiumAvailable } from './browser';

/** The bits of the `chrome` global that tests call inside the browser (evaluate callbacks). */
export interface Chromeish {
  chrome: {
    storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void>; remove(k: string[]): Promise<void> }; sync: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } };
    runtime: { sendMessage(m: unknown): Promise<unknown>; id: string };
    alarms: { getAll(): Promise<{ name: string; periodInMinutes?: number }[]> };
  };
}

/** Without Chromium the e2e suites are skipped locally, but fail under CI=true (never a silent skip in CI). */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
export const SKIP = !chromiumAvailable() && !IN_CI;

export function suiteName(name: string): string {
  return SKIP ? `${name} (SKIPPED: ${CHROMIUM_PATH} not found; apt-get install chromium or set CHROMIUM_PATH)` : name;
}

/** Newest mtime of the files the Chrome build depends on. */
function newestSourceMtime(): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules') visit(join(path, name));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const p of ['entrypoints', 'components', 'lib', 'public', 'wxt.config.ts', 'package.json']) visit(join(REPO_ROOT, p));
  return newest;
}

/** .ci/run builds before the tests; locally the build is redone when missing or older than the sources. */
export function ensureChromeBuild(): void {
  const manifest = join(CHROME_EXTENSION_DIR, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestSourceMtime()) return;
  execSync('npx wxt build', { cwd: REPO_ROOT, stdio: 'inherit', timeout: 170_000 });
}
