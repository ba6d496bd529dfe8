/**
 * The global declarations of the UPPAAL model: workflow status, last event, leftover flag,
 * cancellation request, one program counter per thread slot, tracked variables, patches,
 * handler registrations, compensation lists with their push functions and cursors, and the
 * broadcast channels of forks and abandons (docs/export-uppaal.md, "State").
 *
 * Contract: every name is from one {@link NameTable} (fixed names first, so a workflow variable
 * called `status` becomes `status_2`); codes follow the reference model (src/extract/lower):
 * status 0 running, 1 completed, 2 failed, 3 cancelled, 4 continuedAsNew, 5 taskFailed; `pc_k` is 0 when slot k
 * is inactive, else its location's local index + 1; `lastEvent` 0 is "no event".
 */
import type { ModelEvent, ProcessGraph, WorkflowIR } from '../../extract/index.js';
import { type VarEnc, encodeVar, literal } from './encode.js';
import { NameTable } from './names.js';

export const STATUS = ['running', 'completed', 'failed', 'cancelled', 'continuedAsNew', 'taskFailed'] as const;

/** The canonical key of an event (`activityCompleted(lockFunds)`), as the reference model's. */
export function eventKey(e: ModelEvent): string {
  if ('activity' in e) return `${e.kind}(${e.activity})`;
  if ('name' in e) return `${e.kind}(${e.name})`;
  if ('workflow' in e) return `${e.kind}(${e.workflow})`;
  return e.kind;
}

export interface ListDecl {
  readonly array: string;
  readonly length: string;
  readonly push: string;
  readonly pushFront: string;
  readonly capacity: number;
  readonly codes: number;
}

export class Globals {
  readonly names = new NameTable();
  readonly status = this.names.fresh('status');
  readonly lastEvent = this.names.fresh('lastEvent');
  readonly leftover = this.names.fresh('leftover');
  readonly cancel = this.names.fresh('cancelRequested');
  readonly urgentStep = this.names.fresh('urgent_step');
  readonly pc: readonly string[];
  readonly vars = new Map<string, VarEnc>();
  /** Event key → code (1 …). */
  readonly events = new Map<string, number>();
  readonly patches: readonly string[];
  readonly registered: readonly string[];
  readonly lists: readonly ListDecl[];
  readonly cursors: readonly string[];
  /** Edge id → its broadcast channel (forks and abandons). */
  readonly channels = new Map<number, { readonly name: string; readonly urgent: boolean }>();
  /** Constant initial values (others are set by the main template's start edge). */
  readonly initial = new Map<string, string>();

  constructor(readonly ir: WorkflowIR, readonly graph: ProcessGraph) {
    const n = this.names;
    this.pc = graph.slots.map((s) => n.fresh(`pc_${s.kind}${s.id === 0 ? '' : s.id}`));
    for (const v of ir.vars) {
      const enc = encodeVar(v, n.fresh(v.name));
      this.vars.set(v.id, enc);
      if (v.init.kind === 'const') {
        const lit = literal(enc, v.init.value);
        if (lit !== null) this.initial.set(v.id, lit);
      }
    }
    for (const e of graph.edges) if (e.event !== null && !this.events.has(eventKey(e.event))) this.events.set(eventKey(e.event), this.events.size + 1);
    this.patches = graph.patches.map((p) => n.fresh(`patch_${p}`));
    this.registered = graph.handlers.map((h) => n.fresh(`registered_${h.name}`));
    this.lists = graph.lists.map((l) => ({
      array: n.fresh(`list_${l.name}`), length: n.fresh(`len_${l.name}`), push: n.fresh(`push_${l.name}`),
      pushFront: n.fresh(`pushFront_${l.name}`), capacity: l.capacity, codes: l.pushes.length,
    }));
    this.cursors = graph.cursorLists.map((_, i) => n.fresh(`cursor_${i}`));
  }

  /** The first declared variable named `name` (as the reference binding looks variables up). */
  varByName(name: string): VarEnc | undefined {
    const v = this.ir.vars.find((d) => d.name === name);
    return v === undefined ? undefined : this.vars.get(v.id);
  }

  /** Does some initial value need the start edge? */
  get needsStart(): boolean {
    return this.ir.vars.some((v) => !this.initial.has(v.id));
  }

  declaration(): string {
    const g = this.graph;
    const out: string[] = [`// Workflow ${this.ir.name}, exported by wfverify (docs/export-uppaal.md).`];
    out.push(`// ${this.status}: ${STATUS.map((s, i) => `${i} ${s}`).join(', ')}`, `int[0,${STATUS.length - 1}] ${this.status} = 0;`);
    out.push(`// ${this.lastEvent}: 0 none, ${[...this.events].map(([k, c]) => `${c} ${k}`).join(', ')}`, `int[0,${this.events.size}] ${this.lastEvent} = 0;`);
    out.push(`bool ${this.leftover} = false;  // a branch was abandoned while pending`);
    if (g.cancellable) out.push(`bool ${this.cancel} = false;`);
    g.slots.forEach((s, i) => {
      const init = i === 0 && !this.needsStart ? g.locations[g.mainEntry].local + 1 : 0;
      out.push(`int[0,${s.locations.length}] ${this.pc[i]} = ${init};  // ${s.kind} ${s.title}: 0 inactive, else location + 1`);
    });
    for (const v of this.ir.vars) {
      const enc = this.vars.get(v.id) as VarEnc;
      const d = v.domain;
      const table = d.kind === 'enum' ? ` codes: ${d.values.map((x, i) => `${i} '${x}'`).join(', ')}` : '';
      const nul = enc.nullCode !== null ? ` ${enc.nullCode} undefined` : '';
      const init = this.initial.get(v.id) ?? (enc.type === 'bool' ? 'false' : String(enc.lo));
      const comment = table !== '' || nul !== '' || enc.name !== v.name ? `  // ${v.name}${table}${nul}` : '';
      out.push(`${enc.type} ${enc.name} = ${init};${comment}`);
    }
    this.patches.forEach((p, i) => out.push(`int[0,2] ${p} = 0;  // patched('${g.patches[i]}'): 0 unset, 1 true, 2 false`));
    this.registered.forEach((r) => out.push(`bool ${r} = false;`));
    this.lists.forEach((l, i) => {
      const info = g.lists[i];
      out.push(`// compensation list ${info.name}: entries ${info.pushes.map((p, k) => `${k + 1} ${p}`).join(', ')}`);
      out.push(`int[0,${l.codes}] ${l.array}[${Math.max(1, l.capacity)}];`, `int[0,${l.capacity}] ${l.length} = 0;`);
      out.push(`void ${l.push}(int p) { ${l.array}[${l.length}] = p; ${l.length}++; }`);
      out.push(`void ${l.pushFront}(int p) { int i; for (i = ${l.length}; i > 0; i--) ${l.array}[i] = ${l.array}[i - 1]; ${l.array}[0] = p; ${l.length}++; }`);
    });
    this.cursors.forEach((c, i) => out.push(`int[0,${g.lists[g.cursorLists[i]]?.capacity ?? 0}] ${c} = 0;`));
    out.push(`urgent broadcast chan ${this.urgentStep};  // no receivers: makes a step urgent`);
    for (const [, ch] of this.channels) out.push(`${ch.urgent ? 'urgent ' : ''}broadcast chan ${ch.name};`);
    return out.join('\n');
  }
}
