import { fetchJsonFirst, type FetchFn, type FetchJsonOptions } from '../net/http';
import { fail, withContext, type Result } from '../core/result';

export interface SourceFetchOptions {
  /** Epoch ms: the reference for "future" and "still open" rules, and the default clock. */
  now: number;
  http?: FetchJsonOptions;
}

/**
 * GET the first URL that answers (fallback hosts in order), then parse. Errors are prefixed with the
 * source's label so the UI line says which provider failed.
 */
export async function fetchParsed<T>(
  fetchFn: FetchFn,
  urls: readonly string[],
  o: SourceFetchOptions,
  label: string,
  parse: (json: unknown) => Result<T>,
): Promise<Result<T>> {
  const r = await fetchJsonFirst(fetchFn, urls, { now: () => o.now, ...o.http });
  if (!r.ok) return fail(withContext(r.error, label));
  return parse(r.value);
}
