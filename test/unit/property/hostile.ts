/**
 * Arbitraries for the property tests: hostile values and shape drift applied to a valid payload at
 * random places, the checks every parser result must pass, and the one clock the payloads are built for.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { isDay, toDay } from '../../../lib/series/dates';
import type { Series } from '../../../lib/series/types';
import { FUTURE_SKEW_MS } from '../../../lib/sources/parse';
import type { Result, SourceError } from '../../../lib/core/result';

/** The clock every payload below is built for: 2026-03-19 12:00 UTC. */
export const NOW = Date.UTC(2026, 2, 19, 12);
export const DAY_MS = 86_400_000;
/** 00:00 UTC of March `d`, 2026 (ms). */
export const march = (d: number) => Date.UTC(2026, 2, d);
export const sec = (ms: number) => Math.floor(ms / 1000);

/** The XSS probe of issue 6. */
export const XSS = '<img src=x onerror=alert(1)>';

/** Modest runs: each property ~200 cases (the whole folder stays in seconds). */
export const RUNS = { numRuns: 200 } as const;

type Json = unknown;
type Path = (string | number)[];

/** Every path of a value (the root included), objects' keys and arrays' indexes. */
export function paths(x: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(x)) x.forEach((v, i) => paths(v, [...at, i], out));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) paths(v, [...at, k], out);
  return out;
}

function getAt(x: Json, p: Path): Json {
  return p.reduce<Json>(
    (o, k) => (o !== null && typeof o === 'object' ? (o as Record<string | number, Json>)[k] : undefined),
    x,
  );
}

function setAt(root: Json, p: Path, v: Json | typeof DELETE): Json {
  if (p.length === 0) return v === DELETE ? undefined : v;
  const parent = getAt(root, p.slice(0, -1)) as Record<string | number, Json>;
  const key = p[p.length - 1]!;
  if (v === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else parent[key] = v;
  return root;
}

const DELETE = Symbol('delete');

/** Values a provider (or an attacker in the middle) might put anywhere. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    0,
    -1,
    -1e308,
    1e308,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    'NaN',
    'Infinity',
    '-Infinity',
    '',
    ' ',
    '1,5',
    '1e400',
    '-5',
    '0x10',
    '12abc',
    'null',
    'undefined',
    '<html><head><title>Just a moment...</title></head></html>',
    XSS,
    '__proto__',
    'toString',
    null,
    true,
    false,
    {},
    [],
    [[]],
    { value: 1 },
    { 0: 1 },
    // future-dated: seconds and milliseconds, near and far (beyond the Date range too)
    sec(NOW) + 3_600,
    sec(NOW) + 365 * 86_400,
    NOW + DAY_MS,
    NOW + 30 * DAY_MS,
    8.64e15 + 1,
    1e20,
    1e300,
    String(sec(NOW) + 86_400),
    new Date(NOW + 5 * DAY_MS).toISOString(),
    '9999-12-31',
    '2026-02-30',
    // far past / negative times
    -sec(NOW),
    -1e20,
    -8.64e15,
    '1969-12-31',
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** One edit of a payload: a hostile value, a deletion, or a shape drift of what is there. */
type Edit =
  | { op: 'set'; at: number; value: Json }
  | { op: 'delete'; at: number }
  | { op: 'wrap'; at: number } // value → { value }
  | { op: 'box'; at: number } // value → [value]
  | { op: 'bare'; at: number } // object/array → its first leaf
  | { op: 'objectify'; at: number } // array → { "0": …, "1": … }
  | { op: 'huge'; at: number; n: number } // array → its first element repeated n times
  | { op: 'stringify'; at: number }; // number → its string form, anything else → JSON text

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constantFrom('wrap' as const, 'box' as const, 'bare' as const, 'objectify' as const, 'stringify' as const),
      at: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('huge' as const), at: fc.nat(), n: fc.integer({ min: 1_000, max: 5_000 }) }),
  },
);

function firstLeaf(x: Json): Json {
  if (Array.isArray(x)) return x.length ? firstLeaf(x[0]) : null;
  if (x !== null && typeof x === 'object') {
    const v = Object.values(x);
    return v.length ? firstLeaf(v[0]) : null;
  }
  return x;
}

