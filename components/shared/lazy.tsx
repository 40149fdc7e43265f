import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code is loaded on first render (or earlier by `preload()`), so a page's first paint parses only
 * what it shows. Renders nothing until the code is there; afterwards it renders the component directly.
 */
export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> & { preload: () => Promise<ComponentType<P>> } {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => (loading ??= load().then((c) => (loaded = c)));
  function Lazy(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (!C) void preload().then((c) => setC(() => c));
    }, [C]);
    return C ? <C {...props} /> : null;
  }
  return Object.assign(Lazy, { preload });
}
