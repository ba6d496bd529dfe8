/**
 * Compiles process-graph edges into executable steps: a sequence of operations on a scratch copy
 * of the source state, each returning false when the step is not enabled. Guards come first (so
 * they read the source state), then writes, effects, the move of the thread and its resets.
 * Every operation is deterministic: a split write carries the one value it writes and is enabled
 * only when that value is possible.
 */
import { InternalError } from '../../core/index.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { VarCodec } from './domains.js';
import { ModelBoundError } from './errors.js';
import { compileExpr, type CompiledExpr } from './expr.js';
import type { Edge, Effect, Guard, ProcessGraph, Target, Write } from './graph.js';
import { STATUS_CODES, type WorkflowLayout } from './layout.js';
import { ANY, formatValue, truth } from './values.js';
import type { Value } from '../ir.js';

/** One operation on the scratch state (offset 0); false = the step is disabled. */
export type Op = (s: Uint32Array) => boolean;

export class OpCompiler {
  private readonly exprs = new Map<object, CompiledExpr>();
  private readonly read: (index: number, s: Uint32Array) => Value;

  constructor(
    private readonly g: ProcessGraph,
    private readonly layout: WorkflowLayout,
    private readonly codecs: readonly VarCodec[],
    private readonly varIndex: ReadonlyMap<string, number>,
    private readonly diagnostics: DiagnosticSink,
  ) {
    const f = layout.fields;
    this.read = (i, s) => codecs[i].decode(f.read(s, 0, layout.vars[i]));
  }

  private expr(e: Parameters<typeof compileExpr>[0]): CompiledExpr {
    let c = this.exprs.get(e);
    if (c === undefined) {
      c = compileExpr(e, this.varIndex, this.read);
      this.exprs.set(e, c);
    }
    return c;
  }

  /** The operations of one instance of `edge`; `values` are the codes of its split writes, in order. */
  edge(edge: Edge, values: readonly number[]): Op[] {
    const ops: Op[] = edge.guards.map((g) => this.guard(g));
    let k = 0;
    for (const w of edge.writes) ops.push(this.write(w, w.split ? values[k++] : -1, edge));
    for (const e of edge.effects) ops.push(this.effect(e));
    if (edge.to !== null) ops.push(this.move(edge.slot, edge.to));
    return ops;
  }

  guard(g: Guard): Op {
    const L = this.layout;
    const F = L.fields;
    switch (g.kind) {
      case 'test': {
        const e = this.expr(g.expr);
        const want = g.want;
        return (s) => {
          const t = truth(e(s));
          return t === ANY || t === want;
        };
      }
      case 'at': {
        const f = L.pc[g.slot];
        const pcs = new Set(g.locs.map((l) => this.g.locations[l].local + 1));
        return (s) => pcs.has(F.read(s, 0, f));
      }
      case 'inactive': {
        const f = L.pc[g.slot];
        return (s) => F.read(s, 0, f) === 0;
      }
      case 'registered': {
        const f = L.registered[g.handler];
        return (s) => F.read(s, 0, f) === 1;
      }
      case 'cancelRequested': {
        const want = g.value ? 1 : 0;
        return (s) => F.read(s, 0, L.cancel) === want;
      }
      case 'patch': {
        const f = L.patches[g.patch];
        const code = g.value ? 1 : 2;
        return (s) => {
          const v = F.read(s, 0, f);
          return v === 0 || v === code;
        };
      }
      case 'listAt': {
        const list = L.lists[g.list];
        const cur = L.cursors[g.cursor];
        const { push, reverse } = g;
        return (s) => {
          const c = F.read(s, 0, cur);
          const n = F.read(s, 0, list.length);
          return c < n && F.read(s, 0, list.entries[reverse ? n - 1 - c : c]) === push;
        };
      }
      case 'listDone': {
        const list = L.lists[g.list];
        const cur = L.cursors[g.cursor];
        return (s) => F.read(s, 0, cur) >= F.read(s, 0, list.length);
      }
    }
  }

