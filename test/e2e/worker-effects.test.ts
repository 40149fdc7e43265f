/**
 * The worker's visible effects in real Chromium against the API emulator: the toolbar badge follows the
 * snapshot; a threshold saved in the options page changes the computed stage at once without a request,
 * and that stage change raises exactly one browser notification, also after further evaluations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startEmulator, weeksShift, type Emulator } from '../support/emulator';
import { ensureChromeBuild, SKIP, suiteName } from '../support/e2e';
import type { Snapshot } from '../../lib/snapshot/types';

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const SHIFT = weeksShift('2026-03-18', yesterday);

describe.skipIf(SKIP)(suiteName('worker effects in Chromium'), () => {
  let emu: Emulator;
  let ext: ExtensionBrowser;
  const snapshot = () =>
    ext.serviceWorker.evaluate(
      async () => (await (globalThis as any).chrome.storage.local.get('snapshot')).snapshot,
    ) as Promise<Snapshot | undefined>;
  const notifications = () =>
    ext.serviceWorker.evaluate(() => (globalThis as any).chrome.notifications.getAll()) as Promise<
      Record<string, boolean>
    >;
  const toolbar = () =>
    ext.serviceWorker.evaluate(async () => {
      const a = (globalThis as any).chrome.action;
      return {
        text: await a.getBadgeText({}),
        title: await a.getTitle({}),
        color: await a.getBadgeBackgroundColor({}),
      };
    }) as Promise<{ text: string; title: string; color: number[] }>;

  beforeAll(async () => {
    ensureChromeBuild();
    emu = await startEmulator({ now: Date.now(), shiftDays: SHIFT });
    ext = await launchWithExtension({ extraArgs: emu.chromiumArgs });
    for (const end = Date.now() + 60_000; (await snapshot())?.evaluation.asi?.value == null;) {
      if (Date.now() > end) throw new Error('no snapshot with an ASI within 60 s of install');
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 180_000);

  afterAll(async () => {
    await ext?.close();
    await emu?.close();
  });

  it('shows the ASI and the stage on the toolbar badge', async () => {
    const s = (await snapshot())!;
    await expect.poll(async () => (await toolbar()).text).toBe(String(s.evaluation.asi!.value));
    const { title } = await toolbar();
    expect(title).toContain(`ASI ${s.evaluation.asi!.value}`);
    expect(await notifications()).toEqual({}); // the first snapshot only arms the alerts
  });

  it('a threshold saved in options changes the stage without a request, with exactly one notification', async () => {
    const before = (await snapshot())!;
    const asi = before.evaluation.asi!.value!;
    expect(before.evaluation.phase.stage).not.toBe('alt-rotation');
    const colorBefore = (await toolbar()).color;
    emu.resetLog();
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('options.html'));
    await page.locator('#f-stage-altRotationMin').waitFor();
    await page.fill('#f-stage-altRotationMin', String(asi - 4));
    await page.fill('#f-hysteresis-confirmDays', '1');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await snapshot())?.evaluation.phase.stage, { timeout: 30_000 }).toBe('alt-rotation');
    expect(emu.requests).toHaveLength(0);
    await expect.poll(async () => Object.keys(await notifications()), { timeout: 10_000 }).toHaveLength(1);
    const [id] = Object.keys(await notifications());
    expect(id).toMatch(/^stage:[a-z-]+>alt-rotation:\d{4}-\d{2}-\d{2}$/);
    expect((await toolbar()).color).not.toEqual(colorBefore);
    // Evaluated again (refresh now): still exactly that one notification, and the detector knows it.
    const after = (await snapshot())!.computedAt;
    expect(
      await page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'refresh-now' })),
    ).toMatchObject({ ok: true, failed: [] });
    await expect.poll(async () => (await snapshot())!.computedAt).toBeGreaterThan(after);
    expect(Object.keys(await notifications())).toEqual([id]);
    const { alertState } = await ext.serviceWorker.evaluate(() =>
      (globalThis as any).chrome.storage.local.get('alertState'),
    );
    expect(Object.keys(alertState.fired)).toEqual([id]);
    await page.close();
    expect(ext.errors).toEqual([]);
  });
});
