/**
 * One workflow step as a TLA+ action, by symbolic execution of its process-graph edges in the
 * reference order (src/extract/lower/ops.ts): per edge, guards (read on the current state), then
 * writes in order, effects, the thread's move and its cursor resets; an atomic handler delivery
 * is the delivery edge followed by one path of the body's edges, all in one action.
 *
 * The current value of every TLA+ variable is tracked as an expression: the variable itself, a
 * literal, or a LET name bound to a computed value; a split write binds `\E x \in Domain` with
 * the condition under which the reference model may write that value. The action ends with
 * `v' = <current value>` for every changed variable and UNCHANGED for the others.
 */
import { InternalError } from '../../core/index.js';
import type { Edge, Guard, ProcessGraph, VarDecl, WorkflowIR } from '../../extract/index.js';
import { eventKey } from './events.js';
import { tlaIdentifier, tlaString } from './names.js';
import { exactValue, guardFormula, splitCondition, type TabulationContext } from './tabulate.js';
import { tlaDomain } from './values.js';
import type { WorkflowVars } from './workflow-state.js';

type Clause =
  | { readonly kind: 'cond'; readonly text: string }
  | { readonly kind: 'let'; readonly name: string; readonly expr: string }
  | { readonly kind: 'exists'; readonly name: string; readonly set: string };

export interface StepContext {
  readonly g: ProcessGraph;
  readonly ir: WorkflowIR;
  readonly w: WorkflowVars;
  /** Module-level names (LET and bound names must not clash with them). */
  readonly globals: ReadonlySet<string>;
}

const ATOMIC = /^(?:[A-Za-z_][A-Za-z0-9_]*|\(?-?[0-9]+\)?|"(?:[^"\\]|\\.)*")$/;

class Executor {
  readonly clauses: Clause[] = [];
  private readonly cur = new Map<string, string>();
  private readonly local: Set<string>;
  private readonly tab: TabulationContext;

  constructor(private readonly cx: StepContext) {
    this.local = new Set(cx.globals);
    const varIndex = new Map(cx.ir.vars.map((v, i) => [v.id, i]));
    this.tab = { vars: cx.ir.vars, varIndex, cur: (i) => this.get(cx.w.vars[i]) };
  }

  get(v: string): string {
    return this.cur.get(v) ?? v;
  }

  set(v: string, expr: string): void {
    if (ATOMIC.test(expr)) {
      this.cur.set(v, expr);
      return;
    }
    const name = tlaIdentifier(`${v}_next`, this.local);
    this.clauses.push({ kind: 'let', name, expr });
    this.cur.set(v, name);
  }

  cond(text: string): void {
    if (text !== 'TRUE') this.clauses.push({ kind: 'cond', text });
  }

  /** Variables whose current value is not the variable itself. */
  changed(): Map<string, string> {
    return new Map([...this.cur].filter(([v, e]) => v !== e));
  }

  guard(q: Guard): void {
    const { w, g } = this.cx;
    switch (q.kind) {
      case 'test': this.cond(guardFormula(q.expr, q.want, this.tab)); break;
      case 'at': {
        const pcs = [...new Set(q.locs.map((l) => g.locations[l].local + 1))];
        const x = this.get(w.pc[q.slot]);
        this.cond(pcs.length === 1 ? `${x} = ${pcs[0]}` : `${x} \\in {${pcs.join(', ')}}`);
        break;
      }
      case 'inactive': this.cond(`${this.get(w.pc[q.slot])} = 0`); break;
      case 'registered': this.cond(this.get(w.registered[q.handler])); break;
      case 'cancelRequested':
        if (w.cancel === null) this.cond(q.value ? 'FALSE' : 'TRUE');
        else this.cond(q.value ? this.get(w.cancel) : `~${this.get(w.cancel)}`);
        break;
      case 'patch': this.cond(`${this.get(w.patches[q.patch])} \\in {0, ${q.value ? 1 : 2}}`); break;
      case 'listAt': {
        const l = this.get(w.lists[q.list]);
        const c = this.get(w.cursors[q.cursor]);
        const index = q.reverse ? `Len(${l}) - ${c}` : `${c} + 1`;
        this.cond(`(${c} < Len(${l}) /\\ ${l}[${index}] = ${q.push})`);
        break;
      }
      case 'listDone': this.cond(`${this.get(w.cursors[q.cursor])} >= Len(${this.get(w.lists[q.list])})`); break;
    }
  }

