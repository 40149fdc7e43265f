import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
// Chrome: `wxt build` (MV3). Firefox: `wxt build -b firefox --mv3`.
// Icons are picked up automatically from public/icon/{16,32,48,128}.png.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Regime Lens',
    description: 'Russell 2000 breakout, Altcoin Season Index and Bitcoin dominance at a glance.',
    permissions: ['storage', 'alarms'],
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
