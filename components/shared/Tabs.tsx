import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

export interface TabSpec {
  id: string;
  label: string;
  panel: ComponentChildren;
}

/**
 * WAI-ARIA tabs: Left/Right/Home/End move between tabs (roving tabindex), Tab moves into the panel.
 * Every panel stays mounted (charts are created once per mount); inactive ones are `hidden`.
 */
export function Tabs({ tabs, label, initial }: { tabs: TabSpec[]; label: string; initial?: string }) {
  const [active, setActive] = useState(initial ?? tabs[0]!.id);
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
          {t.panel}
        </div>
      ))}
    </>
  );
}
