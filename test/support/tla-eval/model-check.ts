/**
 * A reference model checker for wfverify's TLA+ exports, standing in for TLC where TLC cannot
 * run: breadth-first search of the states `Spec`'s `Init` and `[][Next]_vars` generate (TLC's
 * "distinct states"), states without any successor (TLC's deadlocks), the cfg's invariants, and
 * the temporal properties the exports write (`[]P`, `<>P`, `[](P => []Q)`, `[](P => <>Q)`,
 * `P ~> Q` and their conjunctions) under the spec's weak fairness conditions, with TLA+'s
 * semantics: every state may stutter, and `WF_v(A)` holds of a behaviour that takes a
 * non-stuttering `A` step infinitely often or is infinitely often in a state where none is
 * enabled. It shares no code with wfverify's own explorer and checkers.
 */
import { type Assignment, Evaluator, stateKey } from './evaluate.js';
import { type Expr, type TlaModule, type TlcConfig, parseTlaModule, parseTlcConfig } from './syntax.js';
import { scopeProblems } from './scope-check.js';
import { asBool } from './values.js';

export interface TlaCheckResult {
  /** TLC's "distinct states found". */
  readonly states: number;
  /** Reachable states without any successor (TLC reports the first when CHECK_DEADLOCK is TRUE). */
  readonly deadlocks: number;
  /** Each cfg invariant and property: true when it holds. */
  readonly verdicts: ReadonlyMap<string, boolean>;
  /** For each state predicate asked for (`count`), the number of reachable states satisfying it. */
  readonly counts: ReadonlyMap<string, number>;
}

interface Graph {
  readonly states: Assignment[];
  /** States 0 .. initialCount-1 are the initial states. */
  readonly initialCount: number;
  readonly succ: number[][];
  /** Per fairness condition, per state: the successors through a non-stuttering step of its action. */
  readonly fair: number[][][];
}

function conjuncts(e: Expr, ev: Evaluator): Expr[] {
  if (e.k === 'and') return e.args.flatMap((a) => conjuncts(a, ev));
  if (e.k === 'ref' && e.args.length === 0 && ev.mod.defs.has(e.name) && ev.definition(e.name).params.length === 0) {
    const body = ev.definition(e.name).body;
    if (containsTemporal(body)) return conjuncts(body, ev);
  }
  return [e];
}

function containsTemporal(e: Expr): boolean {
  if (e.k === 'always' || e.k === 'eventually' || e.k === 'fair' || e.k === 'stepOrStutter') return true;
  if (e.k === 'and' || e.k === 'or') return e.args.some(containsTemporal);
  if (e.k === 'bin') return e.op === '~>' || containsTemporal(e.l) || containsTemporal(e.r);
  if (e.k === 'not') return containsTemporal(e.arg);
  return false;
}

function explore(ev: Evaluator, spec: Expr): Graph {
  const parts = conjuncts(spec, ev);
  const step = parts.filter((p) => p.k === 'always' && p.arg.k === 'stepOrStutter');
  const fairness = parts.filter((p): p is Extract<Expr, { k: 'fair' }> => p.k === 'fair');
  const init = parts.filter((p) => !containsTemporal(p));
  if (step.length !== 1 || init.length !== 1 || parts.length !== 2 + fairness.length) throw new Error('tla-eval: Spec is not Init /\\ [][Next]_vars /\\ WF...');
  if (fairness.some((f) => f.strong)) throw new Error('tla-eval: strong fairness is outside the subset');
  const next = (step[0] as { arg: Extract<Expr, { k: 'stepOrStutter' }> }).arg.action;
  const index = new Map<string, number>();
  const states: Assignment[] = [];
  const succ: number[][] = [];
  const add = (s: Assignment): number => {
    const key = stateKey(ev.mod, s);
    let i = index.get(key);
    if (i === undefined) {
      i = states.length;
      index.set(key, i);
      states.push(s);
    }
    return i;
  };
  for (const s of ev.enumerate(init[0], { next: new Map() })) add(s);
  const initialCount = states.length;
  for (let i = 0; i < states.length; i++) {
    const out = new Set<number>();
    for (const t of ev.enumerate(next, { cur: states[i], next: new Map() })) out.add(add(t));
    succ.push([...out]);
  }
  const fair = fairness.map((f) =>
    states.map((s, i) => {
      const out = new Set<number>();
      for (const t of ev.enumerate(f.action, { cur: s, next: new Map() })) {
        const j = index.get(stateKey(ev.mod, t));
        if (j === undefined) throw new Error('tla-eval: a fairness action leaves the reachable states');
        if (j !== i) out.add(j);
      }
      return [...out];
    }),
  );
  return { states, initialCount, succ, fair };
}

