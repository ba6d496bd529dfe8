/**
 * The state of a workflow model as TLA+ variables — one per field of wfverify's packed state
 * (src/extract/lower/layout.ts), so TLC's distinct states are wfverify's states:
 *
 * | variable | values |
 * |---|---|
 * | `status` | "running", "completed", "failed", "cancelled", "continuedAsNew", "taskFailed" |
 * | `lastEvent` | "" (none: initial state or internal step) or the event's key, e.g. "activityCompleted(lockFunds)" |
 * | `leftover` | BOOLEAN: an abandoned branch had not finished |
 * | `cancel` | BOOLEAN: cancellation requested (only when the workflow is cancellable) |
 * | one `pc_…` per thread slot | 0 inactive, else the location's index in its slot + 1 |
 * | one per tracked variable | its value (values.ts); undefined is a sentinel of the variable's type |
 * | one `patch_…` per patch id | 0 unset, 1 patched (new code), 2 not patched |
 * | one `registered_…` per handler | BOOLEAN |
 * | one `list_…` per compensation list | a sequence of push-site codes (1 … n), front first |
 * | one `cursor_…` per compensation run site | 0 … capacity |
 *
 * Names are allocated in the module's namespace (names.ts) in this order.
 */
import type { ProcessGraph, VarDecl, WorkflowIR } from '../../extract/index.js';
import { eventKey } from './events.js';
import { tlaComment, tlaIdentifier, tlaString } from './names.js';
import { apalacheType, tlaDomain, tlaUndefined } from './values.js';

export const STATUSES = ['running', 'completed', 'failed', 'cancelled', 'continuedAsNew', 'taskFailed'] as const;

export interface WorkflowVars {
  readonly status: string;
  readonly lastEvent: string;
  readonly leftover: string;
  readonly cancel: string | null;
  readonly pc: readonly string[];
  readonly vars: readonly string[];
  readonly patches: readonly string[];
  readonly registered: readonly string[];
  readonly lists: readonly string[];
  readonly cursors: readonly string[];
  /** Every variable, in declaration order. */
  readonly all: readonly string[];
  /** Declarations (with Apalache types and comments), TypeOK's conjuncts. */
  readonly declarations: readonly string[];
  readonly typeOk: readonly string[];
}

export function workflowVars(g: ProcessGraph, ir: WorkflowIR, used: Set<string>): WorkflowVars {
  const status = 'status';
  const lastEvent = 'lastEvent';
  const leftover = 'leftover';
  const cancel = g.cancellable ? 'cancel' : null;
  for (const n of [status, lastEvent, leftover, 'cancel']) used.add(n);
  const pc = g.slots.map((s) => {
    const h = g.handlers.find((x) => x.slot === s.id);
    return tlaIdentifier(s.kind === 'main' ? 'pc_main' : h ? `pc_${h.name}` : `pc_branch${s.id}`, used);
  });
  const vars = ir.vars.map((v) => tlaIdentifier(v.name, used));
  const patches = g.patches.map((p) => tlaIdentifier(`patch_${p}`, used));
  const registered = g.handlers.map((h) => tlaIdentifier(`registered_${h.name}`, used));
  const lists = g.lists.map((l) => tlaIdentifier(`list_${l.name}`, used));
  const cursors = g.cursorLists.map((_, i) => tlaIdentifier(`cursor${i + 1}`, used));
  const all = [status, lastEvent, leftover, ...(cancel ? [cancel] : []), ...pc, ...vars, ...patches, ...registered, ...lists, ...cursors];

  const decl: string[] = [];
  const typeOk: string[] = [];
  const declare = (name: string, type: string, what: string, set: string): void => {
    decl.push(tlaComment(what), `\\* @type: ${type};`, `VARIABLE ${name}`);
    typeOk.push(`${name} \\in ${set}`);
  };
  const events = new Set<string>();
  for (const e of g.edges) if (e.event !== null) events.add(eventKey(e.event));
  declare(status, 'Str', 'the workflow status', `{${STATUSES.map((s) => tlaString(s)).join(', ')}}`);
  declare(lastEvent, 'Str', 'the event of the step that led here ("" = none)', `{${['', ...events].map(tlaString).join(', ')}}`);
  declare(leftover, 'Bool', 'an abandoned branch had not finished', 'BOOLEAN');
  if (cancel) declare(cancel, 'Bool', 'cancellation requested', 'BOOLEAN');
  g.slots.forEach((s, i) => declare(pc[i], 'Int', `thread slot ${i} (${s.kind}: ${s.title}): 0 inactive, else location index + 1`, `0..${s.locations.length}`));
  ir.vars.forEach((v: VarDecl, i) => declare(vars[i], apalacheType(v), `workflow variable ${v.name} (${v.id})${v.nullable ? `, undefined is ${tlaUndefined(v)}` : ''}`, tlaDomain(v)));
  g.patches.forEach((p, i) => declare(patches[i], 'Int', `patch ${p}: 0 unset, 1 patched, 2 not patched`, '0..2'));
  g.handlers.forEach((h, i) => declare(registered[i], 'Bool', `${h.kind} handler ${h.name} registered`, 'BOOLEAN'));
  g.lists.forEach((l, i) => declare(lists[i], 'Seq(Int)', `compensation list ${l.name}: push sites ${l.pushes.map((p, k) => `${k + 1}=${p}`).join(', ')}; capacity ${l.capacity}`, `Seq(1..${Math.max(1, l.pushes.length)})`));
  g.cursorLists.forEach((l, i) => declare(cursors[i], 'Int', `compensation cursor ${i + 1} over list ${g.lists[l].name}`, `0..${g.lists[l].capacity}`));
  return { status, lastEvent, leftover, cancel, pc, vars, patches, registered, lists, cursors, all, declarations: decl, typeOk };
}
