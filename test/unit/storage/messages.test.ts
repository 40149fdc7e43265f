import { describe, expect, it } from 'vitest';
import { acceptCommand } from '../../../lib/messages';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const popup = { id: ID, url: `${ORIGIN}popup.html` };
const contentScript = { id: ID, url: 'https://www.tradingview.com/chart/', tab: { id: 3 } };

describe('runtime commands', () => {
  it('accepts refresh-now only from the extension’s own pages', () => {
    expect(acceptCommand({ type: 'refresh-now' }, popup, ID, ORIGIN)).toEqual({ type: 'refresh-now' });
    expect(
      acceptCommand({ type: 'refresh-now' }, { ...popup, url: `${ORIGIN}options.html`, tab: { id: 1 } }, ID, ORIGIN),
    ).toEqual({ type: 'refresh-now' });
    expect(acceptCommand({ type: 'refresh-now' }, contentScript, ID, ORIGIN)).toBeNull();
  });

  it('lets content scripts ask to open the details', () => {
    expect(acceptCommand({ type: 'open-details' }, contentScript, ID, ORIGIN)).toEqual({ type: 'open-details' });
  });

  it('refuses other extensions, unknown types and extra payload', () => {
    expect(acceptCommand({ type: 'refresh-now' }, { ...popup, id: 'other' }, ID, ORIGIN)).toBeNull();
    expect(acceptCommand({ type: 'wipe-storage' }, popup, ID, ORIGIN)).toBeNull();
    expect(acceptCommand({ type: 'refresh-now', url: 'https://evil' }, popup, ID, ORIGIN)).toBeNull();
    expect(acceptCommand('refresh-now', popup, ID, ORIGIN)).toBeNull();
    expect(acceptCommand(null, popup, ID, ORIGIN)).toBeNull();
    expect(acceptCommand({ type: 'toString' }, popup, ID, ORIGIN)).toBeNull();
  });
});
