/**
 * TAPAAL's verifypn regression queries (../shared/corpus/tapaal). The checker is given the nets
 * and formulas only; the expected answers of expected.csv (also spelled inside the ids) are
 * compared afterwards, here.
 *
 * Many of these models were exported from TAPAAL's *timed-arc* test suite (families such as
 * transport, urgency, workflow, train): their PNML carries no time guards, so as P/T nets they
 * can behave differently from the timed models their labels were computed for. A disagreement is
 * therefore accepted only when wfverify's answer is confirmed on the P/T net independently: a
 * reachability witness or counterexample is replayed with the test's own firing rule and the
 * formula's state predicate evaluated at its end, or a naive explorer and fixpoint written here
 * (markings as arrays, no packing, no hashing tricks) computes the same answer. Every other
 * disagreement fails. Inconclusive answers (unbounded nets) are counted, never passed.
 *
 * Unbounded nets have no naive reference graph; there, `A F ψ` / `E G ψ` answers are confirmed by a
 * bounded search written here (every path meets ψ within a depth, or a ψ-path closes a cycle or
 * ends in a deadlock), and a disagreement answered by wfverify's state
 * equation (src/smt) is confirmed by the state equation written here again, directly against
 * z3's own API: `E F φ` FALSE / `A G φ` TRUE needs M = M0 + C·x ∧ x, M ≥ 0 ∧ φ(M) (resp. ¬φ) to be
 * unsatisfiable — a sound proof on the P/T net, independent of wfverify's encoder. The counts of
 * agreements, confirmed disagreements and inconclusive answers are pinned at the end.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type Arith, type Bool, type Context, init, killThreads } from 'z3-solver';
import { checkNetProperties } from '../../src/cli/formulas/run.js';
import { type Formula, parseMccXml } from '../../src/logic/index.js';
import { type PetriNet, readPnmlFile } from '../../src/petri/index.js';

const TAPAAL = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/tapaal');
const tally = { agreed: 0, provenDisagreements: 0, inconclusive: 0 };
const disagreements: string[] = [];
/** Every inconclusive answer with its explanation, named when the tally fails. */
const inconclusive: string[] = [];

function expectations(): Map<string, Map<string, string>> {
  if (!existsSync(TAPAAL)) throw new Error(`test corpus not found at ${TAPAAL}: put the shared/ folder beside the project`);
  const rows = readFileSync(join(TAPAAL, 'expected.csv'), 'utf8').trim().split('\n').slice(1);
  const byModel = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const [model, , , id, answer] = row.split(',');
    if (answer !== 'TRUE' && answer !== 'FALSE' && !/^\d+$/.test(answer)) continue; // unlabelled
    if (!byModel.has(model)) byModel.set(model, new Map());
    byModel.get(model)!.set(id, answer);
  }
  return byModel;
}

/** Fires `actions` from the initial marking with a firing rule written here, independently. */
function replay(net: PetriNet, actions: readonly number[]): number[] {
  const m = net.places.map((p) => p.initial);
  for (const t of actions) {
    const tr = net.transitions[t];
    const enabled = tr.pre.every((a) => m[a.place] >= a.weight) && tr.inhibitors.every((a) => m[a.place] < a.weight);
    if (!enabled) throw new Error(`transition ${tr.id} is not enabled`);
    for (const a of tr.pre) m[a.place] -= a.weight;
    for (const a of tr.post) m[a.place] += a.weight;
  }
  return m;
}

/** Evaluates a state formula on a marking (tokens, comparisons, connectives, fireable, deadlock). */
function holds(net: PetriNet, m: number[], f: Formula): boolean {
  const place = (id: string) => net.places.findIndex((p) => p.id === id);
  const enabled = (t: number) => net.transitions[t].pre.every((a) => m[a.place] >= a.weight) && net.transitions[t].inhibitors.every((a) => m[a.place] < a.weight);
  const int = (e: any): number => (e.kind === 'int' ? e.value : e.kind === 'tokens' ? e.places.reduce((s: number, p: string) => s + m[place(p)], 0) : e.args.map(int).reduce((a: number, b: number) => (e.op === '+' ? a + b : e.op === '-' ? a - b : a * b)));
  switch (f.kind) {
    case 'bool': return f.value;
    case 'not': return !holds(net, m, f.arg);
    case 'and': return f.args.every((g) => holds(net, m, g));
    case 'or': return f.args.some((g) => holds(net, m, g));
    case 'deadlock': return !net.transitions.some((_, t) => enabled(t));
    case 'fireable': return f.transitions.some((id) => enabled(net.transitions.findIndex((t) => t.id === id)));
    case 'compare': {
      const [l, r] = [int(f.left), int(f.right)];
      return { '<': l < r, '<=': l <= r, '==': l === r, '!=': l !== r, '>=': l >= r, '>': l > r }[f.op];
    }
    default: throw new Error(`not a state formula: ${f.kind}`);
  }
}

