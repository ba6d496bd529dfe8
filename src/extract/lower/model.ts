/**
 * `lowerToSystem`: Workflow IR → process graph → packed-state transition system, with the step
 * table, the atom binding, and status/leftover queries on states.
 *
 * Initial states: status running, no last event, the main thread at its entry, every other slot
 * inactive, patches unset, no handler registered, empty compensation lists, and the variables at
 * their `init` values, evaluated in declaration order (a later init may read an earlier
 * variable). An init that is unknown (or outside the domain) gives one initial state per value —
 * except handler parameters, which the delivery sets, so they start at their first value.
 */
import { InputError, InternalError } from '../../core/index.js';
import type { WorkflowIR } from '../ir.js';
import { buildActions } from './actions.js';
import { LOWER_DEFAULTS } from './defaults.js';
import { workflowBinding } from './binding.js';
import { compileWorkflow } from './compile.js';
import type { DiagnosticSink } from './diagnostics.js';
import { VarCodec } from './domains.js';
import { EventTable } from './events.js';
import { compileExpr } from './expr.js';
import { WorkflowLayout } from './layout.js';
import { OpCompiler } from './ops.js';
import { WorkflowSystem } from './system.js';
import type { LowerOptions, WorkflowModel, WorkflowStep } from './types.js';
import { ANY } from './values.js';

export function lowerToSystem(ir: WorkflowIR, options: LowerOptions = {}): WorkflowModel {
  const maxCompensations = options.maxCompensations ?? LOWER_DEFAULTS.maxCompensations;
  if (!Number.isInteger(maxCompensations) || maxCompensations < 0) throw new InputError('WFV3005', `maxCompensations must be a non-negative integer, got ${maxCompensations}`);
  const { graph, builder } = compileWorkflow(ir, maxCompensations);
  const codecs = ir.vars.map((v) => new VarCodec(v));
  codecs.forEach((c) => {
    if (c.size === 0) throw new InternalError(`variable '${c.decl.name}' (${c.decl.id}) has an empty domain`);
  });
  const varIndex = new Map(ir.vars.map((v, i) => [v.id, i]));
  const events = new EventTable();
  for (const e of graph.edges) events.add(e.event);
  const layout = new WorkflowLayout(graph, codecs, events.size);
  const ops = new OpCompiler(graph, layout, codecs, varIndex, builder.diagnostics);
  const table = buildActions(graph, ops, codecs, events, builder.diagnostics, options.maxAtomicPaths ?? LOWER_DEFAULTS.maxAtomicPaths);
  const initial = initialStates(ir, layout, codecs, varIndex, graph.locations[graph.mainEntry].local + 1, builder.diagnostics);
  const system = new WorkflowSystem(graph, layout, table, codecs, events, initial);
  const binding = workflowBinding(system, ir, options.propertyFile ?? LOWER_DEFAULTS.propertyFile);
  const steps: readonly WorkflowStep[] = table.actions.map((a) => a.step);
  const edgeActions = new Map<number, number[]>();
  table.actions.forEach((a, id) => {
    const first = a.edges[0];
    const l = edgeActions.get(first);
    if (l) l.push(id);
    else edgeActions.set(first, [id]);
  });
  const activityCallActions = new Map<string, readonly number[]>();
  for (const [stmt, edges] of graph.activityCalls) activityCallActions.set(stmt, edges.flatMap((e) => edgeActions.get(e) ?? []));
  const F = layout.fields;
  return {
    ir,
    system,
    step(action: number): WorkflowStep {
      const s = steps[action];
      if (s === undefined) throw new InternalError(`workflow ${ir.name} has no action ${action}`);
      return s;
    },
    binding,
    status: (arena, offset) => system.status(arena, offset),
    hasLeftovers(arena, offset): boolean {
      if (F.read(arena, offset, layout.status) === 0) return false;
      if (F.read(arena, offset, layout.leftover) === 1) return true;
      return graph.slots.some((_, i) => i !== 0 && system.locationOf(arena, offset, i) >= 0);
    },
    activityCallActions,
    /** Read after exploring: abstracted out-of-domain writes are reported when met. */
    get diagnostics() {
      return builder.diagnostics.sorted();
    },
  };
}

function initialStates(
  ir: WorkflowIR, layout: WorkflowLayout, codecs: readonly VarCodec[], varIndex: ReadonlyMap<string, number>, mainPc: number,
  diagnostics: DiagnosticSink,
): Uint32Array[] {
  const F = layout.fields;
  const base = new Uint32Array(layout.words);
  F.write(base, layout.pc[0], mainPc);
  const params = new Set(ir.handlers.flatMap((h) => h.params));
  const read = (i: number, s: Uint32Array) => codecs[i].decode(F.read(s, 0, layout.vars[i]));
  let states: Uint32Array[] = [base];
  ir.vars.forEach((v, i) => {
    const init = compileExpr(v.init, varIndex, read);
    const c = codecs[i];
    const next: Uint32Array[] = [];
    for (const s of states) {
      const value = init(s);
      const code = value === ANY ? -1 : c.encode(value);
      if (value !== ANY && code < 0) {
        diagnostics.report('WFV3201', 'warning', v.span, `the initial value of '${v.name}' falls outside its domain; it starts at any value of the domain`, `init:${v.id}`);
      }
      const codes = code >= 0 ? [code] : params.has(v.id) ? [0] : Array.from({ length: c.size }, (_, k) => k);
      for (const k of codes) {
        const t = s.slice();
        F.write(t, layout.vars[i], k);
        next.push(t);
      }
    }
    states = next;
  });
  return states;
}
