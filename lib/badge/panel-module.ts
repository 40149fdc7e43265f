/**
 * Where the build puts the badge panel's own ES module (components/badge/panel.ts, built by wxt.config.ts and
 * web-accessible on the badge's sites only): the content script imports it when the user first opens the panel.
 */
export const PANEL_MODULE = '/content-scripts/badge-panel.js';