/** Every reachable marking and its successors, naively; undefined past `limit` markings. */
function naiveGraph(net: PetriNet, limit = 200_000): { markings: number[][]; succ: number[][] } | undefined {
  const key = (m: number[]) => m.join(',');
  const markings = [net.places.map((p) => p.initial)];
  const index = new Map([[key(markings[0]), 0]]);
  const succ: number[][] = [];
  for (let i = 0; i < markings.length; i++) {
    const m = markings[i];
    succ.push([]);
    for (const tr of net.transitions) {
      if (!tr.pre.every((a) => m[a.place] >= a.weight) || !tr.inhibitors.every((a) => m[a.place] < a.weight)) continue;
      const n = [...m];
      for (const a of tr.pre) n[a.place] -= a.weight;
      for (const a of tr.post) n[a.place] += a.weight;
      let j = index.get(key(n));
      if (j === undefined) {
        if (markings.length >= limit) return undefined;
        j = markings.length;
        markings.push(n);
        index.set(key(n), j);
      }
      succ[i].push(j);
    }
  }
  return { markings, succ };
}

/** The markings reachable in one step from `m` (naively). */
function successors(net: PetriNet, m: number[]): number[][] {
  const out: number[][] = [];
  for (const tr of net.transitions) {
    if (!tr.pre.every((a) => m[a.place] >= a.weight) || !tr.inhibitors.every((a) => m[a.place] < a.weight)) continue;
    const n = [...m];
    for (const a of tr.pre) n[a.place] -= a.weight;
    for (const a of tr.post) n[a.place] += a.weight;
    out.push(n);
  }
  return out;
}

/**
 * On a net too large (or unbounded) for {@link naiveGraph}: `A F ψ` is proven when every path from
 * the initial marking meets ψ within `depth` steps (a deadlock ends its path: there ψ must hold);
 * `E G ψ` is proven by a path of ψ-markings that returns to a marking of its own or ends in a
 * deadlock, within `depth` steps. Undefined when neither settles it within the bounds.
 */
function boundedAnswer(net: PetriNet, quantifier: 'A' | 'E', op: 'F' | 'G', phi: Formula, depth = 40): boolean | undefined {
  const psi = (m: number[]) => holds(net, m, phi);
  let budget = 200_000;
  const af = (m: number[], d: number, target: (m: number[]) => boolean): boolean => {
    if (--budget < 0) return false;
    if (target(m)) return true;
    const next = successors(net, m);
    return d > 0 && next.length > 0 && next.every((n) => af(n, d - 1, target));
  };
  const eg = (m: number[], path: string[], keep: (m: number[]) => boolean): boolean => {
    if (--budget < 0 || !keep(m)) return false;
    const key = m.join(',');
    if (path.includes(key)) return true;
    const next = successors(net, m);
    if (next.length === 0) return true;
    return path.length < depth && next.some((n) => eg(n, [...path, key], keep));
  };
  const m0 = net.places.map((p) => p.initial);
  // A F ψ ≡ ¬ E G ¬ψ.
  const target = op === 'F' ? psi : (m: number[]) => !psi(m);
  if (af(m0, depth, target)) return quantifier === 'A' && op === 'F';
  budget = 200_000;
  if (eg(m0, [], (m) => !target(m))) return quantifier === 'E' && op === 'G';
  return undefined;
}

