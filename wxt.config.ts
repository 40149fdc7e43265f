import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
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
    return { plugins: [preact()] };
  },
  hooks: {
    // The content script uses the browser's own promise-based API (WXT's plain `browser`: `browser`
    // in Firefox, `chrome` in Chromium MV3), not webextension-polyfill: the polyfill alone would take
    // a fifth of its 16 KiB gzip budget. Extension pages and the worker keep the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
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
      ];
    },
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
