import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeFragments, type Fragment } from './merge';

/** Build-time and test-time reading of every fragment (Node only; never bundled). */
export function loadLocales(dir = join(__dirname, 'messages')) {
  const fragments = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, data: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fragment }));
  return mergeFragments(fragments);
}
