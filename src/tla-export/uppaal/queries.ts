/**
 * Properties as UPPAAL queries (docs/export-uppaal.md, "Queries"):
 *
 * | property | query |
 * |---|---|
 * | `invariant φ`, `AG φ`, `G φ`, a bare state formula φ | `A[] φ` |
 * | `EF φ` | `E<> φ` |
 * | `AF φ`, `F φ` | `A<> φ` |
 * | `EG φ` | `E[] φ` |
 * | `AG (p -> AF q)`, `G (p -> F q)` | `p --> q` |
 * | `!EF φ` / `!AG φ` / `!AF φ` / `!EG φ` | `A[] !φ` / `E<> !φ` / `E[] !φ` / `A<> !φ` |
 *
 * with φ, p, q state formulas. Anything else (nested temporal operators, until, `X`, ATL) has no
 * UPPAAL query: {@link translateProperty} returns the reason. Atoms are those of workflow
 * properties (docs/specs.md), read on the exported state: status, `lastEvent`, program counters
 * and variables; `deadlock` is UPPAAL's, restricted to running workflows.
 */
import type { Atom, Formula, IntExpr } from '../../logic/index.js';
import type { ProcessGraph, WorkflowIR } from '../../extract/index.js';
import type { Globals } from './globals.js';
import { literal } from './encode.js';

export type QueryResult = { readonly query: string } | { readonly reason: string };

const STATUS_ATOMS: Readonly<Record<string, number>> = { running: 0, done: 1, failed: 2, cancelled: 3, continuedAsNew: 4 };
const BARE_EVENTS = new Set(['timerFired', 'conditionSatisfied', 'conditionTimedOut', 'cancelRequested']);
const EVENT_ATOMS: Readonly<Record<string, string>> = {
  started: 'activityScheduled', scheduled: 'activityScheduled', completed: 'activityCompleted', failed: 'activityFailed',
  signaled: 'signal', updated: 'update', childStarted: 'childStarted', childCompleted: 'childCompleted', childFailed: 'childFailed',
};

class Untranslatable extends Error {}

/** Translates atoms and state formulas over the exported state. */
export class StateTranslator {
  constructor(private readonly ir: WorkflowIR, private readonly g: ProcessGraph, private readonly G: Globals) {}

  private names(kind: string): Set<string> {
    const out = new Set<string>();
    if (kind.startsWith('activity')) this.ir.activities.forEach((a) => out.add(a));
    if (kind === 'signal' || kind === 'update') this.ir.handlers.filter((h) => h.kind === kind).forEach((h) => out.add(h.name));
    for (const e of this.g.edges) {
      const ev = e.event;
      if (ev === null) continue;
      if ('activity' in ev && kind.startsWith('activity')) out.add(ev.activity);
      if ('workflow' in ev && kind.startsWith('child')) out.add(ev.workflow);
      if ('name' in ev && ev.kind === kind) out.add(ev.name);
    }
    return out;
  }

  private lastEventIs(key: string): string {
    const code = this.G.events.get(key);
    return code === undefined ? 'false' : `${this.G.lastEvent} == ${code}`;
  }

  atom(a: Atom): string {
    const G = this.G;
    if (a.args.length === 0) {
      const st = STATUS_ATOMS[a.name];
      if (st !== undefined) return `${G.status} == ${st}`;
      if (BARE_EVENTS.has(a.name)) return this.lastEventIs(a.name);
      if (a.name === 'deadlock') return `(${G.status} == 0 && deadlock)`;
      const v = G.varByName(a.name);
      if (v !== undefined && v.decl.domain.kind === 'bool') return v.type === 'bool' ? v.name : `${v.name} == 1`;
    } else if (a.args.length === 1) {
      const [arg] = a.args;
      if (a.name === 'at') {
        const line = Number(arg);
        const parts = this.g.slots.flatMap((s, i) => s.locations.filter((l) => this.g.locations[l].span?.line === line).map((l) => `${G.pc[i]} == ${this.g.locations[l].local + 1}`));
        return parts.length === 0 ? 'false' : `(${parts.join(' || ')})`;
      }
      const kind = EVENT_ATOMS[a.name];
      if (kind !== undefined) {
        if (!this.names(kind).has(arg)) throw new Untranslatable(`unknown atom ${a.name}(${arg})`);
        return this.lastEventIs(`${kind}(${arg})`);
      }
      const v = G.varByName(a.name);
      if (v !== undefined && v.decl.domain.kind === 'enum') {
        const c = literal(v, arg);
        if (c === null) throw new Untranslatable(`'${arg}' is not a value of ${a.name}`);
        return `${v.name} == ${c}`;
      }
    }
    throw new Untranslatable(`unknown atom '${a.name}${a.args.length > 0 ? `(${a.args.join(', ')})` : ''}'`);
  }

