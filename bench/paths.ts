import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The bench's private build output (bench/wxt.config.ts), apart from the shared .output. */
export const BENCH_OUT_DIR = join(tmpdir(), 'regime-lens-bench-output');
export const BENCH_EXTENSION_DIR = join(BENCH_OUT_DIR, 'chrome-mv3');
