/**
 * Launch Debian's Chromium with the built extension loaded, for end-to-end tests.
 *
 * - Extensions only load in a persistent context, and headless only works with the "new" headless
 *   mode, so we pass `--headless=new` ourselves (Playwright's `headless: true` adds a bare
 *   `--headless`, which is the same mode on Chromium >= 132, but we want to be explicit).
 * - Playwright adds `--disable-extensions` by default; we drop it with `ignoreDefaultArgs`.
 * - The machine has no internet: the background-networking/component-update/sync flags stop
 *   Chromium from dialling Google services (refused connections otherwise spam the logs).
 * - Every launch gets a fresh temporary profile, removed again by `close()`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page, type Worker } from 'playwright-core';

export { REPO_ROOT } from './paths';
import { REPO_ROOT } from './paths';
/** Output of `wxt build` (Chrome MV3). */
export const CHROME_EXTENSION_DIR = join(REPO_ROOT, '.output', 'chrome-mv3');
/** Debian's Chromium, overridable with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(executablePath: string = CHROMIUM_PATH): boolean {
  return existsSync(executablePath);
}

export interface LaunchExtensionOptions {
  /** Unpacked extension directory (absolute or relative to the repo root). Default: .output/chrome-mv3. */
  extensionDir?: string;
  /** Chromium binary. Default: CHROMIUM_PATH. */
  executablePath?: string;
  /** Extra Chromium switches, e.g. `--host-resolver-rules=...`, `--ignore-certificate-errors`. */
  extraArgs?: string[];
  /** Run with a visible window (needs a display). Default: false, or true when HEADED=1. */
  headed?: boolean;
  /** How long to wait for the extension's service worker. Default: 30 s. */
  serviceWorkerTimeoutMs?: number;
  /** Extra environment for the browser process (e.g. libfaketime's, to pin its clock). */
  env?: Record<string, string>;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension id, taken from the service worker URL. */
  extensionId: string;
  /** The extension's background service worker. */
  serviceWorker: Worker;
  /** `chrome-extension://<id>/<path>` */
  extensionUrl(path: string): string;
  /** Uncaught page errors and console errors seen so far (pages and service worker). */
  errors: string[];
  /** Closes the browser and removes the temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

const BASE_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
  '--mute-audio',
];

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export async function launchWithExtension(options: LaunchExtensionOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = resolve(REPO_ROOT, options.extensionDir ?? CHROME_EXTENSION_DIR);
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir} (run \`npm run build\` first)`);
  }
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  const headed = options.headed ?? process.env.HEADED === '1';
  const args = [
    ...(headed ? [] : ['--headless=new']),
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    ...(isRoot() ? ['--no-sandbox'] : []),
    ...BASE_ARGS,
    ...(options.extraArgs ?? []),
  ];

  const userDataDir = await mkdtemp(join(tmpdir(), 'regime-lens-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      // Headless mode is chosen by our own `--headless=new` switch above.
      headless: false,
      args,
      ignoreDefaultArgs: ['--disable-extensions'],
      timeout: 60_000,
      ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }

  const errors: string[] = [];
  const seen = new WeakSet<ConsoleMessage>();
  const onConsole = (where: string) => (msg: ConsoleMessage) => {
    if (seen.has(msg)) return;
    seen.add(msg);
    if (msg.type() === 'error') errors.push(`console.error in ${where}: ${msg.text()}`);
  };
  const watchPage = (page: Page) => {
    page.on('pageerror', (err) => errors.push(`page error in ${page.url()}: ${err.message}`));
  };
  context.on('console', (msg) => onConsole(msg.page()?.url() ?? 'context')(msg));
  context.pages().forEach(watchPage);
  context.on('page', watchPage);

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await context.close();
    } finally {
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 });
    }
  };

  try {
    const isExtensionWorker = (w: Worker) => w.url().startsWith('chrome-extension://');
    const serviceWorker =
      context.serviceWorkers().find(isExtensionWorker) ??
      (await context.waitForEvent('serviceworker', {
        predicate: isExtensionWorker,
        timeout: options.serviceWorkerTimeoutMs ?? 30_000,
      }));
    serviceWorker.on('console', onConsole(serviceWorker.url()));
    const extensionId = new URL(serviceWorker.url()).host;
    return {
      context,
      extensionId,
      serviceWorker,
      extensionUrl: (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
      errors,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Switches on developer mode in the profile, as on a developer's machine: Chromium loads an unpacked
 * extension from --load-extension without it, but disables it on its next reload
 * ("unsupportedDeveloperExtension") unless developer mode is on.
 */
export async function enableDeveloperMode(ext: ExtensionBrowser): Promise<void> {
  const admin = await ext.context.newPage();
  try {
    await admin.goto('chrome://extensions');
    const err = await admin.evaluate(
      () =>
        new Promise<string | null>((res) => {
          const c = (globalThis as any).chrome;
          c.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, () =>
            res(c.runtime.lastError?.message ?? null),
          );
        }),
    );
    if (err) throw new Error(`developer mode not switched on: ${err}`);
  } finally {
    await admin.close();
  }
}
