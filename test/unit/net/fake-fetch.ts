import type { FetchFn } from '../../../lib/net/http';

export type Responder = (url: string, init?: RequestInit) => Response | Promise<Response>;

/** A fetch that answers with the given responders in order (the last one repeats) and records calls. */
export function fakeFetch(
  ...responders: Responder[]
): FetchFn & { calls: string[]; inits: Array<RequestInit | undefined> } {
  const calls: string[] = [];
  const inits: Array<RequestInit | undefined> = [];
  const fn = (async (url: string, init?: RequestInit) => {
    calls.push(url);
    inits.push(init);
    const r = responders[Math.min(calls.length - 1, responders.length - 1)];
    if (!r) throw new Error('no responder');
    return r(url, init);
  }) as FetchFn & { calls: string[]; inits: Array<RequestInit | undefined> };
  fn.calls = calls;
  fn.inits = inits;
  return fn;
}

/** A fetch that routes by URL substring. Unmatched URLs get a 404. */
export function routeFetch(routes: Record<string, Responder>): FetchFn & { calls: string[] } {
  const calls: string[] = [];
  const fn = (async (url: string, init?: RequestInit) => {
    calls.push(url);
    for (const [needle, r] of Object.entries(routes)) if (url.includes(needle)) return r(url, init);
    return new Response('not found', { status: 404 });
  }) as FetchFn & { calls: string[] };
  fn.calls = calls;
  return fn;
}

export const json = (body: unknown, init: ResponseInit = {}): Response =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' }, ...init });

/** Options that make fetchJson instant and deterministic. */
export const instant = { sleep: async () => {}, random: () => 0.5, retries: 0 } as const;
