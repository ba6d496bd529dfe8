/**
 * What an atom of a workflow property means on a workflow model, independently of how a state
 * is represented (docs/workflow-model.md, "Atoms"). The checker's binding (binding.ts) and the
 * model writers (TLA+, Promela) all resolve atoms here, so they agree on names, on the reserved
 * words, and on the errors:
 *
 * - status: `done` (completed), `failed`, `cancelled`, `continuedAsNew`, `running`, `taskFailed`
 *   (the workflow task fails for ever: an error that is no Temporal failure escaped workflow code);
 * - the event of the step that led to the state (its {@link eventKey}): `started(a)` /
 *   `scheduled(a)`, `completed(a)`, `failed(a)`, `signaled(s)`, `updated(u)`, `timerFired`,
 *   `conditionSatisfied`, `conditionTimedOut`, `cancelRequested`, `childStarted(w)`,
 *   `childCompleted(w)`, `childFailed(w)`;
 * - control: `at(N)`: some active thread is at a statement that starts on source line N;
 * - data: a bare boolean variable name (the first declared of that name); `name(v)` for an enum
 *   variable; as an integer, an int or bool variable.
 *
 * Reserved atom names win over variables of the same name. Unknown atoms, activities, messages,
 * children and enum values are InputErrors WFV2104 located in the property text (`file`).
 */
import { InputError } from '../../core/index.js';
import type { Atom } from '../../logic/index.js';
import type { WorkflowIR } from '../ir.js';
import { eventKey } from './events.js';
import type { ProcessGraph } from './graph.js';
import type { ModelEvent, WorkflowStatus } from './types.js';

export type AtomMeaning =
  | { readonly kind: 'status'; readonly status: WorkflowStatus }
  /** The last event is `key`; `present` is false when no step of the model has that event. */
  | { readonly kind: 'event'; readonly key: string; readonly present: boolean }
  | { readonly kind: 'deadlock' }
  /** `at(N)`: per slot, the local indices of its locations on line N (slots without any omitted). */
  | { readonly kind: 'at'; readonly slots: readonly { readonly slot: number; readonly locals: readonly number[] }[] }
  | { readonly kind: 'boolVar'; readonly index: number }
  | { readonly kind: 'enumVar'; readonly index: number; readonly value: string };

const STATUS_ATOMS: Readonly<Record<string, WorkflowStatus>> = {
  done: 'completed', failed: 'failed', cancelled: 'cancelled', continuedAsNew: 'continuedAsNew', running: 'running', taskFailed: 'taskFailed',
};
const BARE_EVENTS: Readonly<Record<string, ModelEvent>> = {
  timerFired: { kind: 'timerFired' },
  conditionSatisfied: { kind: 'conditionSatisfied' },
  conditionTimedOut: { kind: 'conditionTimedOut' },
  cancelRequested: { kind: 'cancelRequested' },
};
type NamedKind = 'activityScheduled' | 'activityCompleted' | 'activityFailed' | 'signal' | 'update' | 'childStarted' | 'childCompleted' | 'childFailed';
const EVENT_ATOMS: Readonly<Record<string, NamedKind>> = {
  started: 'activityScheduled', scheduled: 'activityScheduled', completed: 'activityCompleted', failed: 'activityFailed',
  signaled: 'signal', updated: 'update', childStarted: 'childStarted', childCompleted: 'childCompleted', childFailed: 'childFailed',
};

export function atomText(a: Atom): string {
  return a.args.length === 0 ? a.name : `${a.name}(${a.args.join(', ')})`;
}

/** Resolves the atoms of one workflow model's properties; errors are located in `file`. */
export class WorkflowAtoms {
  private readonly events = new Set<string>();

  constructor(
    private readonly graph: ProcessGraph,
    private readonly ir: WorkflowIR,
    private readonly file: string,
  ) {
    for (const e of graph.edges) if (e.event !== null) this.events.add(eventKey(e.event));
  }

  /** Throws WFV2104 at the atom's position. */
  fail(a: Atom | undefined, message: string, hint?: string): never {
    const location = a?.span ? { file: this.file, line: a.span.start.line, column: a.span.start.column } : { file: this.file };
    throw new InputError('WFV2104', message, { location, hint });
  }

  /** Index of the first variable named `name`, or -1. */
  varByName(name: string): number {
    return this.ir.vars.findIndex((v) => v.name === name);
  }

