/**
 * The platform boundary (issue #14). Only lib/platform touches the extension: storage items, the worker shell,
 * the store. The rest of lib/ is pure (runs in Node, the CLI and the tests as it does in the browser), and
 * components/ are views that get data through props: they neither reach storage nor fetch.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** A file's imports (resolved to a root-relative path when relative) and the platform globals it uses. */
function scan(file: string) {
  const text = readFileSync(file, 'utf8');
  const imports = ts
    .preProcessFile(text, true, true)
    .importedFiles.map(({ fileName: spec }) =>
      spec.startsWith('.') ? relative(ROOT, resolve(file, '..', spec)) : spec.replace(/^@\//, ''),
    );
  const uses: string[] = [];
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
      const name = n.expression.text;
      if (name === 'chrome' || name === 'browser') uses.push(`${name}.${n.name.text}`);
    }
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'fetch') uses.push('fetch()');
    if (ts.isIdentifier(n) && (n.text === 'XMLHttpRequest' || n.text === 'WebSocket')) uses.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(src);
  return { file: relative(ROOT, file), imports, uses };
}

const PLATFORM_MODULES = /^(wxt\/browser|wxt\/utils\/storage|webextension-polyfill|@wxt-dev\/)/;
const LIB = tsFiles(join(ROOT, 'lib')).map(scan);
const COMPONENTS = tsFiles(join(ROOT, 'components')).map(scan);
const inPlatform = (f: { file: string }) => f.file.startsWith('lib/platform/');

describe('the platform layer', () => {
  it('is where the extension APIs are called (the scan sees them there)', () => {
    const platform = LIB.filter(inPlatform);
    expect(platform.some((f) => f.imports.includes('wxt/browser'))).toBe(true);
    expect(platform.some((f) => f.imports.includes('wxt/utils/storage'))).toBe(true);
    expect(platform.some((f) => f.uses.some((u) => u.startsWith('browser.')))).toBe(true);
  });

  it('outside lib/platform, lib/ imports no extension API, no view and no entrypoint, and calls no browser global', () => {
    const found = LIB.filter((f) => !inPlatform(f)).flatMap((f) => [
      ...f.imports
        .filter((i) => PLATFORM_MODULES.test(i) || /^(components|entrypoints)\//.test(i))
        .map((i) => `${f.file}: import '${i}'`),
      ...f.uses.filter((u) => /^(chrome|browser)\./.test(u)).map((u) => `${f.file}: ${u}`),
    ]);
    expect(found).toEqual([]);
  });

  it('components/ never import the platform layer or an extension API, and never fetch', () => {
    expect(COMPONENTS.length).toBeGreaterThan(10);
    const found = COMPONENTS.flatMap((f) => [
      ...f.imports
        .filter((i) => PLATFORM_MODULES.test(i) || /^(lib\/platform|entrypoints)\//.test(i))
        .map((i) => `${f.file}: import '${i}'`),
      ...f.uses.map((u) => `${f.file}: ${u}`),
    ]);
    expect(found).toEqual([]);
  });
});
