import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

export interface TabSpec {
  id: string;
  label: string;
  panel: ComponentChildren;
}

/**
 * WAI-ARIA tabs: Left/Right/Home/End move between tabs (roving tabindex), Tab moves into the panel.
 * A panel is mounted the first time its tab is shown, then stays mounted (charts are created once per mount);
 * inactive ones are `hidden`. Panels never shown are not built: the first paint renders only the first tab.
 */
export function Tabs({ tabs, label, initial }: { tabs: TabSpec[]; label: string; initial?: string }) {
  const [active, setActive] = useState(initial ?? tabs[0]!.id);
  const seen = useRef(new Set<string>());
  seen.current.add(active);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const select = (id: string, focus: boolean) => {
    setActive(id);
    if (focus) refs.current[id]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === active);
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    select(tabs[to]!.id, true);
  };
  return (
    <>
      <div role="tablist" aria-label={label} onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === active}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === active ? 0 : -1}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            onClick={() => select(t.id, false)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`panel-${t.id}`}
          aria-labelledby={`tab-${t.id}`}
          hidden={t.id !== active}
          tabIndex={0}
        >
          {seen.current.has(t.id) ? t.panel : null}
        </div>
      ))}
    </>
  );
}
