/**
 * wfverify formulas (quantifier-free LTL, see ltl.ts) in SPIN's `ltl` syntax, with the atoms of
 * workflow properties resolved by the extract index's `WorkflowAtoms` (as the checker does):
 *
 * - `done`, `failed`, `cancelled`, `continuedAsNew`, `running`: the status variable;
 * - event atoms (`completed(a)`, `signaled(s)`, `timerFired`, …): `lastEvent == k` (false when
 *   the model has no such event; an unknown activity, signal, update or child is WFV2104);
 * - `at(N)`: some thread's pc at a location of a statement starting on line N;
 * - a boolean variable's name, `name(value)` for an enum, and comparisons of integer
 *   expressions over variables (booleans 0/1, `undefined` NaN), tabulated over the codes;
 * - `deadlock`: the model's stuck macro (not under `X`).
 *
 * `X` is written by delay (as ../promela.ts does): a property with at most k nested `X` is
 * evaluated k steps late, where every variable an atom under j `X` reads is read k − j steps ago
 * through `ref`.
 */
import { InputError, assertNever } from '../../core/index.js';
import { type ProcessGraph, STATUS_CODES, type WorkflowIR, WorkflowAtoms } from '../../extract/index.js';
import type { Atom, Formula, IntExpr } from '../../logic/index.js';
import type { StateNames } from './actions.js';
import { type Dim, condition, tabulate } from './tree.js';
import type { Codec } from './values.js';

export interface AtomContext {
  readonly ir: WorkflowIR;
  readonly graph: ProcessGraph;
  readonly codecs: readonly Codec[];
  readonly names: StateNames;
  /** The event table index of an event key, 0 when the model has no such event. */
  readonly eventIndex: (key: string) => number;
  /** The macro that holds when the workflow runs and nothing can move. */
  readonly stuck: string;
  /** A state variable's name `ago` steps ago (0: now). */
  readonly ref: (variable: string, ago: number) => string;
}

/** The largest number of nested `X` in `f`. */
export function nextDepth(f: Formula): number {
  switch (f.kind) {
    case 'temporal': return (f.op === 'X' ? 1 : 0) + nextDepth(f.arg);
    case 'until': case 'implies': case 'iff': return Math.max(nextDepth(f.left), nextDepth(f.right));
    case 'and': case 'or': return Math.max(...f.args.map(nextDepth));
    case 'not': return nextDepth(f.arg);
    default: return 0;
  }
}

export class LtlWriter {
  private lateBy = 0;
  private readonly atoms: WorkflowAtoms;

  constructor(private readonly cx: AtomContext) {
    this.atoms = new WorkflowAtoms(cx.graph, cx.ir, '<property>');
  }

  /** `f` (quantifier-free) in SPIN syntax, evaluated `lateBy` steps late (its X-depth). */
  write(f: Formula, lateBy: number): string {
    this.lateBy = lateBy;
    return this.formula(f, 0);
  }

  private formula(f: Formula, nexts: number): string {
    switch (f.kind) {
      case 'bool': return f.value ? 'true' : 'false';
      case 'deadlock':
        if (this.lateBy - nexts !== 0) throw new InputError('WFV2004', 'deadlock in a property with X cannot be written for SPIN (it would need the past of every guard)');
        return this.cx.stuck;
      case 'fireable': throw new InputError('WFV2104', 'fireable(…) is not available for workflow models');
      case 'atom': return this.atom(f, this.lateBy - nexts);
      case 'compare': return this.compare(f.left, f.op, f.right, this.lateBy - nexts);
      case 'not': return `!(${this.formula(f.arg, nexts)})`;
      case 'and': return `(${f.args.map((a) => this.formula(a, nexts)).join(' && ')})`;
      case 'or': return `(${f.args.map((a) => this.formula(a, nexts)).join(' || ')})`;
      case 'implies': return `(${this.formula(f.left, nexts)} -> ${this.formula(f.right, nexts)})`;
      case 'iff': return `(${this.formula(f.left, nexts)} <-> ${this.formula(f.right, nexts)})`;
      case 'temporal': {
        if (f.op === 'X') return this.formula(f.arg, nexts + 1);
        const a = this.formula(f.arg, nexts);
        return f.op === 'F' ? `(<> ${a})` : `([] ${a})`;
      }
      case 'until': {
        const l = this.formula(f.left, nexts);
        const r = this.formula(f.right, nexts);
        if (f.op === 'U') return `(${l} U ${r})`;
        if (f.op === 'R') return `(${l} V ${r})`;
        return `(${r} V (${l} || ${r}))`;
      }
      case 'path': case 'coalition': case 'invariant':
        throw new InputError('WFV2004', `a ${f.kind} below the top of an LTL formula`);
      default:
        return assertNever(f, 'formula');
    }
  }

