/**
 * Sorting properties of a net by how they are checked:
 *
 * - `bound`: MCC UpperBounds — the maximum of a token sum over the reachable markings;
 * - `reach`: `A G φ` / `E F φ` / `invariant φ` with φ a state formula —
 *   answered on the fly during one exploration, with a shortest witness or counterexample;
 * - `ctl`: fixpoints on the reachability graph, built once for all CTL properties;
 * - `ltl`: an on-the-fly product with a Büchi automaton, one per property.
 */
import { InputError } from '../../core/index.js';
import { type BoundQuery, type Formula, classify, isStateFormula } from '../../logic/index.js';

export type PlannedProperty =
  | { readonly kind: 'bound'; readonly id: string; readonly query: BoundQuery }
  | { readonly kind: 'reach'; readonly id: string; readonly formula: Formula; readonly mode: 'EF' | 'AG'; readonly body: Formula }
  | { readonly kind: 'ctl'; readonly id: string; readonly formula: Formula }
  | { readonly kind: 'ltl'; readonly id: string; readonly formula: Formula };

/** A property as read from a file or the command line. */
export interface NamedProperty {
  readonly id: string;
  readonly formula: Formula | BoundQuery;
  /** The logic the user asked for (`--ctl` / `--ltl`), if any. */
  readonly logic?: 'ctl' | 'ltl';
}

export function planProperty(p: NamedProperty, file: string): PlannedProperty {
  const f = p.formula;
  if (f.kind === 'bound') return { kind: 'bound', id: p.id, query: f };
  const reach = asReachability(f);
  if (reach && p.logic !== 'ltl') return { kind: 'reach', id: p.id, formula: f, ...reach };
  const c = classify(f);
  if (p.logic === 'ltl' || (p.logic === undefined && c.logic === 'ltl')) {
    if (!c.ltl) throw unsupported(p, file, 'it is not an LTL formula', c.reason);
    return { kind: 'ltl', id: p.id, formula: f };
  }
  if (c.ctl) return { kind: 'ctl', id: p.id, formula: f };
  if (c.ltl) return { kind: 'ltl', id: p.id, formula: f };
  throw unsupported(p, file, c.logic === 'atl' ? 'ATL needs a game structure (agents), which P/T nets do not have' : 'it is neither CTL nor LTL (CTL* is not supported)', c.reason);
}

function unsupported(p: NamedProperty, file: string, why: string, reason?: string): InputError {
  return new InputError('WFV2004', `property ${p.id} cannot be checked: ${why}${reason ? ` (${reason})` : ''}`, { location: { file } });
}

/**
 * Recognises `A G φ`, `E F φ` and `invariant φ`. A bare state formula is *not* an invariant
 * here: as in CTL (and the MCC), it is evaluated in the initial state.
 */
export function asReachability(f: Formula): { mode: 'EF' | 'AG'; body: Formula } | undefined {
  if (f.kind === 'invariant' && isStateFormula(f.body)) return { mode: 'AG', body: f.body };
  if (f.kind === 'path' && f.body.kind === 'temporal' && isStateFormula(f.body.arg)) {
    if (f.quantifier === 'A' && f.body.op === 'G') return { mode: 'AG', body: f.body.arg };
    if (f.quantifier === 'E' && f.body.op === 'F') return { mode: 'EF', body: f.body.arg };
  }
  return undefined;
}