/** The answer of `E F φ`, `A G φ`, `A F φ` or `E G φ` (φ a state formula) by naive fixpoints; deadlocks stutter. */
function naiveAnswer(net: PetriNet, f: Formula): boolean | undefined {
  if (f.kind !== 'path' || f.body.kind !== 'temporal' || f.body.op === 'X') return undefined;
  const g = naiveGraph(net);
  if (!g) {
    const live = (f.quantifier === 'A' && f.body.op === 'F') || (f.quantifier === 'E' && f.body.op === 'G');
    return live ? boundedAnswer(net, f.quantifier, f.body.op as 'F' | 'G', f.body.arg) : undefined;
  }
  const phi = g.markings.map((m) => holds(net, m, (f.body as any).arg));
  const { quantifier } = f;
  const op = f.body.op;
  if (op === 'F' && quantifier === 'E') return phi.some((x) => x);
  if (op === 'G' && quantifier === 'A') return phi.every((x) => x);
  // A F φ = μZ. φ ∨ AX Z (AX at a deadlock = the deadlock itself); E G φ = ¬ A F ¬φ.
  const target = op === 'F' ? phi : phi.map((x) => !x);
  const z = [...target];
  for (let changed = true; changed; ) {
    changed = false;
    g.succ.forEach((s, i) => {
      if (!z[i] && s.length > 0 && s.every((j) => z[j])) z[i] = changed = true;
    });
  }
  return quantifier === 'A' && op === 'F' ? z[0] : quantifier === 'E' && op === 'G' ? !z[0] : undefined;
}

let z3api: Awaited<ReturnType<typeof init>> | undefined;

/** True when z3 proves that no marking solving the state equation of `net` satisfies `target`. */
async function stateEquationRefutes(net: PetriNet, target: Formula): Promise<boolean> {
  z3api ??= await init();
  const ctx: Context<'tapaal'> = new z3api.Context('tapaal');
  const { Int, And, Or, Not, Sum, Solver } = ctx;
  const m = net.places.map((_, p) => Int.const(`m${p}`));
  const x = net.transitions.map((_, t) => Int.const(`x${t}`));
  const solver = new Solver();
  x.forEach((xt) => solver.add(xt.ge(0)));
  net.places.forEach((pl, p) => {
    const change: Arith<'tapaal'>[] = [Int.val(pl.initial)];
    net.transitions.forEach((tr, t) => {
      const d = tr.post.filter((a) => a.place === p).reduce((s, a) => s + a.weight, 0) - tr.pre.filter((a) => a.place === p).reduce((s, a) => s + a.weight, 0);
      if (d !== 0) change.push(x[t].mul(d));
    });
    solver.add(m[p].eq(change.length === 1 ? change[0] : Sum(change[0], ...change.slice(1))), m[p].ge(0));
  });
  const place = (id: string) => net.places.findIndex((pl) => pl.id === id);
  const enabled = (t: number): Bool<'tapaal'> => And(...net.transitions[t].pre.map((a) => m[a.place].ge(a.weight)), ...net.transitions[t].inhibitors.map((a) => m[a.place].lt(a.weight)));
  const int = (e: any): Arith<'tapaal'> => {
    if (e.kind === 'int') return Int.val(e.value);
    if (e.kind === 'tokens') return e.places.map((p: string) => m[place(p)]).reduce((a: Arith<'tapaal'>, b: Arith<'tapaal'>) => a.add(b));
    const args = e.args.map(int);
    return args.slice(1).reduce((a: Arith<'tapaal'>, b: Arith<'tapaal'>) => (e.op === '+' ? a.add(b) : e.op === '-' ? a.sub(b) : a.mul(b)), args[0]);
  };
  const term = (f: Formula): Bool<'tapaal'> => {
    switch (f.kind) {
      case 'bool': return ctx.Bool.val(f.value);
      case 'not': return Not(term(f.arg));
      case 'and': return And(...f.args.map(term));
      case 'or': return Or(...f.args.map(term));
      case 'deadlock': return And(...net.transitions.map((_, t) => Not(enabled(t))));
      case 'fireable': return Or(...f.transitions.map((id) => enabled(net.transitions.findIndex((t) => t.id === id))));
      case 'compare': {
        const [l, r] = [int(f.left), int(f.right)];
        return { '<': l.lt(r), '<=': l.le(r), '==': l.eq(r), '!=': l.neq(r), '>=': l.ge(r), '>': l.gt(r) }[f.op];
      }
      default: throw new Error(`not a state formula: ${f.kind}`);
    }
  };
  solver.add(term(target));
  return (await solver.check()) === 'unsat';
}

