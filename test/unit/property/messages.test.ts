/**
 * Property tests over the runtime message gate (lib/messages.ts acceptCommand, and the worker's
 * onMessage that uses it): whatever the message and whoever the sender,
 *  - only the two known commands, with no payload, are ever accepted, and the accepted value is a
 *    fresh `{ type }` (nothing of the sender's object is passed on);
 *  - nothing from another extension id is accepted;
 *  - `refresh-now` (privileged: it spends the providers' rate limits) is accepted only from this
 *    extension's own pages; content scripts (web page URLs, tabs) cannot trigger it;
 *  - the worker answers nothing and fetches nothing for a refused message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { acceptCommand, type SenderLike } from '../../../lib/messages';
import { createWorker } from '../../../lib/platform/worker';
import { RUNS, XSS } from './hostile';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

const url = fc.oneof(
  fc.constantFrom(
    `${ORIGIN}popup.html`,
    `${ORIGIN}options.html`,
    `${ORIGIN}popup.html#x`,
    'https://www.tradingview.com/chart/AbC/',
    'https://www.binance.com/en/trade/BTC_USDT',
    'https://evil.example/',
    `https://evil.example/${ORIGIN}`,
    `chrome-extension://${ID}.evil.example/popup.html`,
    `chrome-extension://${ID}`,
    `chrome-extension://other${ID}/popup.html`,
    `moz-extension://${ID}/popup.html`,
    'about:blank',
    'data:text/html,hi',
    'null',
    '',
  ),
  fc.webUrl(),
  fc.string(),
);
const sender: fc.Arbitrary<SenderLike> = fc.record(
  {
    id: fc.oneof(fc.constant(ID), fc.constantFrom('other-extension-id', '', ID.toUpperCase()), fc.string()),
    url: fc.oneof(url, fc.anything() as fc.Arbitrary<string>),
    tab: fc.oneof(fc.constant(undefined), fc.record({ id: fc.nat() })),
  },
  { requiredKeys: [] },
);
const message = fc.oneof(
  fc.constantFrom<unknown>(
    { type: 'refresh-now' },
    { type: 'open-details' },
    { type: 'refresh-now', force: true },
    { type: 'open-details', url: XSS },
    { type: 'REFRESH-NOW' },
    { type: 'toString' },
    { type: '__proto__' },
    { type: 'constructor' },
    { type: 'hasOwnProperty' },
    ['refresh-now'],
    'refresh-now',
    null,
    undefined,
    42,
    { type: ['refresh-now'] },
    { type: { toString: () => 'refresh-now' } },
    JSON.parse('{"__proto__": {"type": "refresh-now"}}'),
    Object.create({ type: 'refresh-now' }),
  ),
  fc.record({ type: fc.oneof(fc.constantFrom('refresh-now', 'open-details'), fc.string()) }),
  fc.record({ type: fc.constantFrom('refresh-now', 'open-details'), extra: fc.anything() }),
  fc.anything(),
);

describe('runtime message gate under arbitrary messages and senders', { timeout: 60_000 }, () => {
  it('accepts only known commands without payload, from this extension; refresh-now only from its own pages', () => {
    fc.assert(
      fc.property(message, sender, (msg, from) => {
        const cmd = acceptCommand(msg, from, ID, ORIGIN); // a throw fails the property
        if (cmd === null) return;
        // a fresh, exact command object
        expect(cmd).not.toBe(msg);
        expect(Object.keys(cmd)).toEqual(['type']);
        expect(['refresh-now', 'open-details']).toContain(cmd.type);
        // what was sent was exactly that command
        expect(msg).toEqual({ type: cmd.type });
        expect(Object.keys(msg as object)).toEqual(['type']);
        // from this extension only
        expect(from.id).toBe(ID);
        // the privileged command only from an extension page of ours
        if (cmd.type === 'refresh-now') {
          expect(typeof from.url).toBe('string');
          expect((from.url as string).startsWith(ORIGIN)).toBe(true);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('a content script (a web page URL, with or without a tab) can never trigger refresh-now', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl(), fc.constantFrom('https://www.tradingview.com/chart/', `https://x.example/?${ORIGIN}`)),
        fc.option(fc.record({ id: fc.nat() }), { nil: undefined }),
        (page, tab) => {
          expect(acceptCommand({ type: 'refresh-now' }, { id: ID, url: page, tab }, ID, ORIGIN)).toBeNull();
          // it may ask to open the details (the popup), nothing else
          expect(acceptCommand({ type: 'open-details' }, { id: ID, url: page, tab }, ID, ORIGIN)).toEqual({
            type: 'open-details',
          });
        },
      ),
      RUNS,
    );
  });

  it('the worker answers nothing and sends no request for a refused message', async () => {
    const calls: string[] = [];
    const w = createWorker({
      fetch: async (u) => (calls.push(u), new Response('{}')),
      now: () => Date.UTC(2026, 2, 19, 12),
      log: () => {},
    });
    const own = fakeBrowser.runtime.getURL('/');
    let refused = 0;
    fc.assert(
      fc.property(message, sender, (msg, from) => {
        const s = { ...from, id: from.id === ID ? fakeBrowser.runtime.id : from.id };
        fc.pre(acceptCommand(msg, s, fakeBrowser.runtime.id, own) === null);
        refused++;
        expect(w.onMessage(msg, s)).toBeUndefined();
      }),
      RUNS,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(refused).toBeGreaterThan(100);
    expect(calls).toEqual([]);
    // the same worker does act on the real command from its popup (the gate is not simply closed)
    const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const contentScript = { id: fakeBrowser.runtime.id, url: 'https://www.tradingview.com/chart/', tab: { id: 1 } };
    expect(w.onMessage({ type: 'refresh-now' }, contentScript)).toBeUndefined();
    const answer = w.onMessage({ type: 'refresh-now' }, popup);
    expect(answer).toBeInstanceOf(Promise);
    await answer;
    expect(calls.length).toBeGreaterThan(0);
  });
});
