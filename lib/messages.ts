/**
 * Runtime messages are commands only (data travels through storage). Each command is declared here
 * with who may send it; anything else is dropped.
 */
export type Command = { type: 'refresh-now' } | { type: 'open-details' };

export type CommandType = Command['type'];

/** Which senders may issue a command: extension pages (popup, options) or content scripts too. */
const ALLOWED: Record<CommandType, 'extension-page' | 'any-own'> = {
  'refresh-now': 'extension-page',
  'open-details': 'any-own',
};

export interface SenderLike {
  id?: string;
  url?: string;
  tab?: unknown;
}

/** Validates shape and sender: unknown types, extra fields and foreign or unprivileged senders are refused. */
export function acceptCommand(msg: unknown, sender: SenderLike, ownId: string, ownOrigin: string): Command | null {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return null;
  const keys = Object.keys(msg);
  const type = (msg as { type?: unknown }).type;
  if (keys.length !== 1 || typeof type !== 'string' || !Object.hasOwn(ALLOWED, type)) return null;
  if (sender.id !== ownId) return null;
  // Extension pages (popup, options, even in a tab) have our origin; content scripts have the site's.
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(ownOrigin);
  if (ALLOWED[type as CommandType] === 'extension-page' && !fromExtensionPage) return null;
  return { type } as Command;
}
