/**
 * The atoms of workflow properties in TLA+, with the meaning wfverify's binding gives them
 * (src/extract/lower/binding.ts, docs/workflow-model.md "Atoms"): status atoms read `status`,
 * event atoms read `lastEvent`, `at(N)` the program counters, data atoms the variables,
 * `deadlock` is `Deadlocked` (running and no step enabled). Unknown atoms, activities, signals,
 * updates, children and enum values are InputErrors WFV2104 at the atom's position.
 */
import { InputError } from '../../core/index.js';
import type { ModelEvent, ProcessGraph, WorkflowIR } from '../../extract/index.js';
import { eventKey } from './events.js';
import type { Atom } from '../../logic/index.js';
import type { AtomTranslator, IntTerm } from './formula.js';
import { tlaString } from './names.js';
import { UNDEFINED, tlaValue } from './values.js';
import type { WorkflowVars } from './workflow-state.js';

const STATUS_ATOMS: Readonly<Record<string, string>> = {
  done: 'completed', failed: 'failed', cancelled: 'cancelled', continuedAsNew: 'continuedAsNew', running: 'running',
};
const BARE_EVENTS: Readonly<Record<string, string>> = {
  timerFired: 'timerFired', conditionSatisfied: 'conditionSatisfied', conditionTimedOut: 'conditionTimedOut', cancelRequested: 'cancelRequested',
};
type NamedKind = 'activityScheduled' | 'activityCompleted' | 'activityFailed' | 'signal' | 'update' | 'childStarted' | 'childCompleted' | 'childFailed';
const EVENT_ATOMS: Readonly<Record<string, NamedKind>> = {
  started: 'activityScheduled', scheduled: 'activityScheduled', completed: 'activityCompleted', failed: 'activityFailed',
  signaled: 'signal', updated: 'update', childStarted: 'childStarted', childCompleted: 'childCompleted', childFailed: 'childFailed',
};

const atomText = (a: Atom): string => (a.args.length === 0 ? a.name : `${a.name}(${a.args.join(', ')})`);

