/**
 * HTTPS server for the stub trading pages (TEST ONLY), answering for the REAL host names so the
 * content script's real `matches` apply: Chromium maps the names to this server with
 * `--host-resolver-rules` and accepts the test certificate with `--ignore-certificate-errors`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { exchangeTrade, otherPage, tradingViewChart } from './pages';

export const STUB_HOSTS = [
  'www.tradingview.com',
  'www.binance.com',
  'www.coinbase.com',
  'www.bybit.com',
  'www.okx.com',
  'pro.kraken.com',
  'www.bitget.com',
  'www.kucoin.com',
  'app.hyperliquid.xyz',
] as const;

const EXCHANGE_NAMES: Record<string, string> = {
  'www.binance.com': 'Binance',
  'www.coinbase.com': 'Coinbase Advanced',
  'www.bybit.com': 'Bybit',
  'www.okx.com': 'OKX',
  'pro.kraken.com': 'Kraken Pro',
  'www.bitget.com': 'Bitget',
  'www.kucoin.com': 'KuCoin',
  'app.hyperliquid.xyz': 'Hyperliquid',
};

const EMULATOR_CERTS = fileURLToPath(new URL('../emulator/certs/', import.meta.url));
const OWN_CERTS = fileURLToPath(new URL('./certs/', import.meta.url));

/** The emulator's test certificate (its SANs list the site hosts), else a self-signed one of our own. */
function certificate(): { cert: Buffer; key: Buffer } {
  for (const dir of [EMULATOR_CERTS, OWN_CERTS]) {
    if (existsSync(`${dir}cert.pem`) && existsSync(`${dir}key.pem`)) {
      return { cert: readFileSync(`${dir}cert.pem`), key: readFileSync(`${dir}key.pem`) };
    }
  }
  mkdirSync(OWN_CERTS, { recursive: true });
  const san = STUB_HOSTS.map((h) => `DNS:${h}`).join(',');
  execFileSync(
    '/usr/bin/openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '3650',
      '-subj',
      '/CN=Regime Lens stub sites (TEST ONLY)',
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      `${OWN_CERTS}key.pem`,
      '-out',
      `${OWN_CERTS}cert.pem`,
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(`${OWN_CERTS}cert.pem`), key: readFileSync(`${OWN_CERTS}key.pem`) };
}

export interface StubSites {
  port: number;
  /** Chromium switches: the real host names to this server, and the test certificate accepted. */
  chromiumArgs: string[];
  /** Every request served: `host path`. */
  requests: string[];
  close(): Promise<void>;
}

export async function startStubSites(): Promise<StubSites> {
  const requests: string[] = [];
  const server = createServer(certificate(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(`${host} ${req.url}`);
    let html: string | null = null;
    // /no-badge/: the same chart page where no content script is injected (the bench's control runs).
    if (host === 'www.tradingview.com' && /^\/(chart|symbols|no-badge)\//.test(path)) html = tradingViewChart();
    else if (EXCHANGE_NAMES[host] && path !== '/favicon.ico') html = exchangeTrade(EXCHANGE_NAMES[host]!);
    else if ((STUB_HOSTS as readonly string[]).includes(host) && path !== '/favicon.ico') html = otherPage(host, path);
    if (html === null) {
      // No favicon and no 404s: a failed load would show up as a console error in the test's error log.
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // Everything else fails fast: the machine is offline, and the worker's install-time refresh should not hang.
  const rules = [...STUB_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND'].join(', ');
  return {
    port,
    chromiumArgs: [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'],
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
