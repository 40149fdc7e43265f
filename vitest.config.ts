import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// Two projects: fast unit tests (WXT's fake browser, Preact) and end-to-end tests in real Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // The badge's stylesheets are strings its code appends (?inline): tests see their real text.
          css: { include: [/components\/badge\/.+\.css/] },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One browser at a time: run e2e files one after another in a single fork.
          // (`fileParallelism` is a root-only option; projects use poolOptions.)
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
