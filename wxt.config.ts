import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { build as viteBuild, type Plugin } from 'vite';
import { basename, join } from 'node:path';
import { PANEL_MODULE } from './lib/badge/panel-module';
import { BADGE_MATCHES } from './lib/badge/sites';
import { API_ORIGINS } from './lib/origins';
import { loadLocales } from './lib/i18n/node';
import { DEFAULT_LOCALE } from './lib/i18n/merge';

// See https://wxt.dev/api/config.html
// Chrome: `wxt build` (MV3). Firefox: `wxt build -b firefox --mv3`.
// Icons are picked up automatically from public/icon/{16,32,48,128}.png.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: (env) => {
    // The Preact preset picks its JSX transform from Vite's isProduction, which follows NODE_ENV; without
    // this a production build ships the development JSX runtime, with absolute source paths in it.
    if (env.mode === 'production') process.env.NODE_ENV = 'production';
    return { plugins: [preact(), preloadCharts()] };
  },
  hooks: {
    // The content script and the popup's first paint use the browser's own promise-based API (WXT's plain
    // `browser`: `browser` in Firefox, `chrome` in Chromium MV3), not webextension-polyfill: the polyfill alone
    // would take a fifth of the content script's 16 KiB gzip budget, and the first paint must load and run at once.
    // Extension pages and the worker keep the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script' || e.name === 'popup-first-paint')) return;
      config.plugins = [
        {
          name: 'regime-lens:content-script-browser',
          enforce: 'pre',
          resolveId(id, importer) {
            return id === '@wxt-dev/webextension-polyfill/browser'
              ? this.resolve('@wxt-dev/browser', importer, { skipSelf: true })
              : null;
          },
        },
        ...(config.plugins ?? []),
        ...(entrypoints.some((e) => e.type === 'content-script') ? [compileAllOnLoad()] : []),
      ];
    },
    // The badge panel's code as its own ES module: built after the extension, web-accessible on the badge's sites
    // only (their origins: Chrome takes no path there), for the content script's import at the panel's first open.
    'build:done': (wxt) => buildPanelModule(wxt.config.root, wxt.config.outDir),
    'build:manifestGenerated': (_wxt, manifest) => {
      const origins = [...new Set(BADGE_MATCHES.map((m) => m.replace(/^(https:\/\/[^/]+)\/.*$/, '$1/*')))].sort();
      const entry = { matches: origins, resources: [PANEL_MODULE.slice(1)], use_dynamic_url: true };
      manifest.web_accessible_resources = [...(manifest.web_accessible_resources ?? []), entry] as never;
    },
    'prepare:publicPaths': (_wxt, paths) => void paths.push(PANEL_MODULE.slice(1)),
    // One message fragment per feature (lib/i18n/messages/*.json) becomes _locales/<lang>/messages.json.
    'build:publicAssets': (_wxt, files) => {
      for (const [lang, messages] of Object.entries(loadLocales())) {
        files.push({ relativeDest: `_locales/${lang}/messages.json`, contents: JSON.stringify(messages, null, 1) });
      }
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: DEFAULT_LOCALE,
    permissions: ['storage', 'alarms', 'notifications'],
    // Only the public APIs the worker reads; the trading sites come in through content_scripts matches.
    host_permissions: API_ORIGINS.map((o) => `${o}/*`),
    content_security_policy: {
      extension_pages: `script-src 'self'; object-src 'self'; connect-src ${API_ORIGINS.join(' ')}`,
    },
    action: { default_title: 'Regime Lens' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'regime-lens@regime-lens.dev',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});

/**
 * V8's explicit compile hint (https://v8.dev/blog/explicit-compile-hints, Chrome 136): a script whose first line is
 * `//# allFunctionsCalledOnLoad` has every function compiled with the script, not each one lazily on its first call
 * (parsed twice then: pre-parsed with the script, parsed again to compile). Nearly all of the content script runs on
 * every page load (the panel's code is a module of its own). In a trace with V8's compile events, compiling took 2.5
 * of its 5.2 ms of main-thread time; with the hint its thread time per page load went from 4.7 to 4.1 ms (6
 * alternating browser launches of 10 runs each). Other engines read a comment.
 */
function compileAllOnLoad(): Plugin {
  return {
    name: 'regime-lens:compile-all-on-load',
    enforce: 'post',
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle))
        if (chunk.type === 'chunk') chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
    },
  };
}

/** components/badge/panel.ts and what it imports, as one minified ES module at PANEL_MODULE in the output. */
async function buildPanelModule(root: string, outDir: string): Promise<void> {
  const out = join(outDir, PANEL_MODULE);
  await viteBuild({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { alias: { '@': root } },
    build: {
      outDir: join(out, '..'),
      emptyOutDir: false,
      copyPublicDir: false,
      modulePreload: false,
      // Not Vite's library mode, which leaves an ES module's whitespace in; its exports kept all the same.
      rollupOptions: {
        input: join(root, 'components/badge/panel.ts'),
        preserveEntrySignatures: 'strict',
        output: { format: 'es', entryFileNames: basename(out) },
      },
    },
  });
}

/**
 * The popup's HTML also modulepreloads the Charts tab and lightweight-charts (both imported dynamically, after the
 * first render): they are fetched and compiled while the stage renders, and evaluated only when asked for. Measured
 * in the bench (BENCHMARKS.md, section 2): the first chart about 15 ms sooner, the stage no later.
 */
function preloadCharts(): Plugin {
  const wanted = [/[\\/]lightweight-charts[\\/]/, /[\\/]components[\\/]popup[\\/]Charts\.tsx$/];
  return {
    name: 'regime-lens:preload-charts',
    enforce: 'post',
    generateBundle(_, bundle) {
      const html = Object.values(bundle).find((f) => f.fileName === 'entrypoints/popup/index.html');
      if (!html || html.type !== 'asset') return;
      const chunks = wanted.map((re) =>
        Object.values(bundle).find((c) => c.type === 'chunk' && c.isDynamicEntry && re.test(c.facadeModuleId ?? '')),
      );
      if (chunks.some((c) => !c)) this.error('popup preload: the Charts or lightweight-charts chunk is missing');
      const links = chunks.map((c) => `<link rel="modulepreload" crossorigin href="/${c!.fileName}">`).join('\n    ');
      html.source = String(html.source).replace('</head>', `  ${links}\n  </head>`);
    },
  };
}
