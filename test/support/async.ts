/** Promise helpers for tests that hold work mid-flight. */

/** A promise resolved or rejected from outside: a request, module or storage read still on its way. */
export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** One macrotask later: what the promises started so far chained has run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
