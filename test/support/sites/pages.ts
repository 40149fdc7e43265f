/**
 * Stub pages for the real trading sites' host names (TEST ONLY). They imitate what matters to the
 * badge, not the sites: TradingView's `theme-dark` class on <html> and a heavy, busy chart DOM;
 * exchanges' trading pages with their own theme classes; SPA navigation by history.pushState.
 */

/** Query flags every stub understands. */
export interface StubFlags {
  /** Leave N host elements as an earlier instance of the content script would (before it runs). */
  staleHosts?: number;
}

const COMMON_SCRIPT = `
const q = new URLSearchParams(location.search);
const stale = Number(q.get('stale-hosts') || 0);
for (let i = 0; i < stale; i++) document.documentElement.append(document.createElement('regime-lens-badge'));
window.__spa = (path) => history.pushState({}, '', path);
// Keys that reach the page (a site's hotkeys): the badge keeps its own keys inside its shadow root.
window.__keys = 0;
addEventListener('keydown', () => window.__keys++);
`;

/** A busy DOM: thousands of nodes, and a "ticker" that rewrites hundreds of them 20 times a second. */
const HEAVY_SCRIPT = `
const book = document.getElementById('book');
const rows = [];
for (let i = 0; i < 3000; i++) {
  const row = document.createElement('div');
  row.className = 'row';
  row.innerHTML = '<span class="p"></span><span class="q"></span><span class="t"></span>';
  book.append(row);
  rows.push(row);
}
let tick = 0;
window.__ticks = () => tick;
setInterval(() => {
  tick++;
  for (let i = 0; i < 200; i++) {
    const r = rows[(tick * 200 + i) % rows.length];
    r.firstChild.textContent = (60000 + Math.random() * 1000).toFixed(2);
    r.children[1].textContent = Math.random().toFixed(4);
  }
  document.getElementById('price').textContent = (60000 + Math.random() * 1000).toFixed(2);
}, 50);
const c = document.getElementById('chart');
const ctx = c.getContext('2d');
function draw() {
  const w = (c.width = c.clientWidth), h = (c.height = c.clientHeight);
  const dark = document.documentElement.classList.contains('theme-dark');
  ctx.fillStyle = dark ? '#131722' : '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = dark ? '#2a2e39' : '#f0f3fa';
  for (let x = 0; x < w; x += 60) { ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, h); ctx.stroke(); }
  for (let y = 0; y < h; y += 50) { ctx.beginPath(); ctx.moveTo(0, y); ctx.lineTo(w, y); ctx.stroke(); }
  let p = h / 2;
  for (let x = 6, i = 0; x < w - 6; x += 9, i++) {
    const o = p, cl = o + Math.sin(i * 0.37) * 18 + Math.cos(i * 0.11) * 9;
    const hi = Math.min(o, cl) - 8 - (i % 5) * 2, lo = Math.max(o, cl) + 8 + (i % 3) * 3;
    ctx.strokeStyle = ctx.fillStyle = cl < o ? '#089981' : '#f23645';
    ctx.beginPath(); ctx.moveTo(x + 3, hi); ctx.lineTo(x + 3, lo); ctx.stroke();
    ctx.fillRect(x, Math.min(o, cl), 6, Math.max(1, Math.abs(cl - o)));
    p = Math.max(40, Math.min(h - 40, cl));
  }
}
draw();
new MutationObserver(draw).observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
`;

function page(opts: { title: string; htmlClass: string; style: string; body: string; script?: string }): string {
  return `<!doctype html>
<html lang="en" class="${opts.htmlClass}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title}</title>
<style>
* { box-sizing: border-box; }
body { margin: 0; font: 13px -apple-system, 'Segoe UI', Roboto, sans-serif; }
${opts.style}
</style>
<script>${COMMON_SCRIPT}</script>
</head>
<body>
${opts.body}
<script>${opts.script ?? ''}</script>
</body>
</html>`;
}

export function tradingViewChart(): string {
  return page({
    title: 'BTCUSD chart (TradingView stub)',
    htmlClass: 'theme-light',
    style: `
body { background: #fff; color: #131722; overflow: hidden; height: 100vh; }
html.theme-dark body { background: #131722; color: #d1d4dc; }
header { height: 38px; display: flex; align-items: center; gap: 8px; padding: 0 8px; border-bottom: 1px solid #e0e3eb; }
html.theme-dark header { border-color: #2a2e39; }
aside { position: absolute; top: 39px; right: 0; bottom: 0; width: 46px; border-left: 1px solid #e0e3eb; }
html.theme-dark aside { border-color: #2a2e39; }
#chart { position: absolute; top: 39px; left: 0; right: 47px; bottom: 0;
    width: calc(100% - 47px); height: calc(100% - 39px); }
#book { position: absolute; left: -10000px; top: 0; }
button { font: inherit; }`,
    body: `<header>
  <strong>BTCUSD</strong> <span id="price">60000.00</span>
  <button id="theme" type="button"
    onclick="const c = document.documentElement.classList; c.toggle('theme-dark'); c.toggle('theme-light')"
    >Theme</button>
  <button id="next" type="button" onclick="__spa('/chart/Xy12Ab/?symbol=BINANCE%3AETHUSDT')">Next symbol</button>
  <button id="leave" type="button" onclick="__spa('/markets/')">Markets</button>
</header>
<canvas id="chart"></canvas>
<aside></aside>
<div id="book"></div>`,
    script: HEAVY_SCRIPT,
  });
}

export function exchangeTrade(name: string): string {
  return page({
    title: `BTC/USDT spot (${name} stub)`,
    htmlClass: '',
    style: `
body { background: #fff; color: #1e2329; }
body.dark { background: #0b0e11; color: #eaecef; }
@media (prefers-color-scheme: dark) { body:not(.light) { background: #0b0e11; color: #eaecef; } }
nav { height: 64px; display: flex; align-items: center; gap: 16px; padding: 0 16px; border-bottom: 1px solid #8884; }
main { display: grid; grid-template-columns: 280px 1fr 320px; height: calc(100vh - 65px); }
section { border-right: 1px solid #8884; padding: 8px; }`,
    body: `<nav><strong>${name}</strong><a href="#">Markets</a><a href="#">Trade</a>
  <button id="dark" type="button" onclick="document.body.classList.toggle('dark')">Dark</button></nav>
<main><section>Order book</section><section>Chart</section><section>Buy / Sell</section></main>`,
  });
}

/** Any other page of a site host (e.g. after an SPA navigation, or not a trading page at all). */
export function otherPage(host: string, path: string): string {
  return page({ title: `${host}${path} (stub)`, htmlClass: '', style: '', body: `<p>${host} stub page</p>` });
}
