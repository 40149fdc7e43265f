import { engineSeries } from '../cache/series-set';
import { toDay } from '../series/dates';
import { EMPTY_HYSTERESIS, type HysteresisState } from '../phase/hysteresis';
import { buildSnapshot } from '../snapshot/build';
import type { PhaseLogEntry, Snapshot } from '../snapshot/types';
import type { RefreshState } from './run';
import { servedFrom } from './run';

/**
 * Evaluates today again from the cached series, without any request: what a settings change needs
 * ("takes effect on the next evaluation without a reload"). Source status and the cross-check are the
 * last refresh's. Re-evaluating a day already stepped replaces that step (see stepHysteresis), so doing
 * this any number of times never advances the confirmation count. Null when nothing is cached.
 */
export function reevaluate(
  state: RefreshState,
  now: number,
): { snapshot: Snapshot; change: PhaseLogEntry | null } | null {
  const set = engineSeries(state.cache, state.universes, state.settings, toDay(now));
  if (Object.keys(set).length === 0) return null;
  return buildSnapshot({
    set,
    settings: state.settings,
    now,
    hysteresis: state.previous?.hysteresis ?? (EMPTY_HYSTERESIS as HysteresisState),
    sources: state.previous?.sources ?? {},
    served: servedFrom(state.cache, set, state.universes, state.meta),
    crossCheck: state.previous?.crossCheck ?? state.meta.crossCheck,
    // A settings change asks nothing: the last ETF flows request's failure still stands.
    etfFlowsError: state.meta.etfFlowsError ?? null,
  });
}
