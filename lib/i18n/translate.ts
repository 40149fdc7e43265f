/*
 * Text: the message bundles (./messages/*.json, merged at build) and the Translate function views receive.
 * Flow: provider → cache → engine → snapshot → storage → views; reasons carry codes and arguments, and
 * only here, at the views, do they become English or Chinese.
 */
/** How views get text: a function passed in as a prop, so components never call extension APIs. */
export type Translate = (key: string, ...subs: (string | number)[]) => string;

/**
 * `browser.i18n.getMessage` with a visible fallback: a missing key shows as the key itself (easy to
 * spot in a screenshot), never as an empty string. Memoized per key and arguments: a message does not
 * change while a page lives, and each getMessage goes through the extension bindings (the on-page
 * badge renders a dozen labels per render). The cache is dropped past 500 entries (ages move on).
 */
export function makeTranslate(getMessage: (key: string, subs?: string[]) => string): Translate {
  const memo = new Map<string, string>();
  return (key, ...subs) => {
    const args = subs.map(String);
    const k = [key, ...args].join('\u0000');
    let m = memo.get(k);
    if (m === undefined) {
      if (memo.size > 500) memo.clear();
      memo.set(k, (m = getMessage(key, args) || key));
    }
    return m;
  };
}

/** For tests and Node: a Translate over merged messages of one language, with Chrome's $1/$NAME$ rules. */
export function translateFrom(
  messages: Record<string, { message: string; placeholders?: Record<string, { content: string }> }>,
): Translate {
  return (key, ...subs) => {
    const m = messages[key];
    if (!m) return key;
    const sub = (s: string) => s.replace(/\$(\d)/g, (_, n: string) => String(subs[Number(n) - 1] ?? ''));
    return m.message
      .replace(/\$([A-Za-z0-9_]+)\$/g, (all, name: string) => {
        const p = m.placeholders?.[name.toLowerCase()];
        return p ? sub(p.content) : all;
      })
      .replace(/\$\$/g, '$');
  };
}