  private int(e: IntExpr): string {
    switch (e.kind) {
      case 'int': return e.value < 0 ? `(${e.value})` : String(e.value);
      case 'arith': return `(${e.args.map((x) => this.int(x)).join(` ${e.op} `)})`;
      case 'tokens': throw new Untranslatable('tokens(…) is not available for workflow models');
      case 'atom': {
        const v = e.args.length === 0 ? this.G.varByName(e.name) : undefined;
        if (v === undefined || v.nullCode !== null || v.decl.domain.kind === 'enum') throw new Untranslatable(`'${e.name}' is not a (non-nullable) int or bool variable`);
        return v.type === 'bool' ? `(${v.name} ? 1 : 0)` : v.name;
      }
    }
  }

  /** A state formula as a UPPAAL expression; throws {@link Untranslatable} for temporal ones. */
  state(f: Formula): string {
    switch (f.kind) {
      case 'bool': return String(f.value);
      case 'deadlock': return `(${this.G.status} == 0 && deadlock)`;
      case 'fireable': throw new Untranslatable('fireable(…) is not available for workflow models');
      case 'atom': return this.atom(f);
      case 'compare': return `${this.int(f.left)} ${f.op} ${this.int(f.right)}`;
      case 'not': return `!(${this.state(f.arg)})`;
      case 'and': return `(${f.args.map((x) => this.state(x)).join(' && ')})`;
      case 'or': return `(${f.args.map((x) => this.state(x)).join(' || ')})`;
      case 'implies': return `(${this.state(f.left)} imply ${this.state(f.right)})`;
      case 'iff': return `((${this.state(f.left)}) == (${this.state(f.right)}))`;
      default: throw new Untranslatable(`'${f.kind}' inside a query: UPPAAL queries do not nest temporal operators`);
    }
  }
}

type Shape = { readonly q: 'A' | 'E' | null; readonly op: 'G' | 'F'; readonly arg: Formula } | null;

/** `AG φ`, `EF φ`, `G φ` … as quantifier, operator and argument. */
function shape(f: Formula): Shape {
  if (f.kind === 'temporal' && f.op !== 'X') return { q: null, op: f.op, arg: f.arg };
  if (f.kind === 'path' && f.body.kind === 'temporal' && f.body.op !== 'X') return { q: f.quantifier, op: f.body.op, arg: f.body.arg };
  return null;
}

/**
 * The query for one property, given a guard `ready` that holds once the initial values are set
 * (null when they are set from the start).
 */
export function translateProperty(f: Formula, st: StateTranslator, ready: string | null): QueryResult {
  const r = (phi: string): string => (ready === null ? phi : `(${ready} imply ${phi})`);
  const rAnd = (phi: string): string => (ready === null ? phi : `(${ready} && ${phi})`);
  try {
    if (f.kind === 'invariant') return { query: `A[] ${r(st.state(f.body))}` };
    if (f.kind === 'not') {
      const s = shape(f.arg);
      if (s !== null && s.q !== null) {
        const n = `!(${st.state(s.arg)})`;
        if (s.q === 'E' && s.op === 'F') return { query: `A[] ${r(n)}` };
        if (s.q === 'A' && s.op === 'G') return { query: `E<> ${rAnd(n)}` };
        if (s.q === 'A' && s.op === 'F') return { query: `E[] ${r(n)}` };
        return { query: `A<> ${rAnd(n)}` };
      }
    }
    const s = shape(f);
    if (s === null) return { query: `A[] ${r(st.state(f))}` };
    const universal = s.q !== 'E';
    if (universal && s.op === 'G' && s.arg.kind === 'implies') {
      const inner = shape(s.arg.right);
      if (inner !== null && inner.op === 'F' && inner.q !== 'E') return { query: `${rAnd(st.state(s.arg.left))} --> ${st.state(inner.arg)}` };
    }
    const phi = st.state(s.arg);
    if (universal) return { query: s.op === 'G' ? `A[] ${r(phi)}` : `A<> ${rAnd(phi)}` };
    return { query: s.op === 'F' ? `E<> ${rAnd(phi)}` : `E[] ${r(phi)}` };
  } catch (e) {
    if (e instanceof Untranslatable) return { reason: e.message };
    throw e;
  }
}