/** Strongly connected components of the subgraph on `inside` (Tarjan, iterative). */
function sccs(g: Graph, inside: (i: number) => boolean): number[][] {
  const n = g.states.length;
  const idx = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (!inside(root) || idx[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    idx[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const top = work[work.length - 1];
      const [v, k] = top;
      const targets = g.succ[v];
      if (k < targets.length) {
        top[1]++;
        const w = targets[k];
        if (!inside(w)) continue;
        if (idx[w] < 0) {
          idx[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], idx[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) low[work[work.length - 1][0]] = Math.min(low[work[work.length - 1][0]], low[v]);
      if (low[v] === idx[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = false;
          comp.push(w);
        } while (w !== v);
        out.push(comp);
      }
    }
  }
  return out;
}

/**
 * The states of `inside` from which a fair behaviour stays in `inside` forever: those that reach,
 * within `inside`, a component (with stuttering every state is one) meeting every weak fairness
 * condition — some member has no non-stuttering step of the action, or the component has one.
 */
function fairlyAvoiding(g: Graph, inside: (i: number) => boolean): Set<number> {
  const good = new Set<number>();
  for (const comp of sccs(g, inside)) {
    const members = new Set(comp);
    const ok = g.fair.every((perState) => comp.some((s) => perState[s].length === 0 || perState[s].some((t) => members.has(t))));
    if (ok) for (const s of comp) good.add(s);
  }
  // Backwards closure inside `inside`.
  const pred: number[][] = g.states.map(() => []);
  g.succ.forEach((ts, s) => ts.forEach((t) => pred[t].push(s)));
  const work = [...good];
  while (work.length > 0) {
    const t = work.pop() as number;
    for (const s of pred[t]) if (inside(s) && !good.has(s)) (good.add(s), work.push(s));
  }
  return good;
}

function temporalHolds(e: Expr, g: Graph, ev: Evaluator): boolean {
  const holdsAt = (p: Expr) => (i: number) => asBool(ev.eval(p, { cur: g.states[i], next: g.states[i] }), 'a state predicate');
  const all = g.states.map((_, i) => i);
  if (!containsTemporal(e)) return all.slice(0, g.initialCount).every(holdsAt(e));
  if (e.k === 'and') return e.args.every((a) => temporalHolds(a, g, ev));
  if (e.k === 'always' && !containsTemporal(e.arg)) return all.every(holdsAt(e.arg));
  const leadsTo = (p: Expr, q: Expr): boolean => {
    const P = holdsAt(p);
    const Q = holdsAt(q);
    const bad = fairlyAvoiding(g, (i) => !Q(i));
    return all.every((i) => !(P(i) && bad.has(i)));
  };
  if (e.k === 'bin' && e.op === '~>') return leadsTo(e.l, e.r);
  // [](P \/ T) with P a state predicate is [](~P => T).
  const body = e.k === 'always' && e.arg.k === 'or' && e.arg.args.length === 2 && !containsTemporal(e.arg.args[0])
    ? { l: { k: 'not', arg: e.arg.args[0] } as Expr, r: e.arg.args[1] }
    : e.k === 'always' && e.arg.k === 'bin' && e.arg.op === '=>' ? { l: e.arg.l, r: e.arg.r } : undefined;
  if (body && !containsTemporal(body.l)) {
    const [p, rhs] = [body.l, body.r];
    if (rhs.k === 'eventually' && !containsTemporal(rhs.arg)) return leadsTo(p, rhs.arg);
    if (rhs.k === 'always' && !containsTemporal(rhs.arg)) {
      // Every state reachable from a P-state (itself included) satisfies Q.
      const P = holdsAt(p);
      const Q = holdsAt(rhs.arg);
      const seen = new Set(all.filter(P));
      const work = [...seen];
      while (work.length > 0) for (const t of g.succ[work.pop() as number]) if (!seen.has(t)) (seen.add(t), work.push(t));
      return [...seen].every(Q);
    }
  }
  if (e.k === 'eventually' && !containsTemporal(e.arg)) {
    const P = holdsAt(e.arg);
    const bad = fairlyAvoiding(g, (i) => !P(i));
    return !g.states.some((_, i) => i < g.initialCount && bad.has(i));
  }
  throw new Error('tla-eval: temporal property outside the supported shapes');
}

const STANDARD = new Set(['Naturals', 'Integers', 'Sequences']);

/** The module with the variables, constants and definitions of the user modules it EXTENDS (theirs first). */
async function flatten(text: string, library: ReadonlyMap<string, string>): Promise<TlaModule> {
  const mod = await parseTlaModule(text);
  const parts: TlaModule[] = [];
  for (const e of mod.extends) {
    if (STANDARD.has(e)) continue;
    const t = library.get(e);
    if (t === undefined) throw new Error(`tla-eval: module ${e} is not given`);
    parts.push(await flatten(t, library));
  }
  parts.push(mod);
  const defs = new Map<string, TlaModule['defs'] extends ReadonlyMap<string, infer D> ? D : never>();
  for (const p of parts) for (const [n, d] of p.defs) {
    if (defs.has(n)) throw new Error(`tla-eval: ${n} is defined twice`);
    defs.set(n, d);
  }
  const standard = [...new Set(parts.flatMap((p) => p.extends.filter((e) => STANDARD.has(e))))];
  return { name: mod.name, extends: standard, variables: parts.flatMap((p) => p.variables), constants: parts.flatMap((p) => p.constants), defs };
}

/**
 * Checks the module under its cfg: distinct states, deadlocks, every invariant and property.
 * `library` gives the text of the user modules it EXTENDS, by name.
 */
export async function checkTla(
  moduleText: string, cfgText: string, library: ReadonlyMap<string, string> = new Map(), count: readonly string[] = [],
): Promise<TlaCheckResult> {
  const mod: TlaModule = await flatten(moduleText, library);
  const scope = scopeProblems(mod);
  if (scope.length > 0) throw new Error(`tla-eval: SANY would reject the module:\n${scope.join('\n')}`);
  const cfg: TlcConfig = parseTlcConfig(cfgText);
  const ev = new Evaluator(mod, cfg.modelValues);
  const g = explore(ev, ev.definition(cfg.specification).body);
  const verdicts = new Map<string, boolean>();
  for (const name of cfg.invariants) {
    const body = ev.definition(name).body;
    verdicts.set(name, g.states.every((s) => asBool(ev.eval(body, { cur: s, next: s }), name)));
  }
  for (const name of cfg.properties) verdicts.set(name, temporalHolds(ev.definition(name).body, g, ev));
  const counts = new Map(count.map((name) => {
    const body = ev.definition(name).body;
    return [name, g.states.filter((s) => asBool(ev.eval(body, { cur: s, next: s }), name)).length];
  }));
  return { states: g.states.length, deadlocks: g.succ.filter((s) => s.length === 0).length, verdicts, counts };
}