export function workflowAtoms(g: ProcessGraph, ir: WorkflowIR, w: WorkflowVars, deadlocked: string, file: string): AtomTranslator {
  const fail = (a: Atom | undefined, message: string, hint?: string): never => {
    const location = a?.span ? { file, line: a.span.start.line, column: a.span.start.column } : { file };
    throw new InputError('WFV2104', message, { location, hint });
  };
  const varByName = (name: string): number => ir.vars.findIndex((v) => v.name === name);
  const events = new Set<string>();
  for (const e of g.edges) if (e.event !== null) events.add(eventKey(e.event));
  /** lastEvent = key, or FALSE when the model has no such event (as the binding's lookup). */
  const lastEventIs = (key: string): string => (events.has(key) ? `(${w.lastEvent} = ${tlaString(key)})` : 'FALSE');
  const names = (kind: NamedKind): string[] => {
    const out = new Set<string>();
    if (kind.startsWith('activity')) ir.activities.forEach((x) => out.add(x));
    for (const e of g.edges) {
      const ev = e.event;
      if (ev === null) continue;
      if ((ev.kind === 'activityScheduled' || ev.kind === 'activityCompleted' || ev.kind === 'activityFailed') && kind.startsWith('activity')) out.add(ev.activity);
      if ((ev.kind === 'signal' || ev.kind === 'update') && ev.kind === kind) out.add(ev.name);
      if ((ev.kind === 'childStarted' || ev.kind === 'childCompleted' || ev.kind === 'childFailed') && kind.startsWith('child')) out.add(ev.workflow);
    }
    if (kind === 'signal' || kind === 'update') ir.handlers.filter((h) => h.kind === kind).forEach((h) => out.add(h.name));
    return [...out];
  };
  const atLine = (a: Atom, text: string): string => {
    const line = Number(text);
    if (!Number.isInteger(line) || line < 1) fail(a, `at(${text}): a source line number was expected`);
    const parts = g.slots.flatMap((slot, i) => {
      const pcs = slot.locations.filter((l) => g.locations[l].span?.line === line).map((l) => g.locations[l].local + 1);
      return pcs.length === 0 ? [] : [`${w.pc[i]} \\in {${pcs.join(', ')}}`];
    });
    return parts.length === 0 ? 'FALSE' : `(${parts.join(' \\/ ')})`;
  };

  return {
    tokens: () => fail(undefined, 'tokens(…) is not available for workflow models'),
    fireable: () => fail(undefined, 'fireable(…) is not available for workflow models'),
    deadlock: () => deadlocked,
    atom(a: Atom): string {
      if (a.args.length === 0) {
        const status = STATUS_ATOMS[a.name];
        if (status !== undefined) return `(${w.status} = ${tlaString(status)})`;
        const bare = BARE_EVENTS[a.name];
        if (bare !== undefined) return lastEventIs(bare);
        if (a.name === 'deadlock') return deadlocked;
        const i = varByName(a.name);
        if (i >= 0 && ir.vars[i].domain.kind === 'bool') return ir.vars[i].nullable ? `(${w.vars[i]} = TRUE)` : w.vars[i];
        if (i >= 0) return fail(a, `'${a.name}' is a ${ir.vars[i].domain.kind} variable; compare it (e.g. ${a.name} >= 1) or, for an enum, write ${a.name}(value)`);
      } else if (a.args.length === 1) {
        const [arg] = a.args;
        if (a.name === 'at') return atLine(a, arg);
        const kind = EVENT_ATOMS[a.name];
        if (kind !== undefined) {
          const known = names(kind);
          if (!known.includes(arg)) {
            const what = kind.startsWith('activity') ? 'activity' : kind.startsWith('child') ? 'child workflow' : kind;
            fail(a, `${atomText(a)}: the workflow has no ${what} '${arg}'`, known.length > 0 ? `known: ${known.join(', ')}` : `the workflow has no ${what}`);
          }
          const event: ModelEvent = kind === 'signal' || kind === 'update' ? { kind, name: arg }
            : kind === 'childStarted' || kind === 'childCompleted' || kind === 'childFailed' ? { kind, workflow: arg }
            : { kind, activity: arg };
          return lastEventIs(eventKey(event));
        }
        const i = varByName(a.name);
        const d = i >= 0 ? ir.vars[i].domain : undefined;
        if (d !== undefined && d.kind === 'enum') {
          if (!d.values.includes(arg)) fail(a, `${atomText(a)}: '${arg}' is not a value of ${a.name}`, `values: ${d.values.join(', ')}`);
          return `(${w.vars[i]} = ${tlaValue(arg)})`;
        }
      }
      return fail(a, `unknown atom '${atomText(a)}' in a property of workflow ${ir.name}`,
        'atoms: done, failed, cancelled, continuedAsNew, running, started(a), completed(a), failed(a), signaled(s), updated(u), timerFired, childStarted(w), childCompleted(w), childFailed(w), at(line), or a tracked variable');
    },
    integerAtom(a: Atom): IntTerm {
      const i = a.args.length === 0 ? varByName(a.name) : -1;
      if (i < 0) return fail(a, `unknown integer '${atomText(a)}' in a property of workflow ${ir.name}`, 'integers in workflow properties are tracked int or bool variables');
      const v = ir.vars[i];
      if (v.domain.kind === 'enum') return fail(a, `'${a.name}' is an enum variable; use ${a.name}(value) instead of comparing it as a number`);
      const x = w.vars[i];
      const text = v.domain.kind === 'bool' ? `(IF ${x} = TRUE THEN 1 ELSE 0)` : x;
      return { text, undefinedWhen: v.nullable ? [`${x} = ${UNDEFINED}`] : [] };
    },
  };
}
