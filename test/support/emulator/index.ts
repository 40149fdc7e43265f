/**
 * Local emulator of every live API the extension calls (SIGNALS.md §6), answering in the REAL APIs'
 * shapes with data from test/fixtures/real. TEST-ONLY: see README.md in this folder.
 *
 *   const emu = await startEmulator();            // HTTP + HTTPS on 127.0.0.1, random ports
 *   await fetchBinanceCloses(emu.fetch, { symbol: 'BTCUSDT', now: emu.now });
 *   emu.setFault('api.coingecko.com', { status: 429, retryAfter: '120' });
 *   chromium.launch({ args: emu.chromiumArgs });  // real host names → the HTTPS port
 *   await emu.close();
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEFAULT_NOW, withShift } from './data';
import { createLimits, type RateLimits } from './limits';
import { challengePage, CHALLENGE_HEADERS, defaultStatusBody, drift, hugeJson, nanify } from './faults';
import { binance, BINANCE_HOSTS } from './routes/binance';
import { cmc, CMC_HOST } from './routes/cmc';
import { cmcEtf } from './routes/cmc-etf';
import { coingecko, COINGECKO_HOST } from './routes/coingecko';
import { ALTERNATIVE_ME_HOST, COINLORE_HOST, COINPAPRIKA_HOST, SITE_HOSTS, smallRoutes } from './routes/small';
import { yahoo, YAHOO_HOSTS } from './routes/yahoo';
import type { EmuRequest, EmuResponse, Emulator, EmulatorOptions, Fault, Handler, LogEntry } from './types';

export type { EmuRequest, EmuResponse, Emulator, EmulatorOptions, Fault, Handler, LogEntry } from './types';
export { DEFAULT_NOW, weeksShift } from './data';
export { NULL_CLOSE_DAY, NULL_VOLUME_DAYS } from './routes/yahoo';
export { SITE_HOSTS } from './routes/small';

const CERT_DIR = fileURLToPath(new URL('./certs/', import.meta.url));
/** The header that names the emulated host on the plain-HTTP port. */
export const EMULATED_HOST_HEADER = 'x-emulated-host';

/** Built-in routes per API host. */
const BUILT_IN: Record<string, Handler> = {
  [BINANCE_HOSTS[0]]: binance,
  [BINANCE_HOSTS[1]]: binance,
  [YAHOO_HOSTS[0]]: yahoo,
  [YAHOO_HOSTS[1]]: yahoo,
  [COINGECKO_HOST]: coingecko,
  [CMC_HOST]: (req) => cmcEtf(req) ?? cmc(req),
  [COINPAPRIKA_HOST]: smallRoutes.coinpaprika,
  [COINLORE_HOST]: smallRoutes.coinlore,
  [ALTERNATIVE_ME_HOST]: smallRoutes.fng,
};

export const API_HOSTS: readonly string[] = Object.keys(BUILT_IN);
export const ALL_HOSTS: readonly string[] = [...API_HOSTS, ...SITE_HOSTS];

/** Real APIs that send `Access-Control-Allow-Origin: *` (Yahoo does not for foreign origins). */
const CORS_STAR = new Set([
  ...BINANCE_HOSTS,
  COINGECKO_HOST,
  CMC_HOST,
  COINPAPRIKA_HOST,
  COINLORE_HOST,
  ALTERNATIVE_ME_HOST,
]);

function notFound(host: string, path: string): EmuResponse {
  if ((BINANCE_HOSTS as readonly string[]).includes(host)) return { status: 404, text: '', headers: {} };
  if ((YAHOO_HOSTS as readonly string[]).includes(host)) {
    return {
      status: 404,
      json: { finance: { result: null, error: { code: 'Not Found', description: 'HTTP 404 Not Found' } } },
    };
  }
  if (host === COINGECKO_HOST)
    return { status: 404, json: { error: 'Incorrect path. Please check https://www.coingecko.com/api/documentation' } };
  return { status: 404, json: { error: `emulator: no route for ${host}${path}` } };
}

function faultLabel(f: Fault): string {
  return f.kind ?? `status:${f.status}`;
}

function decodePath(raw: string): string {
  return raw
    .split('/')
    .map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        return seg;
      }
    })
    .join('/');
}