const models = [...expectations().entries()];

describe('TAPAAL labelled properties', () => {
  afterAll(async () => {
    if (z3api) await killThreads(z3api.em);
    console.log(`tapaal: agreed=${tally.agreed} proven-disagreements=${tally.provenDisagreements} inconclusive=${tally.inconclusive}\n  ${disagreements.join('\n  ')}`);
  });
  it('covers the corpus', () => {
    expect(models.length).toBeGreaterThan(100);
  });
  it.each(models.map(([m, e]) => [m, e] as const))('%s', async (model, expected) => {
    const net = await readPnmlFile(join(TAPAAL, model, 'model.pnml'));
    const file = join(TAPAAL, model, 'query.xml');
    const props = parseMccXml(readFileSync(file, 'utf8'), file).map((p) => ({ id: p.id, formula: p.formula }));
    const report = checkNetProperties(net, props, { file, bounds: { maxStates: 1_000_000, timeoutMs: 30_000 }, smtBudgetMs: 20_000 });
    const outcome = new Map(report.outcomes.map((o) => [o.id, o]));
    const formula = new Map(props.map((p) => [p.id, p.formula]));
    for (const [id, answer] of expected) {
      const o = outcome.get(id)!;
      if (o.answer === undefined) {
        tally.inconclusive++;
        inconclusive.push(`${id}: ${o.technique}: ${o.explanation}`);
        continue;
      }
      const got = typeof o.answer === 'number' ? String(o.answer) : o.answer ? 'TRUE' : 'FALSE';
      if (got === answer) {
        tally.agreed++;
        continue;
      }
      // A disagreement must be confirmed on the P/T net, independently of wfverify.
      const f = formula.get(id) as Formula;
      const reach = f.kind === 'path' && f.body.kind === 'temporal' && ((f.quantifier === 'E' && f.body.op === 'F') || (f.quantifier === 'A' && f.body.op === 'G'));
      let how: string;
      if (reach && !o.trace && o.technique.includes('STATE_EQUATION')) {
        const body = (f as any).body.arg as Formula;
        const ef = (f as any).quantifier === 'E';
        expect(await stateEquationRefutes(net, ef ? body : { kind: 'not', arg: body }), `${id}: the state equation written here does not confirm it`).toBe(true);
        how = 'the state equation written here';
      } else if (reach && o.trace) {
        const end = replay(net, o.trace.actions);
        expect(holds(net, end, (f as any).body.arg as Formula), `${id}: the trace does not end in a marking that decides the property`).toBe((f as any).quantifier === 'E');
        how = `a replayed ${o.trace.actions.length}-step trace`;
      } else {
        const naive = naiveAnswer(net, f);
        expect(naive, `${id}: wfverify says ${got}, label ${answer}; no independent confirmation available`).toBeDefined();
        expect(naive ? 'TRUE' : 'FALSE', `${id}: the naive reference disagrees with wfverify`).toBe(got);
        how = 'the naive reference fixpoint';
      }
      tally.provenDisagreements++;
      disagreements.push(`${id}: label ${answer}, wfverify ${got} (confirmed by ${how})`);
    }
  });
  // Runs after every model (tests of a file run in order). Measured: explicit search answers 463
  // agreements and 75 disagreements within the 1M-state bound; the fallbacks answer the 26 left
  // inconclusive: the state equation and traps 10 (2 of them, composition-test009, a timed model
  // whose deadlock needs time guards, are P/T answers confirmed by the state equation here), CTL on
  // the explored part of the graph (src/ctl/partial.ts) 8 (6 agree; extra-test-005/006-liveness,
  // timed models where time may pass forever, are confirmed by the bounded references above),
  // pumped infinite runs 5 (discrete-test-009/009 ×2, trace-test009), k-induction 1
  // (combined-test001.FALSE-5) and best-first search 2 (prime-test023 agrees; prime-test024, whose
  // label needs time guards, is a replayed 138-step counterexample).
  it('tallies as measured', () => {
    expect(tally, `inconclusive:\n${inconclusive.join('\n')}`).toEqual({ agreed: 484, provenDisagreements: 80, inconclusive: 0 });
  });
});
