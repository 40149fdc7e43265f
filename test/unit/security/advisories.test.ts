/**
 * The offline half of the dependency audit. `npm audit --omit=dev` cannot reach the advisories
 * endpoint from this sandbox (HTTP 405, see SECURITY.md), so the advisories known for the runtime
 * dependencies are listed here with their source, and both the locked version and the lowest version
 * package.json allows must be outside every affected range. A new runtime dependency fails the
 * first test until it is reviewed and listed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/paths';

const ROOT = REPO_ROOT;
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean }>;
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

type Range = { from: string; below: string };
/** Known advisories of the runtime packages: id, where it was read, the affected ranges. */
const ADVISORIES: Record<string, { id: string; source: string; affected: Range[] }[]> = {
  preact: [
    {
      id: 'CVE-2026-22028 (JSON VNode injection)',
      source: 'github.com/endatix/endatix-hub/issues/324, github.com/alpha123/uma-tools/pull/80',
      affected: [
        { from: '10.26.5', below: '10.26.10' },
        { from: '10.27.0', below: '10.27.3' },
        { from: '10.28.0', below: '10.28.2' },
      ],
    },
  ],
  valibot: [
    {
      id: 'GHSA-vqpr-j7v3-hqw9 (EMOJI_REGEX ReDoS)',
      // First published as 0.31.0 to 1.1.0; later reports name versions up to 1.4.1, so the wider range is used.
      source: 'github.com/remix-run/react-router/issues/14623, github.com/redtidev1918/TelePost/pull/85',
      affected: [{ from: '0.31.0', below: '1.5.0' }],
    },
  ],
  'lightweight-charts': [],
  'fancy-canvas': [],
};

const parse = (v: string) => v.split('-')[0]!.split('.').map(Number) as [number, number, number];
function cmp(a: string, b: string): number {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}
const inRange = (v: string, r: Range) => cmp(v, r.from) >= 0 && cmp(v, r.below) < 0;

describe('runtime dependencies vs known advisories', () => {
  const runtime = Object.entries(lock.packages)
    .filter(([path, p]) => path.startsWith('node_modules/') && !p.dev && !p.devOptional)
    .map(([path, p]) => ({ name: path.slice('node_modules/'.length), version: p.version! }));

  it('ships exactly the reviewed packages', () => {
    expect(runtime.map((p) => p.name).sort()).toEqual(Object.keys(ADVISORIES).sort());
  });

  it('the locked versions are outside every affected range', () => {
    const hits = runtime.flatMap((p) =>
      ADVISORIES[p.name]!.filter((a) => a.affected.some((r) => inRange(p.version, r))).map(
        (a) => `${p.name}@${p.version}: ${a.id}`,
      ),
    );
    expect(hits).toEqual([]);
  });

  it('the lowest version package.json allows is outside them too (no install without the lockfile can regress)', () => {
    const hits = Object.entries(pkg.dependencies).flatMap(([name, spec]) => {
      const floor = spec.replace(/^[\^~>=]+/, '');
      return (ADVISORIES[name] ?? [])
        .filter((a) => a.affected.some((r) => inRange(floor, r)))
        .map((a) => `${name} ${spec}: ${a.id}`);
    });
    expect(hits).toEqual([]);
  });

  it('the range check itself flags an affected version', () => {
    expect(inRange('10.27.2', ADVISORIES.preact![0]!.affected[1]!)).toBe(true);
    expect(inRange('10.27.3', ADVISORIES.preact![0]!.affected[1]!)).toBe(false);
    expect(inRange('1.1.0', ADVISORIES.valibot![0]!.affected[0]!)).toBe(true);
  });
});
