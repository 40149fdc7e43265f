import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROME_EXTENSION_DIR, CHROMIUM_PATH, REPO_ROOT, chromiumAvailable, type ExtensionBrowser } from './browser';

/** The bits of the `chrome` global that tests call inside the browser (evaluate callbacks). */
export interface Chromeish {
  chrome: {
    storage: {
      local: {
        get(k: string): Promise<Record<string, unknown>>;
        set(v: object): Promise<void>;
        remove(k: string[]): Promise<void>;
      };
      sync: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
    };
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
  for (const p of ['entrypoints', 'components', 'lib', 'public', 'wxt.config.ts', 'package.json'])
    visit(join(REPO_ROOT, p));
  return newest;
}

/** .ci/run builds before the tests; locally the build is redone when missing or older than the sources. */
export function ensureChromeBuild(): void {
  const manifest = join(CHROME_EXTENSION_DIR, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestSourceMtime()) return;
  execSync('npx wxt build', { cwd: REPO_ROOT, stdio: 'inherit', timeout: 170_000 });
}

/** Waits for the install-time refresh (offline in these tests) to end, then stops the schedule, so seeded data stays put. */
export async function quietWorker(ext: ExtensionBrowser): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const done = await ext.serviceWorker.evaluate(async () => {
      const { refreshState } = await (globalThis as any).chrome.storage.local.get('refreshState');
      return Boolean(refreshState && (refreshState.finishedAt || refreshState.lastError));
    });
    if (done) break;
    if (Date.now() > deadline) throw new Error('the install-time refresh did not finish within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  await ext.serviceWorker.evaluate(() => (globalThis as any).chrome.alarms.clearAll());
}

export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on an extension page, one line each. */
export async function axeSerious(page: Page): Promise<string[]> {
  // addScriptTag injects an inline <script>, which the extension page's CSP (script-src 'self') blocks;
  // evaluating the same source through the DevTools protocol is not subject to the page's CSP.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await (globalThis as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v: any) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n: any) => n.target.join(' '))
            .slice(0, 5)
            .join(' | ')}`,
      );
  }) as Promise<string[]>;
}
