/**
 * The shipped Chrome manifest, whole (issue 6, guarantee 8): any key added, removed or changed — a new
 * permission, a web-accessible resource, an externally_connectable entry, a looser CSP, a wider content
 * script match — fails here and must be reviewed (and SECURITY.md updated). Needs no browser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_DIR } from '../support/browser';
import { ensureChromeBuild } from '../support/e2e';
import { REVIEWED_API_ORIGINS, REVIEWED_BADGE_MATCHES, REVIEWED_BADGE_ORIGINS } from '../support/reviewed';

describe('shipped manifest snapshot', () => {
  beforeAll(() => ensureChromeBuild(), 180_000);

  it('is exactly the reviewed manifest', () => {
    const m = JSON.parse(readFileSync(join(CHROME_EXTENSION_DIR, 'manifest.json'), 'utf8'));
    const version = JSON.parse(readFileSync(join(CHROME_EXTENSION_DIR, '..', '..', 'package.json'), 'utf8')).version;
    expect({
      ...m,
      content_scripts: m.content_scripts.map((c: { matches: string[] }) => ({ ...c, matches: [...c.matches].sort() })),
    }).toEqual({
      manifest_version: 3,
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      version,
      icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
      default_locale: 'en',
      permissions: ['storage', 'alarms', 'notifications'],
      host_permissions: REVIEWED_API_ORIGINS.map((o) => `${o}/*`),
      content_security_policy: {
        extension_pages: `script-src 'self'; object-src 'self'; connect-src ${REVIEWED_API_ORIGINS.join(' ')}`,
      },
      action: { default_title: 'Regime Lens', default_popup: 'popup.html' },
      background: { service_worker: 'background.js' },
      options_ui: { open_in_tab: true, page: 'options.html' },
      content_scripts: [{ matches: REVIEWED_BADGE_MATCHES, js: ['content-scripts/badge.js'] }],
      // The badge panel's module, for the content script's import on the badge's sites (origins only).
      web_accessible_resources: [
        {
          matches: REVIEWED_BADGE_ORIGINS,
          resources: ['content-scripts/badge-panel.js'],
          use_dynamic_url: true,
        },
      ],
    });
  });
});
