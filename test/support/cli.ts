import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { REPO_ROOT } from './paths';

const ROOT = REPO_ROOT;
const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI entry (as `npm run regime -- …` does) and returns exit code, stdout and stderr. */
export async function regime(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'lib/cli/regime.ts', ...args], {
      cwd: ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as CliResult;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Bad input: a non-zero exit, nothing on stdout, one line on stderr containing `text`, no stack trace. */
export function expectOneLineError(r: CliResult, text: string): void {
  expect(r.code).not.toBe(0);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(text);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}
