/**
 * `wfverify net --invariants`: P- and T-semiflows (minimal supports) and structural facts,
 * rendered for humans and as JSON. Semiflow computation has a budget; a cut-off set is reported
 * as incomplete, never as the full set.
 */
import {
  type PetriNet,
  type Semiflow,
  type SemiflowResult,
  type StructuralFacts,
  pSemiflows,
  placeBoundsFromSemiflows,
  structuralFacts,
  tSemiflows,
} from '../petri/index.js';

const BUDGET = { timeoutMs: 10_000, maxRows: 200_000 };
const MAX_PRINTED = 50;

export interface InvariantReport {
  readonly facts: StructuralFacts;
  readonly p: SemiflowResult;
  readonly t: SemiflowResult;
  /** Structural bounds per place implied by the P-semiflows (undefined: not covered). */
  readonly placeBounds: (number | undefined)[];
  readonly json: unknown;
}

export function computeInvariants(net: PetriNet): InvariantReport {
  const facts = structuralFacts(net);
  const p = pSemiflows(net, BUDGET);
  const t = tSemiflows(net, BUDGET);
  const placeBounds = placeBoundsFromSemiflows(net, p);
  const vec = (s: Semiflow, names: (i: number) => string) => s.map((e) => ({ id: names(e.index), weight: Number(e.weight) }));
  const json = {
    facts,
    pSemiflows: { complete: p.complete, stoppedBy: p.stoppedBy, semiflows: p.semiflows.map((s) => vec(s, (i) => net.places[i].id)) },
    tSemiflows: { complete: t.complete, stoppedBy: t.stoppedBy, semiflows: t.semiflows.map((s) => vec(s, (i) => net.transitions[i].id)) },
    coveredByPSemiflows: placeBounds.every((b) => b !== undefined),
  };
  return { facts, p, t, placeBounds, json };
}

export function renderInvariants(net: PetriNet, inv: InvariantReport): string {
  const f = inv.facts;
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  const lines = [
    `structure: conservative=${yes(f.conservative)} state-machine=${yes(f.stateMachine)} marked-graph=${yes(f.markedGraph)} free-choice=${yes(f.freeChoice)} extended-free-choice=${yes(f.extendedFreeChoice)} pure=${yes(f.pureNet)} ordinary=${yes(f.ordinary)} inhibitor-arcs=${yes(f.hasInhibitors)}`,
  ];
  const section = (kind: 'P' | 'T', r: SemiflowResult, name: (i: number) => string, rhs?: (s: Semiflow) => string) => {
    const status = r.complete ? '' : ` (INCOMPLETE: stopped by ${r.stoppedBy}; more may exist)`;
    lines.push(`${kind}-semiflows: ${r.semiflows.length}${status}`);
    for (const s of r.semiflows.slice(0, MAX_PRINTED)) {
      lines.push(`  ${s.map((e) => (e.weight === 1n ? name(e.index) : `${e.weight}*${name(e.index)}`)).join(' + ')}${rhs ? ` = ${rhs(s)}` : ''}`);
    }
    if (r.semiflows.length > MAX_PRINTED) lines.push(`  … ${r.semiflows.length - MAX_PRINTED} more (see --format json)`);
  };
  section('P', inv.p, (i) => net.places[i].name, (s) => String(s.reduce((acc, e) => acc + e.weight * BigInt(net.places[e.index].initial), 0n)));
  section('T', inv.t, (i) => net.transitions[i].name);
  lines.push(`places covered by P-semiflows (structurally bounded): ${inv.placeBounds.filter((b) => b !== undefined).length}/${net.places.length}`);
  return lines.join('\n');
}