  /**
   * A write; split writes carry the code they write. A value outside the domain enables every
   * code (the abstraction) and is reported once per statement of `edge`.
   */
  write(w: Write, code: number, edge: Edge): Op {
    const F = this.layout.fields;
    const field = this.layout.vars[w.var];
    const codec = this.codecs[w.var];
    const e = this.expr(w.value);
    if (!w.split) {
      return (s) => {
        const v = e(s);
        const c = v === ANY ? -1 : codec.encode(v);
        if (c < 0) throw new InternalError(`an exact write to '${codec.decl.name}' produced a value outside its domain`);
        F.write(s, field, c);
        return true;
      };
    }
    const sink = this.diagnostics;
    const { span, stmt } = edge;
    let reported = false;
    return (s) => {
      const v = e(s);
      if (v !== ANY) {
        const c = codec.encode(v);
        if (c >= 0 && c !== code) return false;
        if (c < 0 && !reported) {
          reported = true;
          sink.report('WFV3201', 'warning', span,
            `the value written to '${codec.decl.name}' falls outside its domain (${formatValue(v)}); the write is abstracted to any value of the domain`,
            `range:${stmt}:${w.var}`);
        }
      }
      F.write(s, field, code);
      return true;
    };
  }

  effect(e: Effect): Op {
    const L = this.layout;
    const F = L.fields;
    switch (e.kind) {
      case 'fork': {
        const f = L.pc[e.slot];
        const pc = this.g.locations[e.entry].local + 1;
        return (s) => {
          F.write(s, f, pc);
          return true;
        };
      }
      case 'abandon': {
        const slots = this.subtree(e.slots);
        const pcs = slots.map((sl) => L.pc[sl]);
        const finals = slots.map((sl) => new Set(this.g.slots[sl].locations.filter((l) => this.g.locations[l].role !== 'stmt').map((l) => this.g.locations[l].local + 1)));
        const cursors = slots.flatMap((sl) => this.g.slots[sl].cursors.map((c) => L.cursors[c]));
        return (s) => {
          for (let i = 0; i < pcs.length; i++) {
            const pc = F.read(s, 0, pcs[i]);
            if (pc !== 0 && !finals[i].has(pc)) F.write(s, L.leftover, 1);
            F.write(s, pcs[i], 0);
          }
          for (const c of cursors) F.write(s, c, 0);
          return true;
        };
      }
      case 'terminate': {
        const code = STATUS_CODES.indexOf(e.status);
        return (s) => {
          F.write(s, L.status, code);
          return true;
        };
      }
      case 'register': {
        const f = L.registered[e.handler];
        return (s) => {
          F.write(s, f, 1);
          return true;
        };
      }
      case 'requestCancel':
        return (s) => {
          F.write(s, L.cancel, 1);
          return true;
        };
      case 'setPatch': {
        const f = L.patches[e.patch];
        const code = e.value ? 1 : 2;
        return (s) => {
          F.write(s, f, code);
          return true;
        };
      }
      case 'push': {
        const list = L.lists[e.list];
        const info = this.g.lists[e.list];
        const { push, front, span } = e;
        return (s) => {
          const n = F.read(s, 0, list.length);
          if (n >= list.entries.length) {
            throw new ModelBoundError(`compensation list '${info.name}' would hold more than ${list.entries.length} entries (the model's bound)`, span);
          }
          if (front) {
            for (let i = n; i > 0; i--) F.write(s, list.entries[i], F.read(s, 0, list.entries[i - 1]));
            F.write(s, list.entries[0], push);
          } else {
            F.write(s, list.entries[n], push);
          }
          F.write(s, list.length, n + 1);
          return true;
        };
      }
      case 'cursorNext': {
        const f = L.cursors[e.cursor];
        return (s) => {
          F.write(s, f, F.read(s, 0, f) + 1);
          return true;
        };
      }
      case 'resetCursor': {
        const f = L.cursors[e.cursor];
        return (s) => {
          F.write(s, f, 0);
          return true;
        };
      }
    }
  }

  /** Moves slot `slot`'s thread to `t` (resetting its cursors on the way). */
  move(slot: number, t: Target): Op {
    const L = this.layout;
    const F = L.fields;
    const f = L.pc[slot];
    const pc = t.loc === null ? 0 : this.g.locations[t.loc].local + 1;
    const resets = t.resets.map((c) => L.cursors[c]);
    return (s) => {
      for (const c of resets) F.write(s, c, 0);
      F.write(s, f, pc);
      return true;
    };
  }

  /** The slots and all their descendants. */
  private subtree(roots: readonly number[]): number[] {
    const out: number[] = [];
    const go = (sl: number): void => {
      out.push(sl);
      for (const c of this.g.slots[sl].children) go(c);
    };
    roots.forEach(go);
    return out;
  }
}
