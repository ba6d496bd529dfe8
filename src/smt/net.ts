/**
 * The view of a place/transition net the SMT checks need. `src/smt` may not import `src/petri`
 * (DESIGN.md), so it states the shape it reads; a `PetriNet` of `src/petri` has this shape.
 *
 * Places and transitions are dense indices; arcs carry positive integer weights. The firing rule
 * read here is petri's: `t` is enabled in `m` iff `m(p) ≥ w` for every input arc, `m(p) < w` for
 * every inhibitor arc, and `m(p) + Δ(t,p) ≤ capacity(p)` for every place with a capacity that
 * `t` fills (Δ = post − pre > 0); firing subtracts the inputs and adds the outputs.
 */

export interface SmtArc {
  readonly place: number;
  readonly weight: number;
}

export interface SmtPlace {
  /** Initial tokens (non-negative integer). */
  readonly initial: number;
  /** Maximum tokens, if the place has a capacity. */
  readonly capacity?: number;
}

export interface SmtTransition {
  readonly pre: readonly SmtArc[];
  readonly post: readonly SmtArc[];
  readonly inhibitors: readonly SmtArc[];
}

export interface SmtNet {
  readonly places: readonly SmtPlace[];
  readonly transitions: readonly SmtTransition[];
}

/**
 * Resolves the names used in formulas (`tokens(p)`, `fireable(t)`) to indices; throws on an
 * unknown name (the caller's binding decides what a name means).
 */
export interface NetNames {
  place(name: string): number;
  transition(name: string): number;
}

/** Is transition `t` enabled in marking `m` (the firing rule above)? */
export function isEnabled(net: SmtNet, m: ArrayLike<number>, t: number): boolean {
  const tr = net.transitions[t];
  if (!tr.pre.every((a) => m[a.place] >= a.weight) || !tr.inhibitors.every((a) => m[a.place] < a.weight)) return false;
  return tr.post.every((a) => {
    const capacity = net.places[a.place].capacity;
    const delta = effect(tr, a.place);
    return capacity === undefined || delta <= 0 || m[a.place] + delta <= capacity;
  });
}

/** The marking reached by firing `sequence` from the initial marking (enabledness not checked). */
export function markingAfter(net: SmtNet, sequence: readonly number[]): number[] {
  const m = net.places.map((p) => p.initial);
  for (const t of sequence) {
    for (const a of net.transitions[t].pre) m[a.place] -= a.weight;
    for (const a of net.transitions[t].post) m[a.place] += a.weight;
  }
  return m;
}

/** Σ post − Σ pre of transition `t` on place `p` (0 when unconnected). */
export function effect(t: SmtTransition, p: number): number {
  let d = 0;
  for (const a of t.post) if (a.place === p) d += a.weight;
  for (const a of t.pre) if (a.place === p) d -= a.weight;
  return d;
}

/**
 * The incidence matrix by place: for each place, the transitions that change it and by how much
 * (post − pre, non-zero entries only, transitions ascending).
 */
export function incidenceByPlace(net: SmtNet): { transition: number; delta: number }[][] {
  const rows = net.places.map(() => new Map<number, number>());
  net.transitions.forEach((t, ti) => {
    for (const a of t.post) rows[a.place].set(ti, (rows[a.place].get(ti) ?? 0) + a.weight);
    for (const a of t.pre) rows[a.place].set(ti, (rows[a.place].get(ti) ?? 0) - a.weight);
  });
  return rows.map((row) =>
    [...row.entries()]
      .filter(([, delta]) => delta !== 0)
      .sort((a, b) => a[0] - b[0])
      .map(([transition, delta]) => ({ transition, delta })),
  );
}
