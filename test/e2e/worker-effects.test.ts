/**
 * The worker's visible effects in real Chromium against the API emulator: the toolbar badge follows the
 * snapshot; a threshold saved in the options page changes the computed stage at once without a request,
 * and that stage change raises exactly one browser notification, also after further evaluations.
 *
 * Which fixture day is "today" depends on the weekday the suite runs (the data is shifted by whole weeks), so
 * the thresholds that move the stage are derived from the ASI the worker computed, never fixed numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thresholdsThatMove } from '../support/thresholds';
import { SKIP, startWorld, storageValue, suiteName, waitFor, type World } from '../support/e2e';

describe.skipIf(SKIP)(suiteName('worker effects in Chromium'), () => {
  let w: World;
  const notifications = () =>
    w.ext.serviceWorker.evaluate(() => (globalThis as any).chrome.notifications.getAll()) as Promise<
      Record<string, boolean>
    >;
  const toolbar = () =>
    w.ext.serviceWorker.evaluate(async () => {
      const a = (globalThis as any).chrome.action;
      return {
        text: await a.getBadgeText({}),
        title: await a.getTitle({}),
        color: await a.getBadgeBackgroundColor({}),
      };
    }) as Promise<{ text: string; title: string; color: number[] }>;

  beforeAll(async () => {
    w = await startWorld();
    await w.waitForSnapshot();
  }, 180_000);

  afterAll(async () => {
    await w?.close();
  });

  it('shows the ASI and the stage on the toolbar badge', async () => {
    const s = (await w.snapshot())!;
    await waitFor(toolbar, (t) => t.text === String(s.evaluation.asi!.value), 'the toolbar badge to show the ASI');
    expect((await toolbar()).title).toContain(`ASI ${s.evaluation.asi!.value}`);
    expect(await notifications()).toEqual({}); // the first snapshot only arms the alerts
  });

  it('a threshold saved in options changes the stage without a request, with exactly one notification', async () => {
    const before = (await w.snapshot())!;
    const move = thresholdsThatMove(before.evaluation.asi!.value!, before.evaluation.phase.stage);
    const { target } = move;
    const fields = Object.entries({ stage: move.stage, hysteresis: move.hysteresis }).flatMap(([section, o]) =>
      Object.entries(o).map(([k, v]) => [`${section}-${k}`, v] as const),
    );
    expect(before.evaluation.phase.stage).not.toBe(target);
    const colorBefore = (await toolbar()).color;
    w.emu.resetLog();
    const page = await w.ext.context.newPage();
    await page.goto(w.ext.extensionUrl('options.html'));
    for (const [id, v] of fields) await page.fill(`#f-${id}`, String(v));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const moved = await waitFor(
      w.snapshot,
      (s) => s?.evaluation.phase.stage === target,
      `the stage to become ${target}`,
      { timeout: 30_000 },
    );
    expect(w.emu.requests).toHaveLength(0);
    const ids = await waitFor(
      async () => Object.keys(await notifications()),
      (k) => k.length > 0,
      'the notification',
      { timeout: 10_000 },
    );
    expect(ids).toEqual([`stage:${before.evaluation.phase.stage}>${target}:${moved!.evaluation.asOf}`]);
    expect((await toolbar()).color).not.toEqual(colorBefore);
    // Evaluated again (refresh now): still exactly that one notification, and the detector knows it.
    const after = moved!.computedAt;
    expect(
      await page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'refresh-now' })),
    ).toMatchObject({ ok: true, failed: [] });
    await waitFor(w.snapshot, (s) => s!.computedAt > after, 'the refreshed snapshot');
    expect(Object.keys(await notifications())).toEqual(ids);
    const alertState = await storageValue<{ fired: Record<string, unknown> }>(w.ext, 'alertState');
    expect(Object.keys(alertState!.fired).filter((k) => k.startsWith('stage:'))).toEqual(ids);
    await page.close();
    expect(w.ext.errors).toEqual([]);
  });
});
