import { describe, expect, it } from 'vitest';
import { createHostLimiter, limitFetch } from '../../../lib/net/limit';
import { deferred, settle as tick } from '../../support/async';

describe('per-host concurrency limiter', () => {
  it('keeps at most 4 in flight per host and starts the rest in order', async () => {
    const lim = createHostLimiter();
    const gates = Array.from({ length: 7 }, deferred);
    const started: number[] = [];
    let peak = 0;
    let running = 0;
    const all = gates.map((g, i) =>
      lim.run(`https://api.binance.com/api/v3/klines?i=${i}`, async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await g.promise;
        running--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(lim.inFlight('api.binance.com')).toBe(4);
    expect(lim.queued('api.binance.com')).toBe(3);
    gates[2]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    gates.forEach((g) => g.resolve());
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(4);
    expect(lim.inFlight('api.binance.com')).toBe(0);
  });

  it('limits hosts independently', async () => {
    const lim = createHostLimiter();
    const gate = deferred();
    const hosts = ['https://a.example/x', 'https://b.example/x'];
    const runs = hosts.flatMap((h) => Array.from({ length: 5 }, () => lim.run(h, () => gate.promise)));
    await tick();
    expect(lim.inFlight('a.example')).toBe(4);
    expect(lim.inFlight('b.example')).toBe(4);
    gate.resolve();
    await Promise.all(runs);
  });

  it('releases the slot when a task fails', async () => {
    const lim = createHostLimiter(1);
    await expect(lim.run('https://a.example/', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lim.run('https://a.example/', async () => 'next')).toBe('next');
    expect(lim.inFlight('a.example')).toBe(0);
  });

  it('never allows more than 4, whatever it is asked', async () => {
    const lim = createHostLimiter(50);
    const gate = deferred();
    const runs = Array.from({ length: 6 }, () => lim.run('https://a.example/', () => gate.promise));
    await tick();
    expect(lim.inFlight('a.example')).toBe(4);
    gate.resolve();
    await Promise.all(runs);
  });

  it('limitFetch routes every call through the limiter', async () => {
    const lim = createHostLimiter(2);
    const gate = deferred();
    let calls = 0;
    const f = limitFetch(async () => {
      calls++;
      await gate.promise;
      return new Response('{}');
    }, lim);
    const p = [f('https://a.example/1'), f('https://a.example/2'), f('https://a.example/3')];
    await tick();
    expect(calls).toBe(2);
    gate.resolve();
    await Promise.all(p);
    expect(calls).toBe(3);
  });
});
