import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { snapshotItem } from '../../../lib/platform/items';
import { SNAPSHOT_VERSION } from '../../../lib/snapshot/types';
import { isSnapshot } from '../../../lib/snapshot/validate';
import { createWorker } from '../../../lib/platform/worker';
import { DEFAULT_NOW, startEmulator, type Emulator } from '../../support/emulator';
import { recordingShell } from '../../support/shell';
import { realSnapshot } from '../../support/snapshot';

/** What version 1 stored: the setup a boolean, the spill-over window a Russell state. */
function v1Snapshot() {
  const s = realSnapshot('2025-12-18');
  const phase = { ...s.evaluation.phase, setup: false, macro: 'spillover-window' } as Record<string, unknown>;
  delete phase.flagStates;
  delete phase.thesis;
  return { ...s, version: 1, evaluation: { ...s.evaluation, phase } };
}

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: DEFAULT_NOW });
});
afterAll(() => emu.close());

describe('a snapshot of an older shape after an update', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is refused by every reader ("No data", never its v1 "no setup" shown as a fact) and rebuilt by the update', async () => {
    await fakeBrowser.storage.local.set({ snapshot: v1Snapshot() });
    expect(isSnapshot(await snapshotItem.getValue())).toBe(false);
    const logs: string[] = [];
    const w = createWorker({
      fetch: emu.fetch,
      now: () => DEFAULT_NOW,
      random: () => 0.5,
      log: (m) => logs.push(m),
      shell: recordingShell().shell,
    });
    await w.onInstalled();
    const snap = await snapshotItem.getValue();
    expect(isSnapshot(snap)).toBe(true);
    expect(snap!.version).toBe(SNAPSHOT_VERSION);
    expect(['yes', 'no', 'unknown']).toContain(snap!.evaluation.phase.setup.state);
    expect(logs.some((l) => l.includes(`version 1 is not ${SNAPSHOT_VERSION}`))).toBe(true);
  });
});