function apply(root: Json, e: Edit): Json {
  const all = paths(root);
  const p = all[e.at % all.length]!;
  const cur = getAt(root, p);
  switch (e.op) {
    case 'set':
      return setAt(root, p, structuredClone(e.value));
    case 'delete':
      return p.length === 0 ? root : setAt(root, p, DELETE);
    case 'wrap':
      return setAt(root, p, { value: cur });
    case 'box':
      return setAt(root, p, [cur]);
    case 'bare':
      return setAt(root, p, firstLeaf(cur));
    case 'objectify':
      return Array.isArray(cur) ? setAt(root, p, Object.fromEntries(cur.map((v, i) => [String(i), v]))) : root;
    case 'stringify':
      return setAt(root, p, typeof cur === 'number' ? String(cur) : (JSON.stringify(cur) ?? 'undefined'));
    case 'huge': {
      if (!Array.isArray(cur) || cur.length === 0) return root;
      return setAt(
        root,
        p,
        Array.from({ length: e.n }, (_, i) => structuredClone(cur[i % cur.length])),
      );
    }
  }
}

/**
 * A valid payload with 0–3 random edits (0 edits: the payload as it is, so the ok path is exercised
 * too), or an arbitrary value altogether.
 */
export function drifted(base: () => Json): fc.Arbitrary<Json> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.array(edit, { maxLength: 3 }).map((edits) => edits.reduce<Json>((x, e) => apply(x, e), base())),
    },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.anything() },
  );
}

const KINDS: SourceError['kind'][] = [
  'http',
  'rate-limited',
  'schema',
  'timeout',
  'geo-blocked',
  'challenge',
  'network',
  'too-large',
];

/** A typed error with a readable reason: a known kind, one short non-empty line naming the source. */
export function expectReadableError(e: SourceError, label: RegExp): void {
  expect(KINDS).toContain(e.kind);
  expect(typeof e.message).toBe('string');
  expect(e.message.trim().length).toBeGreaterThan(0);
  expect(e.message).not.toMatch(/[\r\n]/);
  expect(e.message.length).toBeLessThanOrEqual(240);
  expect(e.message).toMatch(label);
  expect(e.message).not.toMatch(/\[object Object\]|TypeError|RangeError|Cannot read/);
  if (e.kind === 'schema') expect(typeof e.path).toBe('string');
}

/** The latest day a value may carry when read at NOW (the providers' clock skew allowed). */
export const LAST_DAY = toDay(NOW + FUTURE_SKEW_MS);

export interface Range {
  min: number;
  max: number;
  /** min is exclusive (prices, caps). */
  above?: boolean;
}
export const PCT: Range = { min: 0, max: 100 };
export const POSITIVE: Range = { min: 0, max: Number.MAX_VALUE, above: true };
/** A market share such as BTC dominance: 0 means unknown and is never a value. */
export const SHARE: Range = { min: 0, max: 100, above: true };

export function expectInRange(v: unknown, r: Range): void {
  expect(typeof v).toBe('number');
  expect(Number.isFinite(v)).toBe(true);
  const n = v as number;
  expect(r.above ? n > r.min : n >= r.min).toBe(true);
  expect(n).toBeLessThanOrEqual(r.max);
}

/** A series: real days, strictly ascending, none after `lastDay`, every value finite and in range. */
export function expectGoodSeries(s: Series, r: Range, lastDay = LAST_DAY): void {
  expect(typeof s.source).toBe('string');
  expect(s.source.length).toBeGreaterThan(0);
  let prev = '';
  for (const p of s.points) {
    expect(isDay(p.date)).toBe(true);
    expect(p.date > prev).toBe(true);
    expect(p.date <= lastDay).toBe(true);
    expectInRange(p.value, r);
    prev = p.date;
  }
}

/** Runs `parse` on the input: it must not throw, and must return a Result. */
export function safely<T>(parse: () => Result<T>): Result<T> {
  let r: Result<T>;
  try {
    r = parse();
  } catch (err) {
    throw new Error(`parser threw instead of returning a typed error: ${(err as Error)?.stack ?? String(err)}`);
  }
  expect(r === null || typeof r !== 'object').toBe(false);
  expect(typeof r.ok).toBe('boolean');
  return r;
}

/** Counts outcomes over a property's runs, so a test can show both paths were exercised. */
export function tally() {
  const t = { ok: 0, failed: 0 };
  return {
    t,
    see<T>(r: Result<T>) {
      if (r.ok) t.ok++;
      else t.failed++;
      return r;
    },
  };
}
