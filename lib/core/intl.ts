/*
 * Intl formatters are costly to build (hundreds of µs each) and cheap to use: every caller builds each one once.
 */
const built = new Map<string, unknown>();

/** The formatter `make` builds, built on the first call for `key` and reused after; `key` names what it formats. */
export function cachedIntl<T>(key: string, make: () => T): T {
  let f = built.get(key) as T | undefined;
  if (f === undefined) built.set(key, (f = make()));
  return f;
}
