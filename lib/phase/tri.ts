import type { Reason } from './reasons';

/** The setup and each flag (SIGNALS.md §4): yes, no, or unknown naming the inputs that are missing or stale. */
export type Tri = 'yes' | 'no' | 'unknown';

export interface TriState {
  state: Tri;
  /** The inputs that leave it unknown (empty unless `state` is unknown). */
  missing: Reason['signal'][];
}

/** A tri-state from a Kleene result and the reasons that produced it. */
export function triState(value: boolean | null, reasons: readonly Reason[]): TriState {
  if (value !== null) return { state: value ? 'yes' : 'no', missing: [] };
  return { state: 'unknown', missing: [...new Set(reasons.filter((r) => r.passed === null).map((r) => r.signal))] };
}