interface ActiveFault {
  fault: Fault;
  left: number;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const key = readFileSync(CERT_DIR + 'key.pem');
  const certPem = readFileSync(CERT_DIR + 'cert.pem', 'utf8');
  const spkiHash = createHash('sha256')
    .update(new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');

  const shift = opts.shiftDays ?? 0;
  withShift(shift, () => undefined); // validates the shift up front
  let now = opts.now ?? DEFAULT_NOW;
  /** Wall time when the clock was last set: the rate limits' clock runs on from `now` with real time. */
  let nowSetAt = Date.now();
  const limits = createLimits(opts.limits);
  const limitNow = () => now + (Date.now() - nowSetAt);
  let globalLatency = opts.latencyMs ?? 0;
  const hostLatency = new Map<string, number>();
  const faults = new Map<string, ActiveFault>();
  const extra = new Map<string, Handler[]>();
  const log: LogEntry[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  const checkHost = (host: string) => {
    if (!ALL_HOSTS.includes(host) && !extra.has(host))
      throw new Error(`emulator: unknown host "${host}" (known: ${ALL_HOSTS.join(', ')})`);
  };

  function takeFault(host: string, path: string): Fault | undefined {
    const a = faults.get(host);
    if (!a) return undefined;
    const p = a.fault.path;
    if (p !== undefined && !(typeof p === 'string' ? path.includes(p) : p.test(path))) return undefined;
    if (--a.left <= 0) faults.delete(host);
    return a.fault;
  }

  function route(req: EmuRequest): EmuResponse {
    for (const h of extra.get(req.host) ?? []) {
      const r = h(req);
      if (r) return r;
    }
    const builtIn = BUILT_IN[req.host];
    if (builtIn) return builtIn(req) ?? notFound(req.host, req.path);
    if ((SITE_HOSTS as readonly string[]).includes(req.host)) return smallRoutes.sitePage(req);
    return { status: 421, json: { error: `emulator: unknown host "${req.host}"` } };
  }

  /** Serializes a normal answer, applying a body-rewriting fault. */
  function render(
    r: EmuResponse,
    fault: Fault | undefined,
  ): { status: number; headers: Record<string, string>; body: Buffer; chunked?: boolean } {
    const headers: Record<string, string> = { ...(r.headers ?? {}) };
    let json = r.json;
    if (json !== undefined && fault?.kind === 'drift')
      json = fault.transform ? fault.transform(structuredClone(json)) : drift(json);
    if (json !== undefined && fault?.kind === 'nan') json = nanify(json);
    let body: Buffer;
    if (json !== undefined) {
      body = Buffer.from(JSON.stringify(json), 'utf8');
      headers['content-type'] ??= 'application/json; charset=utf-8';
    } else {
      body = Buffer.from(r.text ?? '', 'utf8');
      if (r.text) headers['content-type'] ??= 'text/plain; charset=utf-8';
    }
    if (fault?.kind === 'truncated') body = body.subarray(0, Math.floor(body.length / 2));
    return { status: r.status, headers, body };
  }

  function answer(
    host: string,
    er: EmuRequest,
    fault: Fault | undefined,
  ): { status: number; headers: Record<string, string>; body: Buffer; chunked?: boolean } {
    if (fault && fault.kind === undefined) {
      const d = defaultStatusBody(host, fault.status);
      const headers: Record<string, string> = { 'content-type': d.contentType, ...(fault.headers ?? {}) };
      let body = d.body;
      if (fault.body !== undefined) {
        body = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
        if (!fault.headers?.['content-type']) {
          headers['content-type'] =
            typeof fault.body === 'string' && fault.body.trimStart().startsWith('<')
              ? 'text/html; charset=utf-8'
              : typeof fault.body === 'string'
                ? 'text/plain; charset=utf-8'
                : 'application/json; charset=utf-8';
        }
      }
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      return { status: fault.status, headers, body: Buffer.from(body, 'utf8') };
    }
    if (fault?.kind === 'challenge')
      return {
        status: fault.status ?? 200,
        headers: { ...CHALLENGE_HEADERS },
        body: Buffer.from(challengePage(host), 'utf8'),
      };
    if (fault?.kind === 'huge') {
      return {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: hugeJson(fault.bytes ?? 10 * 1024 * 1024),
        chunked: fault.chunked,
      };
    }
    return render(route(er), fault);
  }

  function onRequest(protocol: 'http' | 'https') {
    return (req: IncomingMessage, res: ServerResponse) => {
      const rawPath = req.url ?? '/';
      const headerHost = protocol === 'http' ? req.headers[EMULATED_HOST_HEADER] : undefined;
      const hostHeader = (typeof headerHost === 'string' && headerHost) || req.headers.host || '';
      const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
      const entry: LogEntry = {
        at: Date.now(),
        simNow: now,
        protocol,
        method: req.method ?? 'GET',
        host,
        path: rawPath,
        status: 0,
        bytes: 0,
      };
      log.push(entry);
      req.resume(); // bodies are ignored

      const url = new URL(rawPath, 'http://emulator.invalid');
      const er: EmuRequest = {
        host,
        path: rawPath,
        pathname: decodePath(url.pathname),
        query: url.searchParams,
        method: entry.method,
        now,
      };
      const fault = takeFault(host, rawPath);
      if (fault) entry.fault = faultLabel(fault);
      if (fault?.kind === 'hang') return; // never answer; close() destroys the socket

      let out: ReturnType<typeof answer>;
      const limit = fault || req.method !== 'GET' ? {} : limits.take(host, rawPath, limitNow());
      if (limit.limited) {
        entry.fault = limit.limited.label;
        out = {
          status: limit.limited.status,
          headers: limit.limited.headers,
          body: Buffer.from(limit.limited.body, 'utf8'),
        };
      } else if (req.method === 'OPTIONS') out = { status: 204, headers: {}, body: Buffer.alloc(0) };
      else if (req.method !== 'GET' && req.method !== 'HEAD')
        out = { status: 405, headers: { allow: 'GET, HEAD, OPTIONS' }, body: Buffer.alloc(0) };
      else {
        try {
          out = withShift(shift, () => answer(host, er, fault));
        } catch (e) {
          out = {
            status: 500,
            headers: { 'content-type': 'text/plain' },
            body: Buffer.from(`emulator error: ${e instanceof Error ? e.stack : String(e)}`),
          };
        }
      }
      const headers: Record<string, string> = { date: new Date().toUTCString(), ...out.headers, ...limit.headers };
      if (CORS_STAR.has(host) && !headers['access-control-allow-origin']) headers['access-control-allow-origin'] = '*';
      if (!out.chunked) headers['content-length'] = String(out.body.length);

      const send = () => {
        if (res.destroyed) return;
        entry.status = out.status;
        entry.bytes = req.method === 'HEAD' ? 0 : out.body.length;
        res.writeHead(out.status, headers);
        if (req.method === 'HEAD') res.end();
        else if (out.chunked) {
          // Stream in 64 KiB pieces so the client sees a body without Content-Length.
          const CHUNK = 64 * 1024;
          let off = 0;
          const pump = () => {
            while (off < out.body.length) {
              const piece = out.body.subarray(off, off + CHUNK);
              off += piece.length;
              if (!res.write(piece)) return void res.once('drain', pump);
            }
            res.end();
          };
          pump();
        } else res.end(out.body);
      };
      const delay = hostLatency.get(host) ?? globalLatency;
      if (delay > 0) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, delay);
        timers.add(t);
      } else send();
    };
  }

  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const httpServer = createHttpServer(onRequest('http'));
  const httpsServer = createHttpsServer({ key, cert: certPem }, onRequest('https'));
  httpServer.on('connection', track);
  httpsServer.on('connection', track);
  httpsServer.on('tlsClientError', () => {}); // clients that reject the test certificate