  edge(e: Edge): void {
    const { w, g, ir } = this.cx;
    for (const q of e.guards) this.guard(q);
    for (const wr of e.writes) {
      const decl: VarDecl = ir.vars[wr.var];
      const target = w.vars[wr.var];
      if (!wr.split) {
        this.set(target, exactValue(wr.value, decl, this.tab));
        continue;
      }
      const name = tlaIdentifier(`${target}_value`, this.local);
      const cond = splitCondition(wr.value, decl, name, this.tab);
      this.clauses.push({ kind: 'exists', name, set: tlaDomain(decl) });
      this.cond(cond);
      this.cur.set(target, name);
    }
    for (const f of e.effects) {
      switch (f.kind) {
        case 'fork': this.set(w.pc[f.slot], String(g.locations[f.entry].local + 1)); break;
        case 'abandon': {
          const slots = subtree(g, f.slots);
          const pending = slots.map((sl) => {
            const finals = g.slots[sl].locations.filter((l) => g.locations[l].role !== 'stmt').map((l) => g.locations[l].local + 1);
            const pc = this.get(w.pc[sl]);
            return finals.length === 0 ? `${pc} # 0` : `(${pc} # 0 /\\ ${pc} \\notin {${finals.join(', ')}})`;
          });
          this.set(w.leftover, `(${[this.get(w.leftover), ...pending].join(' \\/ ')})`);
          for (const sl of slots) {
            this.set(w.pc[sl], '0');
            for (const c of g.slots[sl].cursors) this.set(w.cursors[c], '0');
          }
          break;
        }
        case 'terminate': this.set(w.status, tlaString(f.status)); break;
        case 'register': this.set(w.registered[f.handler], 'TRUE'); break;
        case 'requestCancel':
          if (w.cancel === null) throw new InternalError('a cancellation request in a workflow that is not cancellable');
          this.set(w.cancel, 'TRUE');
          break;
        case 'setPatch': this.set(w.patches[f.patch], f.value ? '1' : '2'); break;
        case 'push': {
          const l = this.get(w.lists[f.list]);
          this.set(w.lists[f.list], f.front ? `<<${f.push}>> \\o ${l}` : `Append(${l}, ${f.push})`);
          break;
        }
        case 'cursorNext': this.set(w.cursors[f.cursor], `${this.get(w.cursors[f.cursor])} + 1`); break;
        case 'resetCursor': this.set(w.cursors[f.cursor], '0'); break;
      }
    }
    if (e.to !== null) {
      for (const c of e.to.resets) this.set(w.cursors[c], '0');
      this.set(w.pc[e.slot], e.to.loc === null ? '0' : String(g.locations[e.to.loc].local + 1));
    }
  }
}

function subtree(g: ProcessGraph, roots: readonly number[]): number[] {
  const out: number[] = [];
  const go = (sl: number): void => {
    out.push(sl);
    for (const c of g.slots[sl].children) go(c);
  };
  roots.forEach(go);
  return out;
}

/** Renders clauses as a conjunction list at `indent`, ending with `tail` (conjuncts). */
function render(clauses: readonly Clause[], tail: readonly string[], indent: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    if (c.kind === 'cond') {
      out.push(`${indent}/\\ ${c.text}`);
      continue;
    }
    const head = c.kind === 'let' ? `LET ${c.name} == ${c.expr} IN` : `\\E ${c.name} \\in ${c.set} :`;
    const inner = render(clauses.slice(i + 1), tail, `${indent}      `);
    out.push(`${indent}/\\ ${head}`, ...(inner.length > 0 ? inner : [`${indent}      TRUE`]));
    return out;
  }
  for (const t of tail) out.push(`${indent}/\\ ${t}`);
  return out;
}

export interface StepText {
  /** The action's conjuncts (without the priority guards), as lines at the given indent. */
  readonly action: string[];
  /** Its enabling condition (guards and split-write feasibility, no primes), as lines. */
  readonly enabled: string[];
  /** The TLA+ value of lastEvent after the step. */
  readonly event: string;
}

/** The action of the edge sequence `edges` (one edge, or a delivery and its atomic path). */
export function stepText(cx: StepContext, edges: readonly Edge[], indent: string): StepText {
  const x = new Executor(cx);
  for (const e of edges) x.edge(e);
  const events = edges.filter((e) => e.event !== null);
  if (events.length > 1) throw new InternalError(`an atomic step would carry ${events.length} events`);
  const event = tlaString(events.length === 1 && events[0].event ? eventKey(events[0].event) : '');
  const changed = x.changed();
  changed.set(cx.w.lastEvent, event);
  const assigns = cx.w.all.filter((v) => changed.has(v)).map((v) => `${v}' = ${changed.get(v)}`);
  const rest = cx.w.all.filter((v) => !changed.has(v));
  if (rest.length > 0) assigns.push(`UNCHANGED <<${rest.join(', ')}>>`);
  // The enabling condition needs no LET bound after the last condition (only assignments read it).
  let last = x.clauses.length - 1;
  while (last >= 0 && x.clauses[last].kind === 'let') last--;
  const enabled = render(x.clauses.slice(0, last + 1), [], indent);
  return { action: render(x.clauses, assigns, indent), enabled: enabled.length > 0 ? enabled : [`${indent}/\\ TRUE`], event };
}
