/**
 * `E G ψ` and `A F φ` on P/T nets whose state space a bound left incomplete (typically unbounded
 * nets): a pumped run ρ·σ^ω along which ψ (resp. ¬φ) holds in every marking of every repetition
 * (src/petri/analysis/pumping.ts, ./ray.ts) is an infinite path that proves `E G ψ` TRUE and
 * `A F φ` FALSE. Negations of these shapes are answered by negating. Nothing else is decided
 * here, and the search never proves the opposite answer.
 */
import { type Formula, isStateFormula } from '../../logic/index.js';
import { type PetriSystem, findPumpedPath } from '../../petri/index.js';
import { netNames } from './net-facts.js';
import { valueOnRay } from './ray.js';
import type { PropertyOutcome } from './run.js';

export interface PumpingOptions {
  /** Wall-clock time (ms since the epoch) after which the search gives up. */
  readonly deadline: number;
  /** Markings stored at most (default 200,000). */
  readonly maxMarkings?: number;
}

/** `inconclusive` answered by a pumped run, else unchanged. */
export function answerByPumpedRun(inconclusive: PropertyOutcome, formula: Formula, system: PetriSystem, o: PumpingOptions): PropertyOutcome {
  const shape = pumpingShape(formula);
  if (!shape || Date.now() >= o.deadline) return inconclusive;
  const net = system.net;
  const names = netNames(net);
  const still = net.places.map(() => 0);
  // ψ at one marking is its value on the ray with Δ = 0 (undefined only for atoms that are not
  // token counts or firing conditions: then the search does not run).
  const at = (m: readonly number[]) => valueOnRay(shape.psi, m, still, net, names);
  if (at(net.places.map((p) => p.initial)) === undefined) return inconclusive;
  const run = findPumpedPath(net, {
    holds: (m) => at(m) === true,
    onRay: (m, delta) => valueOnRay(shape.psi, m, delta, net, names),
    deadline: o.deadline,
    maxMarkings: o.maxMarkings,
  });
  if (!run) return inconclusive;
  const answer = shape.positive;
  const grows = run.delta.flatMap((d, p) => (d > 0 ? [`${net.places[p].id} +${d}`] : []));
  return {
    id: inconclusive.id,
    answer,
    technique: 'EXPLICIT',
    trace: { initial: 0, actions: [...run.prefix, ...run.cycle] },
    explanation: `${answer ? 'witness' : 'counterexample'}: an infinite run — ${run.prefix.length > 0 ? `after the first ${run.prefix.length} firings, the last ${run.cycle.length}` : `all ${run.cycle.length} firings`} of the trace repeat forever (each repetition ${grows.length > 0 ? `adds ${grows.join(', ')}` : 'returns to the same marking'}) and ${print(shape)} holds in every marking of it`,
  };
}

/** ψ to keep forever, and the answer when a run keeping it exists. */
interface Shape {
  readonly psi: Formula;
  readonly positive: boolean;
  readonly original: 'EG' | 'AF';
}

function print(s: Shape): string {
  return s.original === 'EG' ? 'the E G operand' : 'the negated A F operand';
}

function pumpingShape(f: Formula): Shape | undefined {
  if (f.kind === 'not') {
    const inner = pumpingShape(f.arg);
    return inner && { ...inner, positive: !inner.positive };
  }
  if (f.kind !== 'path' || f.body.kind !== 'temporal' || !isStateFormula(f.body.arg)) return undefined;
  if (f.quantifier === 'E' && f.body.op === 'G') return { psi: f.body.arg, positive: true, original: 'EG' };
  if (f.quantifier === 'A' && f.body.op === 'F') return { psi: { kind: 'not', arg: f.body.arg }, positive: false, original: 'AF' };
  return undefined;
}
