/**
 * Locale messages live in one fragment per feature (lib/i18n/messages/<feature>.json), each holding
 * every language: `{ "en": { key: { message, placeholders? } }, "zh_CN": { … } }`. The build merges
 * them into `_locales/<lang>/messages.json`, so features never edit a shared file.
 */
export interface ChromeMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/**
 * A message as a fragment writes it: a long one may be an array of pieces, joined without a separator,
 * so the files keep within the 120-column line limit (a JSON string cannot wrap).
 */
export type FragmentMessage = Omit<ChromeMessage, 'message'> & { message: string | readonly string[] };

export type Fragment = Record<string, Record<string, FragmentMessage>>;

/** A fragment message's text, its pieces joined. */
export const messageText = (m: FragmentMessage): string =>
  typeof m.message === 'string' ? m.message : m.message.join('');

export const LOCALES = ['en', 'zh_CN'] as const;
export const DEFAULT_LOCALE = 'en';

/** Merges fragments per language; a key defined by two fragments is an error, not a silent override. */
export function mergeFragments(
  fragments: { name: string; data: Fragment }[],
): Record<string, Record<string, ChromeMessage>> {
  const out: Record<string, Record<string, ChromeMessage>> = {};
  const owner = new Map<string, string>();
  for (const { name, data } of fragments) {
    for (const [lang, messages] of Object.entries(data)) {
      const target = (out[lang] ??= {});
      for (const [key, msg] of Object.entries(messages)) {
        const seen = owner.get(`${lang}:${key}`);
        if (seen) throw new Error(`i18n: "${key}" (${lang}) is defined in both ${seen} and ${name}`);
        owner.set(`${lang}:${key}`, name);
        target[key] = { ...msg, message: messageText(msg) };
      }
    }
  }
  return out;
}
