/**
 * The project's WXT config with a private output directory, so `npm run bench` measures its own build even
 * while other builds of the shared .output run (used as `wxt build -c bench/wxt.config.ts`).
 */
import { defineConfig } from 'wxt';
import base from '../wxt.config';
import { BENCH_OUT_DIR } from './paths';

export default defineConfig({ ...base, outDir: BENCH_OUT_DIR });
