/** Shipped sizes: the content script and all JavaScript the popup page loads, gzip as the budgets count it. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  bytes: number;
  /** zlib's default level (6), as test/e2e/badge.test.ts measures the content-script budget. */
  gzip: number;
  /** Level 9 (`gzip -9`), for comparison. */
  gzip9: number;
}

export function sizeOf(path: string, root: string): FileSize {
  const code = readFileSync(path);
  return {
    file: path.slice(root.length + 1),
    bytes: code.length,
    gzip: gzipSync(code).length,
    gzip9: gzipSync(code, { level: 9 }).length,
  };
}

/**
 * Every JS file an HTML page of the build loads: its scripts (classic and module) and modulepreloads, then
 * everything they import (static and dynamic), transitively.
 */
export function pageScripts(outDir: string, html: string): string[] {
  const text = readFileSync(join(outDir, html), 'utf8');
  const queue = [...text.matchAll(/<script[^>]*\ssrc="([^"]+)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
    (m) => join(outDir, (m[1] ?? m[2])!.replace(/^\//, '')),
  );
  const seen = new Set<string>();
  while (queue.length > 0) {
    const f = queue.shift()!;
    if (seen.has(f) || !existsSync(f)) continue;
    seen.add(f);
    const code = readFileSync(f, 'utf8');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["']([^"']+\.js)["']/g)) {
      const spec = m[1]!;
      queue.push(spec.startsWith('/') ? join(outDir, spec.slice(1)) : resolve(dirname(f), spec));
    }
  }
  return [...seen].sort();
}