  /** The meaning of an atom used as a formula. */
  formula(a: Atom): AtomMeaning {
    const ir = this.ir;
    if (a.args.length === 0) {
      const status = STATUS_ATOMS[a.name];
      if (status !== undefined) return { kind: 'status', status };
      const bare = BARE_EVENTS[a.name];
      if (bare !== undefined) return this.event(bare);
      if (a.name === 'deadlock') return { kind: 'deadlock' };
      const i = this.varByName(a.name);
      if (i >= 0 && ir.vars[i].domain.kind === 'bool') return { kind: 'boolVar', index: i };
      if (i >= 0) this.fail(a, `'${a.name}' is a ${ir.vars[i].domain.kind} variable; compare it (e.g. ${a.name} >= 1) or, for an enum, write ${a.name}(value)`);
    } else if (a.args.length === 1) {
      const [arg] = a.args;
      if (a.name === 'at') return this.at(a, arg);
      const kind = EVENT_ATOMS[a.name];
      if (kind !== undefined) {
        const known = this.names(kind);
        if (!known.includes(arg)) {
          const what = kind.startsWith('activity') ? 'activity' : kind.startsWith('child') ? 'child workflow' : kind;
          this.fail(a, `${atomText(a)}: the workflow has no such ${what} '${arg}'`, known.length > 0 ? `known: ${known.join(', ')}` : `the workflow has no ${what}`);
        }
        return this.event(kind === 'signal' || kind === 'update' ? { kind, name: arg }
          : kind === 'childStarted' || kind === 'childCompleted' || kind === 'childFailed' ? { kind, workflow: arg }
          : { kind, activity: arg });
      }
      const i = this.varByName(a.name);
      const d = i >= 0 ? ir.vars[i].domain : undefined;
      if (d !== undefined && d.kind === 'enum') {
        if (!d.values.includes(arg)) this.fail(a, `${atomText(a)}: '${arg}' is not a value of ${a.name}`, `values: ${d.values.join(', ')}`);
        return { kind: 'enumVar', index: i, value: arg };
      }
    }
    return this.fail(a, `unknown atom '${atomText(a)}' in a property of workflow ${ir.name}`,
      'atoms: done, failed, cancelled, continuedAsNew, running, taskFailed, started(a), completed(a), failed(a), signaled(s), updated(u), timerFired, childStarted(w), childCompleted(w), childFailed(w), at(line), or a tracked variable');
  }

  /** The index of the int or bool variable an atom used as an integer names. */
  integer(a: Atom): number {
    const i = a.args.length === 0 ? this.varByName(a.name) : -1;
    if (i < 0) return this.fail(a, `unknown integer '${atomText(a)}' in a property of workflow ${this.ir.name}`, 'integers in workflow properties are tracked int or bool variables');
    if (this.ir.vars[i].domain.kind === 'enum') return this.fail(a, `'${a.name}' is an enum variable; use ${a.name}(value) instead of comparing it as a number`);
    return i;
  }

  private event(e: ModelEvent): AtomMeaning {
    const key = eventKey(e);
    return { kind: 'event', key, present: this.events.has(key) };
  }

  private at(a: Atom, text: string): AtomMeaning {
    const line = Number(text);
    if (!Number.isInteger(line) || line < 1) this.fail(a, `at(${text}): a source line number was expected`);
    const g = this.graph;
    const slots = g.slots.flatMap((slot, i) => {
      const locals = slot.locations.filter((l) => g.locations[l].span?.line === line).map((l) => g.locations[l].local);
      return locals.length === 0 ? [] : [{ slot: i, locals }];
    });
    return { kind: 'at', slots };
  }

  /** The names an event atom of `kind` may take: the workflow's activities, messages, children. */
  private names(kind: NamedKind): string[] {
    const out = new Set<string>();
    if (kind.startsWith('activity')) this.ir.activities.forEach((x) => out.add(x));
    for (const e of this.graph.edges) {
      const ev = e.event;
      if (ev === null) continue;
      if ((ev.kind === 'activityScheduled' || ev.kind === 'activityCompleted' || ev.kind === 'activityFailed') && kind.startsWith('activity')) out.add(ev.activity);
      if ((ev.kind === 'signal' || ev.kind === 'update') && ev.kind === kind) out.add(ev.name);
      if ((ev.kind === 'childStarted' || ev.kind === 'childCompleted' || ev.kind === 'childFailed') && kind.startsWith('child')) out.add(ev.workflow);
    }
    if (kind === 'signal' || kind === 'update') this.ir.handlers.filter((h) => h.kind === kind).forEach((h) => out.add(h.name));
    return [...out];
  }
}
