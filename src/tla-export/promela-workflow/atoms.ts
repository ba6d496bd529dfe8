/**
 * wfverify formulas (quantifier-free LTL, see ltl.ts) in SPIN's `ltl` syntax, with the atoms of
 * workflow properties bound as src/extract/lower/binding.ts binds them:
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
import type { ModelEvent, ProcessGraph, WorkflowIR } from '../../extract/index.js';
import type { Atom, Formula, IntExpr } from '../../logic/index.js';
import type { StateNames } from './actions.js';
import { type Dim, condition, tabulate } from './tree.js';
import { eventKey } from './values.js';
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

const STATUS: Readonly<Record<string, number>> = { running: 0, done: 1, failed: 2, cancelled: 3, continuedAsNew: 4 };
const BARE: Readonly<Record<string, ModelEvent>> = {
  timerFired: { kind: 'timerFired' }, conditionSatisfied: { kind: 'conditionSatisfied' },
  conditionTimedOut: { kind: 'conditionTimedOut' }, cancelRequested: { kind: 'cancelRequested' },
};
type NamedKind = 'activityScheduled' | 'activityCompleted' | 'activityFailed' | 'signal' | 'update' | 'childStarted' | 'childCompleted' | 'childFailed';
const NAMED: Readonly<Record<string, NamedKind>> = {
  started: 'activityScheduled', scheduled: 'activityScheduled', completed: 'activityCompleted', failed: 'activityFailed',
  signaled: 'signal', updated: 'update', childStarted: 'childStarted', childCompleted: 'childCompleted', childFailed: 'childFailed',
};

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

  constructor(private readonly cx: AtomContext) {}

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

  private fail(a: Atom, message: string, hint?: string): never {
    const location = a.span ? { file: '<property>', line: a.span.start.line, column: a.span.start.column } : undefined;
    throw new InputError('WFV2104', message, { ...(location ? { location } : {}), ...(hint ? { hint } : {}) });
  }

  private varByName(name: string): number {
    return this.cx.codecs.findIndex((c) => c.decl.name === name);
  }

  private lastEventIs(event: ModelEvent, ago: number): string {
    const k = this.cx.eventIndex(eventKey(event));
    return k === 0 ? 'false' : `(${this.cx.ref(this.cx.names.lastEvent, ago)} == ${k})`;
  }

  private atom(a: Atom, ago: number): string {
    const N = this.cx.names;
    const text = a.args.length === 0 ? a.name : `${a.name}(${a.args.join(', ')})`;
    if (a.args.length === 0) {
      if (a.name in STATUS) return `(${this.cx.ref(N.status, ago)} == ${STATUS[a.name]})`;
      if (a.name in BARE) return this.lastEventIs(BARE[a.name], ago);
      const v = this.varByName(a.name);
      if (v >= 0 && this.cx.codecs[v].decl.domain.kind === 'bool') return `(${this.cx.ref(N.vars[v], ago)} == 1)`;
      if (v >= 0) this.fail(a, `'${a.name}' is a ${this.cx.codecs[v].decl.domain.kind} variable; compare it or, for an enum, write ${a.name}(value)`);
    } else if (a.args.length === 1) {
      const [arg] = a.args;
      if (a.name === 'at') return this.at(a, arg, ago);
      const kind = NAMED[a.name];
      if (kind !== undefined) {
        if (!this.known(kind).includes(arg)) this.fail(a, `${text}: the workflow has no such ${kind.startsWith('activity') ? 'activity' : kind.startsWith('child') ? 'child workflow' : kind}`);
        const event: ModelEvent = kind === 'signal' || kind === 'update' ? { kind, name: arg }
          : kind === 'childStarted' || kind === 'childCompleted' || kind === 'childFailed' ? { kind, workflow: arg }
          : { kind, activity: arg };
        return this.lastEventIs(event, ago);
      }
      const v = this.varByName(a.name);
      if (v >= 0 && this.cx.codecs[v].decl.domain.kind === 'enum') {
        const code = this.cx.codecs[v].encode(arg);
        if (code < 0) this.fail(a, `${text}: '${arg}' is not a value of ${a.name}`);
        return `(${this.cx.ref(N.vars[v], ago)} == ${code})`;
      }
    }
    return this.fail(a, `unknown atom '${text}' in a property of workflow ${this.cx.ir.name}`);
  }

  /** Activity, signal, update or child names the binding accepts for `kind`. */
  private known(kind: NamedKind): string[] {
    const out = new Set<string>();
    if (kind.startsWith('activity')) this.cx.ir.activities.forEach((x) => out.add(x));
    for (const e of this.cx.graph.edges) {
      const ev = e.event;
      if (ev === null) continue;
      if ((ev.kind === 'activityScheduled' || ev.kind === 'activityCompleted' || ev.kind === 'activityFailed') && kind.startsWith('activity')) out.add(ev.activity);
      if ((ev.kind === 'signal' || ev.kind === 'update') && ev.kind === kind) out.add(ev.name);
      if ((ev.kind === 'childStarted' || ev.kind === 'childCompleted' || ev.kind === 'childFailed') && kind.startsWith('child')) out.add(ev.workflow);
    }
    if (kind === 'signal' || kind === 'update') this.cx.ir.handlers.filter((h) => h.kind === kind).forEach((h) => out.add(h.name));
    return [...out];
  }

  private at(a: Atom, text: string, ago: number): string {
    const line = Number(text);
    if (!Number.isInteger(line) || line < 1) this.fail(a, `at(${text}): a source line number was expected`);
    const g = this.cx.graph;
    const parts = g.slots.flatMap((slot, i) =>
      slot.locations.filter((l) => g.locations[l].span?.line === line).map((l) => `${this.cx.ref(this.cx.names.pc[i], ago)} == ${g.locations[l].local + 1}`));
    return parts.length === 0 ? 'false' : `(${parts.join(' || ')})`;
  }

  /** A comparison, tabulated over the codes of the variables it reads. */
  private compare(left: IntExpr, op: string, right: IntExpr, ago: number): string {
    const vars: number[] = [];
    const collect = (e: IntExpr): void => {
      if (e.kind === 'atom') {
        const v = e.args.length === 0 ? this.varByName(e.name) : -1;
        if (v < 0) this.fail(e, `unknown integer '${e.name}' in a property of workflow ${this.cx.ir.name}`);
        if (this.cx.codecs[v].decl.domain.kind === 'enum') this.fail(e, `'${e.name}' is an enum variable; use ${e.name}(value) instead of comparing it as a number`);
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
