/**
 * `npm start`: opens Chromium (Debian's, or CHROMIUM_PATH) with the built extension loaded in a
 * throw-away profile, on TradingView, so the product can be tried without touching the user's browser.
 * Needs a display; the extension stays loadable by hand from .output/chrome-mv3 (see README).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dir = resolve('.output/chrome-mv3');
const chromium =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (!existsSync(join(dir, 'manifest.json'))) {
  console.error(`No build at ${dir}: run npm run build first.`);
  process.exit(1);
}
// Without a browser or a display there is nothing to open; the build itself succeeded, so say how to load it.
const manual = `Load ${dir} unpacked in your browser: chrome://extensions, Developer mode, Load unpacked.`;
if (!chromium) {
  console.log(`Built. No Chromium found (apt-get install chromium, or set CHROMIUM_PATH). ${manual}`);
  process.exit(0);
}
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') {
  console.log(`Built. No display to open Chromium on. ${manual}`);
  process.exit(0);
}
const profile = mkdtempSync(join(tmpdir(), 'regime-lens-'));
const args = [
  `--user-data-dir=${profile}`,
  `--load-extension=${dir}`,
  `--disable-extensions-except=${dir}`,
  '--no-first-run',
  'https://www.tradingview.com/chart/',
];
if (process.getuid?.() === 0) args.unshift('--no-sandbox');
console.log(`${chromium} with Regime Lens from ${dir} (profile ${profile})`);
spawn(chromium, args, { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
