/**
 * Default bounds for nets proven unbounded. `wfverify net` explores without a state or time limit
 * unless asked; on an unbounded net that exploration can never finish and would only stop at the
 * memory bound, long after the fallbacks (pumped runs, state equation, k-induction, best-first
 * search) could have answered. So when neither `--max-states` nor `--timeout` is given and the
 * net is *proven* unbounded — some place has no structural bound from the P-semiflows, and a
 * pumped run (src/petri/analysis/pumping.ts) M0 →ρ M →σ M + Δ with Δ ≥ 0, Δ ≠ 0 exists, so
 * markings grow forever — the explicit search gets {@link UNBOUNDED_NET_MAX_STATES} states.
 *
 * Contract: bounds given by the user are never changed; a bounded net never gets a default bound
 * (the certificate is a real run that repeats forever, never a guess).
 */
import type { RunBounds } from '../core/index.js';
import { type PetriNet, findPumpedPath, structuralPlaceBounds } from '../petri/index.js';

/** The state bound given to the explicit search of a net proven unbounded. */
export const UNBOUNDED_NET_MAX_STATES = 3_000_000;

export interface EffectiveBounds {
  readonly bounds: Partial<RunBounds>;
  /** Why a default bound was set, for the user; undefined when the bounds are unchanged. */
  readonly note?: string;
}

/** `bounds`, or a state bound when none was given and `net` is proven unbounded. */
export function boundsForNet(net: PetriNet, bounds: Partial<RunBounds>): EffectiveBounds {
  if (bounds.maxStates !== undefined || bounds.timeoutMs !== undefined) return { bounds };
  const structural = structuralPlaceBounds(net);
  if (structural.every((b) => b !== undefined)) return { bounds };
  const run = findPumpedPath(net, { holds: () => true, onRay: () => true, maxMarkings: 50_000, deadline: Date.now() + 2_000 });
  if (!run || run.delta.every((d) => d === 0)) return { bounds };
  const grows = run.delta.flatMap((d, p) => (d > 0 ? [net.places[p].id] : [])).slice(0, 3);
  return {
    bounds: { ...bounds, maxStates: UNBOUNDED_NET_MAX_STATES },
    note: `the net is unbounded (a run of ${run.prefix.length + run.cycle.length} firings repeats forever, adding tokens to ${grows.join(', ')}${grows.length < run.delta.filter((d) => d > 0).length ? ', …' : ''}): the explicit search stops after ${UNBOUNDED_NET_MAX_STATES.toLocaleString('en-US')} markings, then the fallbacks try (--max-states or --timeout to choose)`,
  };
}
