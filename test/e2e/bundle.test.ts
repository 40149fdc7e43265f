/**
 * What ships: the manifest asks for exactly the justified permissions, the pages carry a strict CSP,
 * and the bundles contain no eval, no Function constructor and no window message listener. Two
 * builds of the same sources are byte-identical (store source review). Needs no browser.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ORIGINS } from '../../lib/origins';
import { CHROME_EXTENSION_DIR, REPO_ROOT } from '../support/browser';
import { ensureChromeBuild } from '../support/e2e';
import { REVIEWED_API_ORIGINS } from '../support/reviewed';

const FIREFOX_DIR = join(REPO_ROOT, '.output', 'firefox-mv3');
const manifest = () => JSON.parse(readFileSync(join(CHROME_EXTENSION_DIR, 'manifest.json'), 'utf8'));

function files(dir: string, ext = ''): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile() && f.endsWith(ext));
}

describe('shipped bundle', () => {
  beforeAll(() => {
    ensureChromeBuild();
  }, 180_000);

  it('asks for exactly the justified permissions', () => {
    const m = manifest();
    expect([...m.permissions].sort()).toEqual(['alarms', 'notifications', 'storage']);
    expect(m.host_permissions).toEqual(REVIEWED_API_ORIGINS.map((o) => `${o}/*`));
    expect(m.optional_permissions ?? []).toEqual([]);
    expect(JSON.stringify(m)).not.toContain('<all_urls>');
    expect(JSON.stringify(m)).not.toMatch(/"\*:\/\/\*\/\*"|https?:\/\/\*\/\*/);
  });

  it('injects content scripts only on the supported trading sites', () => {
    const hosts = new Set<string>();
    for (const cs of manifest().content_scripts ?? [])
      for (const m of cs.matches) hosts.add(new URL(m.replace('*.', 'x.')).hostname.replace(/^x\./, '*.'));
    const allowed = [
      '*.tradingview.com',
      'www.tradingview.com',
      'tradingview.com',
      'www.binance.com',
      'www.coinbase.com',
      'www.bybit.com',
      'www.okx.com',
      'pro.kraken.com',
      'www.bitget.com',
      'www.kucoin.com',
      'app.hyperliquid.xyz',
    ];
    expect(hosts.size).toBeGreaterThan(0);
    for (const h of hosts) expect(allowed).toContain(h);
  });

  it('gives extension pages a strict CSP whose connect-src lists only the API origins', () => {
    const csp: string = manifest().content_security_policy.extension_pages;
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(REVIEWED_API_ORIGINS);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  });

  it('every source URL the providers build is inside the permitted origins', async () => {
    const srcs = files(join(REPO_ROOT, 'lib', 'sources'), '.ts')
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const urls = [...srcs.matchAll(/https:\/\/[a-z0-9.-]+\.[a-z]+/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of new Set(urls)) expect(REVIEWED_API_ORIGINS).toContain(u);
    // and the list the build uses is exactly the reviewed one
    expect([...API_ORIGINS]).toEqual(REVIEWED_API_ORIGINS);
  });

  it('contains no eval, no Function constructor and no window message listener', () => {
    const js = files(CHROME_EXTENSION_DIR, '.js');
    expect(js.length).toBeGreaterThan(3);
    for (const f of js) {
      const code = readFileSync(f, 'utf8');
      expect([f, /\beval\s*\(/.test(code)]).toEqual([f, false]);
      expect([f, /new\s+Function\s*\(|\bFunction\s*\(\s*["'`]/.test(code)]).toEqual([f, false]);
      expect([f, /addEventListener\(\s*["'`]message["'`]|\bonmessage\s*=/.test(code)]).toEqual([f, false]);
    }
  });

  it("keeps the popup's JavaScript within 250 KB gzip (entry chunk and every chunk it imports)", () => {
    // What popup.html loads: its module script and modulepreloads, then their static and dynamic imports.
    const html = readFileSync(join(CHROME_EXTENSION_DIR, 'popup.html'), 'utf8');
    const queue = [
      ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ].map((m) => join(CHROME_EXTENSION_DIR, (m[1] ?? m[2])!.replace(/^\//, '')));
    expect(queue.length).toBeGreaterThan(0);
    const loaded = new Set<string>();
    while (queue.length > 0) {
      const f = queue.shift()!;
      if (loaded.has(f)) continue;
      loaded.add(f);
      for (const m of readFileSync(f, 'utf8').matchAll(
        /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["']([^"']+\.js)["']/g,
      )) {
        queue.push(m[1]!.startsWith('/') ? join(CHROME_EXTENSION_DIR, m[1]!.slice(1)) : join(dirname(f), m[1]!));
      }
    }
    const sizes = [...loaded].map((f) => ({
      f: f.slice(CHROME_EXTENSION_DIR.length + 1),
      gz: gzipSync(readFileSync(f)).length,
    }));
    const total = sizes.reduce((a, s) => a + s.gz, 0);
    console.info(
      `[bundle] popup JS: ${sizes.map((s) => `${s.f} ${s.gz} B`).join(', ')}; ${total} B gzip (budget ${250 * 1024} B)`,
    );
    expect(total).toBeLessThanOrEqual(250 * 1024);
  });

  it('has popup.html fetch the Charts tab and lightweight-charts early, but run neither before the stage', () => {
    const html = readFileSync(join(CHROME_EXTENSION_DIR, 'popup.html'), 'utf8');
    const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]!);
    const lib = preloads.find((f) => /^chunks\/lightweight-charts[^/]*\.js$/.test(f));
    const tab = preloads.find((f) => /^chunks\/Charts-[^/]*\.js$/.test(f));
    expect(lib, preloads.join(', ')).toBeDefined();
    expect(tab, preloads.join(', ')).toBeDefined();
    // Fetched early, evaluated late: no module the page runs first imports them statically (only import()).
    const entry = /<script type="module"[^>]*\ssrc="\/([^"]+)"/.exec(html)![1]!;
    for (const f of [entry, ...preloads.filter((p) => p !== lib && p !== tab)]) {
      const code = readFileSync(join(CHROME_EXTENSION_DIR, f), 'utf8');
      for (const chunk of [lib!, tab!]) {
        const name = chunk.slice('chunks/'.length);
        expect(code, `${f} imports ${name} statically`).not.toMatch(new RegExp(`(from|import)\\s*["']\\./${name}`));
      }
    }
  });

  it("has popup.html start with the first paint's script: classic, async, fetched first, without the polyfill", () => {
    const html = readFileSync(join(CHROME_EXTENSION_DIR, 'popup.html'), 'utf8');
    const first = /<(script|link)\b[^>]*>/.exec(html.slice(html.indexOf('<head>')))![0];
    // A module would wait for the parser and run after it; a plain classic one would hold the parser up.
    // (vite-ignore in the source keeps Vite off it and is removed from the output, leaving a space before '>'.)
    expect(first.replace(/\s+>$/, '>')).toBe('<script async fetchpriority="high" src="/popup-first-paint.js">');
    expect(first).not.toMatch(/type=|vite-ignore/);
    const code = readFileSync(join(CHROME_EXTENSION_DIR, 'popup-first-paint.js'), 'utf8');
    expect(code).toContain('badgeView');
    // The polyfill's wrapper (its error text) and any import: one self-contained script of a few KB.
    expect(code).not.toMatch(/This script should only be loaded in a browser extension|\bimport\s*[("'{]/);
    console.info(`[bundle] popup-first-paint.js: ${code.length} B, ${gzipSync(code).length} B gzip`);
    expect(code.length).toBeLessThanOrEqual(4 * 1024);
  });

  it('builds the Firefox package byte-identically twice', () => {
    const build = () => {
      const r = spawnSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 170_000,
      });
      expect(r.status, r.stderr).toBe(0);
      // A warning in every build hides the one that matters (Vite's on the first paint's classic script was one).
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/can't be bundled|\bwarn(ing)?\b/i);
    };
    build();
    const first = mkdtempSync(join(tmpdir(), 'regime-ff-'));
    cpSync(FIREFOX_DIR, first, { recursive: true });
    build();
    const a = files(first)
      .map((f) => f.slice(first.length))
      .sort();
    const b = files(FIREFOX_DIR)
      .map((f) => f.slice(FIREFOX_DIR.length))
      .sort();
    expect(b).toEqual(a);
    for (const rel of a)
      expect([rel, readFileSync(join(FIREFOX_DIR, rel)).equals(readFileSync(join(first, rel)))]).toEqual([rel, true]);
    // no absolute path of this machine leaks into the package
    for (const rel of a)
      expect([rel, readFileSync(join(first, rel), 'utf8').includes(REPO_ROOT)]).toEqual([rel, false]);
    rmSync(first, { recursive: true, force: true });
  }, 400_000);
});