  private varByName(name: string): number {
    return this.atoms.varByName(name);
  }

  /** An atom as a Promela expression `ago` steps ago; its meaning comes from `WorkflowAtoms`. */
  private atom(a: Atom, ago: number): string {
    const N = this.cx.names;
    const m = this.atoms.formula(a);
    switch (m.kind) {
      case 'status':
        return `(${this.cx.ref(N.status, ago)} == ${STATUS_CODES.indexOf(m.status)})`;
      case 'event': {
        const k = m.present ? this.cx.eventIndex(m.key) : 0;
        return k === 0 ? 'false' : `(${this.cx.ref(N.lastEvent, ago)} == ${k})`;
      }
      case 'deadlock':
        if (ago !== 0) throw new InputError('WFV2004', 'deadlock in a property with X cannot be written for SPIN (it would need the past of every guard)');
        return this.cx.stuck;
      case 'at': {
        const parts = m.slots.flatMap(({ slot, locals }) => locals.map((l) => `${this.cx.ref(N.pc[slot], ago)} == ${l + 1}`));
        return parts.length === 0 ? 'false' : `(${parts.join(' || ')})`;
      }
      case 'boolVar':
        return `(${this.cx.ref(N.vars[m.index], ago)} == 1)`;
      case 'enumVar':
        return `(${this.cx.ref(N.vars[m.index], ago)} == ${this.cx.codecs[m.index].encode(m.value)})`;
    }
  }

  /** A comparison, tabulated over the codes of the variables it reads. */
  private compare(left: IntExpr, op: string, right: IntExpr, ago: number): string {
    const vars: number[] = [];
    const collect = (e: IntExpr): void => {
      if (e.kind === 'atom') {
        const v = this.atoms.integer(e);
        if (!vars.includes(v)) vars.push(v);
      } else if (e.kind === 'arith') e.args.forEach(collect);
      else if (e.kind === 'tokens') throw new InputError('WFV2104', 'tokens(…) is not available for workflow models');
    };
    collect(left);
    collect(right);
    const dims: Dim[] = vars.map((v) => ({ expr: this.cx.ref(this.cx.names.vars[v], ago), size: this.cx.codecs[v].size }));
    const tree = tabulate(dims, (codes) => {
      const value = (e: IntExpr): number => {
        switch (e.kind) {
          case 'int': return e.value;
          case 'atom': {
            const v = this.varByName(e.name);
            const x = this.cx.codecs[v].decode(codes[vars.indexOf(v)]);
            return x === null ? Number.NaN : typeof x === 'boolean' ? (x ? 1 : 0) : Number(x);
          }
          case 'arith': {
            const [first, ...rest] = e.args.map(value);
            return rest.reduce((acc, x) => (e.op === '+' ? acc + x : e.op === '-' ? acc - x : acc * x), first);
          }
          default: return Number.NaN;
        }
      };
      const l = value(left);
      const r = value(right);
      switch (op) {
        case '<': return l < r;
        case '<=': return l <= r;
        case '==': return l === r;
        case '!=': return l !== r;
        case '>=': return l >= r;
        default: return l > r;
      }
    }, String);
    const c = condition(dims, tree);
    return c.startsWith('(') ? c : `(${c})`;
  }
}
