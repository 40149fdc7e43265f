/**
 * Run the API emulator standalone for manual use:
 *
 *   npx tsx test/support/emulator/main.ts [--now 2026-03-19T12:00:00Z] [--latency 200]
 *
 * Prints the ports, the Chromium flags and a curl example, then serves until Ctrl-C.
 */
import { startEmulator } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const nowArg = arg('now');
const latencyArg = arg('latency');
const now = nowArg ? Date.parse(nowArg) : undefined;
if (nowArg && Number.isNaN(now)) throw new Error(`--now: not a date: ${nowArg}`);

const emu = await startEmulator({ now, latencyMs: latencyArg ? Number(latencyArg) : undefined });
const lines = [
  'Regime Lens API emulator (test data only)',
  `simulated now : ${new Date(emu.now).toISOString()}`,
  `HTTP          : ${emu.httpUrl}   (send the real host in the "x-emulated-host" header)`,
  `HTTPS         : 127.0.0.1:${emu.httpsPort}   (route by Host/SNI; self-signed test certificate)`,
  '',
  'Chromium flags:',
  ...emu.chromiumArgs.map((a) => `  ${a}`),
  '',
  'Try:',
  `  curl -s -H 'x-emulated-host: data-api.binance.vision' ` +
    `'${emu.httpUrl}/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=3'`,
  `  curl -sk --connect-to api.coingecko.com:443:127.0.0.1:${emu.httpsPort} https://api.coingecko.com/api/v3/global`,
];
console.log(lines.join('\n'));

const stop = () => {
  void emu.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
