/*
 * The lowest layer: the typed outcome every network call and source returns. Flow: provider → cache →
 * engine → snapshot → storage → views, and this sits under all of it: lib/net (HTTP) and lib/sources speak
 * it and the refresh reports it (when it lived in lib/sources, lib/net had to import upward).
 */

/**
 * Typed outcome of every network source. A source never throws and never invents a value:
 * it returns either data or one of these errors, each with a one-line `message` for the UI.
 * Everything here is plain JSON so errors can be stored and sent between extension contexts.
 */

export type SourceError =
  | { kind: 'http'; status: number; message: string }
  /** 429 (or Binance 418). `retryAt` is epoch ms: from Retry-After, else a default. */
  | { kind: 'rate-limited'; retryAt: number; message: string }
  /** The body is not what we expect; `path` names the field that failed (dot path, `''` = the body). */
  | { kind: 'schema'; path: string; message: string }
  | { kind: 'timeout'; message: string }
  /** HTTP 451, or 403 with a "restricted location" body (Binance / CloudFront). */
  | { kind: 'geo-blocked'; status: number; message: string }
  /** An HTML / Cloudflare / captcha page where JSON was expected. */
  | { kind: 'challenge'; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'too-large'; limit: number; message: string };

export type SourceErrorKind = SourceError['kind'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: SourceError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: SourceError): Result<T> => ({ ok: false, error });

const MAX_MESSAGE = 240;

/** One line, bounded: provider text can contain newlines, HTML or whole stack traces. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

export function schemaError(path: string, message: string): SourceError {
  return { kind: 'schema', path, message: oneLine(message) };
}

/** Re-labels an error's message with the source's name (e.g. "Yahoo ^RUT: …"), keeping the rest. */
export function withContext(error: SourceError, label: string): SourceError {
  return { ...error, message: oneLine(`${label}: ${error.message}`) };
}

/** Maps a successful value, passes errors through. */
export function mapResult<A, B>(r: Result<A>, f: (a: A) => B): Result<B> {
  return r.ok ? ok(f(r.value)) : r;
}