  const listen = (s: Server) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
    });
  const [httpPort, httpsPort] = await Promise.all([listen(httpServer), listen(httpsServer as unknown as Server)]);
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const hostResolverRules = ALL_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${httpsPort}`).join(', ');

  const emuFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : undefined;
    const target = new URL(req ? req.url : String(input));
    const headers = new Headers(req?.headers);
    new Headers(init?.headers).forEach((v, k) => headers.set(k, v));
    headers.set(EMULATED_HOST_HEADER, target.hostname);
    return fetch(`${httpUrl}${target.pathname}${target.search}`, {
      method: init?.method ?? req?.method ?? 'GET',
      headers,
      signal: init?.signal ?? req?.signal ?? null,
      redirect: init?.redirect ?? 'follow',
    });
  };

  const emulator: Emulator = {
    httpUrl,
    httpPort,
    httpsPort,
    hostResolverRules,
    chromiumArgs: [
      `--host-resolver-rules=${hostResolverRules}`,
      `--ignore-certificate-errors-spki-list=${spkiHash}`,
      '--ignore-certificate-errors',
    ],
    spkiHash,
    certPem,
    apiHosts: API_HOSTS,
    siteHosts: SITE_HOSTS,
    fetch: emuFetch,
    get now() {
      return now;
    },
    shiftDays: shift,
    inData: (f) => withShift(shift, f),
    setNow(ms: number) {
      if (!Number.isFinite(ms)) throw new Error('emulator: setNow needs epoch milliseconds');
      // A clock set back (the next test starting over) starts the limits' windows over too.
      if (ms < limitNow()) limits.reset();
      now = ms;
      nowSetAt = Date.now();
    },
    setFault(host: string, fault: Fault | null) {
      checkHost(host);
      if (fault === null) faults.delete(host);
      else faults.set(host, { fault, left: fault.times ?? Infinity });
    },
    clearFaults() {
      faults.clear();
    },
    get limits() {
      return limits.limits;
    },
    setLimits(l: RateLimits | null) {
      limits.set(l);
    },
    setLatency(ms: number | null, host?: string) {
      if (host === undefined) globalLatency = ms ?? 0;
      else {
        checkHost(host);
        if (ms === null) hostLatency.delete(host);
        else hostLatency.set(host, ms);
      }
    },
    route(host: string, handler: Handler) {
      const h = host.toLowerCase();
      const list = extra.get(h) ?? [];
      list.unshift(handler);
      extra.set(h, list);
      return () => {
        const l = extra.get(h);
        if (l) l.splice(l.indexOf(handler), 1);
      };
    },
    get requests() {
      return log;
    },
    resetLog() {
      log.length = 0;
    },
    count(hostOrPredicate?: string | ((e: LogEntry) => boolean)) {
      if (hostOrPredicate === undefined) return log.length;
      if (typeof hostOrPredicate === 'string') return log.filter((e) => e.host === hostOrPredicate).length;
      return log.filter(hostOrPredicate).length;
    },
    async close() {
      if (closing) return;
      closing = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = Promise.all(
        [httpServer, httpsServer].map((s) => new Promise<void>((resolve) => (s as Server).close(() => resolve()))),
      );
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
  return emulator;
}
