/**
 * Structural place bounds used to size the packing of markings: P-semiflows computed under a
 * small budget (a cut-off set is still sound — every returned semiflow is a true invariant —
 * it only covers fewer places). Places not covered get a default width and widen on overflow.
 */
import type { PetriNet } from '../net.js';
import { pSemiflows, placeBoundsFromSemiflows } from './semiflows.js';

/** Default budget: sizing must never cost more than a small fraction of an exploration. */
export const SIZING_BUDGET = { timeoutMs: 1000, maxRows: 20_000 } as const;

/** Sound upper bounds per place (undefined where no P-semiflow was found covering the place). */
export function structuralPlaceBounds(net: PetriNet, budget: { timeoutMs?: number; maxRows?: number } = SIZING_BUDGET): (number | undefined)[] {
  if (net.places.length === 0) return [];
  return placeBoundsFromSemiflows(net, pSemiflows(net, budget));
}
