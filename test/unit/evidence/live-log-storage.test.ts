/**
 * The forward log's storage item (local:evidenceLog, version 1): its fallback, its version mark, and
 * how a stored value of any shape is read (there is no older version to migrate from; a value the
 * reader does not recognise starts the log over rather than breaking the worker or the popup).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyLiveLog, LIVE_LOG_VERSION, normalizeLiveLog } from '../../../lib/evidence/live-log';
import { evidenceLogItem } from '../../../lib/platform/items';

describe('evidence log storage item', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the empty log before anything is stored, and stores it under local:evidenceLog', async () => {
    expect(await evidenceLogItem.getValue()).toEqual(emptyLiveLog());
    const log = { ...emptyLiveLog(), since: '2025-09-18' };
    await evidenceLogItem.setValue(log);
    expect(await fakeBrowser.storage.local.get('evidenceLog')).toEqual({ evidenceLog: log });
    expect(LIVE_LOG_VERSION).toBe(1);
  });

  it('migrate() leaves a version-1 value alone, marked or not (no older version exists)', async () => {
    const log = { ...emptyLiveLog(), since: '2025-09-18' };
    await fakeBrowser.storage.local.set({ evidenceLog: log, evidenceLog$: { v: 1 } });
    await evidenceLogItem.migrate();
    expect(await evidenceLogItem.getValue()).toEqual(log);
    await fakeBrowser.storage.local.set({ evidenceLog: log, evidenceLog$: null });
    await evidenceLogItem.migrate();
    expect(await evidenceLogItem.getValue()).toEqual(log);
  });

  it('a corrupt stored value is read through normalizeLiveLog as an empty log, never thrown on', async () => {
    await fakeBrowser.storage.local.set({ evidenceLog: { events: 'oops' } });
    expect(normalizeLiveLog(await evidenceLogItem.getValue())).toEqual(emptyLiveLog());
  });
});
