import { SNAPSHOT_VERSION, type Snapshot } from './types';

const STAGES = new Set(['btc-season', 'eth-rotation', 'mixed', 'alt-rotation', 'altseason', 'unknown']);
const TRI = new Set(['yes', 'no', 'unknown']);

/**
 * Structural check of a stored snapshot before any view trusts it. Returns the reason it is unusable,
 * or null when it is good. A snapshot from another version, a half-written or hand-edited one is refused.
 */
export function snapshotProblem(v: unknown): string | null {
  if (!isObj(v)) return 'not an object';
  if (v.version !== SNAPSHOT_VERSION) return `version ${String(v.version)} is not ${SNAPSHOT_VERSION}`;
  if (typeof v.computedAt !== 'number' || !Number.isFinite(v.computedAt)) return 'computedAt is not a time';
  const e = v.evaluation;
  if (!isObj(e)) return 'evaluation missing';
  if (typeof e.asOf !== 'string' || typeof e.today !== 'string') return 'evaluation dates missing';
  const p = e.phase;
  if (!isObj(p)) return 'phase missing';
  if (typeof p.stage !== 'string' || !STAGES.has(p.stage)) return `unknown stage ${String(p.stage)}`;
  if (!Array.isArray(p.reasons) || !Array.isArray(p.flags) || !isObj(p.setup) || !isObj(p.flagStates))
    return 'phase incomplete';
  if (!TRI.has(p.setup.state as string)) return `setup is ${String(p.setup.state)}`;
  for (const k of ['russell', 'asi', 'dominance', 'ethbtc', 'total3', 'fearGreed']) {
    if (!(k in e)) return `signal ${k} missing`;
    const s = e[k];
    if (s !== null && !isObj(s)) return `signal ${k} malformed`;
    if (isObj(s) && s.value !== null && (typeof s.value !== 'number' || !Number.isFinite(s.value)))
      return `signal ${k} value is not a number`;
  }
  if (!isObj(v.sparklines) || !isObj(v.sources) || !isObj(v.hysteresis) || !isObj(v.served))
    return 'snapshot incomplete';
  return null;
}

export function isSnapshot(v: unknown): v is Snapshot {
  return snapshotProblem(v) === null;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
