/**
 * docs/EVIDENCE.md is what the CLI prints on the shipped data: its results block equals the output of
 * the command it shows, and its 30-second summary is the CLI's own first lines. Regenerate the doc's
 * block with that command after a change to the data or the computation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { regime } from '../../support/cli';
import { REPO_ROOT } from '../../support/paths';
import { SHIPPED_ARGS } from './shipped';

const doc = readFileSync(join(REPO_ROOT, 'docs/EVIDENCE.md'), 'utf8');

describe('docs/EVIDENCE.md', () => {
  it('shows exactly what `regime evidence` prints on the shipped data, and opens with its summary', async () => {
    const r = await regime('evidence', ...SHIPPED_ARGS);
    expect(r.code).toBe(0);
    const block = /## Results on the shipped data[\s\S]*?```text\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    expect(block).toBe(r.stdout.trimEnd());
    // The command shown is the one run.
    expect(doc.replace(/ \\\n\s+/g, ' ')).toContain(`npm run regime -- evidence ${SHIPPED_ARGS.join(' ')}`);
    const top = doc.slice(doc.indexOf('## In 30 seconds'), doc.indexOf('## What is tested'));
    const summary = r.stdout.split('\n\n')[0]!.split('\n').slice(1);
    expect(summary.length).toBeGreaterThan(5);
    for (const line of summary) expect(top).toContain(line);
  }, 60_000);
});
