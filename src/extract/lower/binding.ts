/**
 * Binds the atoms of the property language to a workflow model (docs/workflow-model.md, "Atoms"):
 *
 * - status: `done` (completed), `failed`, `cancelled`, `continuedAsNew`, `running`;
 * - the event of the step that led to the state: `started(a)` / `scheduled(a)`, `completed(a)`,
 *   `failed(a)`, `signaled(s)`, `updated(u)`, `timerFired`, `conditionSatisfied`,
 *   `conditionTimedOut`, `cancelRequested`, `childStarted(w)`, `childCompleted(w)`, `childFailed(w)`;
 * - control: `at(N)`: some active thread is at a statement that starts on source line N;
 * - data: a bare boolean variable name (the first declared of that name) is its value;
 *   `name(v)` for an enum variable is `name == 'v'`; as an integer, a variable is its value
 *   (booleans 0/1, undefined NaN).
 *
 * Reserved atom names win over variables of the same name. `tokens` and `fireable` do not apply
 * to workflow models; those and unknown atoms are InputErrors WFV2104 located in the property
 * text (file from `LowerOptions.propertyFile`).
 */
import { InputError } from '../../core/index.js';
import type { Atom, AtomBinding, StateInteger, StatePredicate } from '../../logic/index.js';
import type { WorkflowIR } from '../ir.js';
import type { VarCodec } from './domains.js';
import { eventKey } from './events.js';
import { STATUS_CODES } from './layout.js';
import type { WorkflowSystem } from './system.js';
import type { ModelEvent, WorkflowStatus } from './types.js';

const STATUS_ATOMS: Readonly<Record<string, WorkflowStatus>> = {
  done: 'completed', failed: 'failed', cancelled: 'cancelled', continuedAsNew: 'continuedAsNew', running: 'running',
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

function atomText(a: Atom): string {
  return a.args.length === 0 ? a.name : `${a.name}(${a.args.join(', ')})`;
}

export function workflowBinding(system: WorkflowSystem, ir: WorkflowIR, file: string): AtomBinding {
  const F = system.layout.fields;
  const L = system.layout;
  const g = system.graph;
  const fail = (a: Atom | undefined, message: string, hint?: string): never => {
    const location = a?.span ? { file, line: a.span.start.line, column: a.span.start.column } : { file };
    throw new InputError('WFV2104', message, { location, hint });
  };
  const varByName = (name: string): { index: number; codec: VarCodec } | undefined => {
    const index = system.codecs.findIndex((c) => c.decl.name === name);
    return index < 0 ? undefined : { index, codec: system.codecs[index] };
  };
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
  const lastEventIs = (key: string): StatePredicate => {
    const index = system.events.lookup(key);
    if (index === 0) return () => false;
    return (s, o) => F.read(s, o, L.lastEvent) === index;
  };
  const deadlock = (): StatePredicate => (s, o) => {
    if (F.read(s, o, L.status) !== 0) return false;
    let any = false;
    system.successors(s, o, () => {
      any = true;
      return true;
    });
    return !any;
  };
  const atLine = (a: Atom, text: string): StatePredicate => {
    const line = Number(text);
    if (!Number.isInteger(line) || line < 1) fail(a, `at(${text}): a source line number was expected`);
    const slots = g.slots.map((slot) => new Set(slot.locations.filter((l) => g.locations[l].span?.line === line).map((l) => g.locations[l].local + 1)));
    return (s, o) => slots.some((pcs, i) => pcs.size > 0 && pcs.has(F.read(s, o, L.pc[i])));
  };

  return {
    tokens(): StateInteger {
      return fail(undefined, 'tokens(…) is not available for workflow models', 'workflow properties name events, locations and data, e.g. completed(lockFunds) or amount >= 1');
    },
    fireable(): StatePredicate {
      return fail(undefined, 'fireable(…) is not available for workflow models', 'workflow properties name events, locations and data, e.g. completed(lockFunds)');
    },
    deadlock,
    atom(a: Atom): StatePredicate {
      if (a.args.length === 0) {
        const status = STATUS_ATOMS[a.name];
        if (status !== undefined) {
          const code = STATUS_CODES.indexOf(status);
          return (s, o) => F.read(s, o, L.status) === code;
        }
        const bare = BARE_EVENTS[a.name];
        if (bare !== undefined) return lastEventIs(eventKey(bare));
        if (a.name === 'deadlock') return deadlock();
        const v = varByName(a.name);
        if (v !== undefined && v.codec.decl.domain.kind === 'bool') {
          const f = L.vars[v.index];
          return (s, o) => F.read(s, o, f) === 1;
        }
        if (v !== undefined) return fail(a, `'${a.name}' is a ${v.codec.decl.domain.kind} variable; compare it (e.g. ${a.name} >= 1) or, for an enum, write ${a.name}(value)`);
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
        const v = varByName(a.name);
        if (v !== undefined && v.codec.decl.domain.kind === 'enum') {
          const code = v.codec.encode(arg);
          if (code < 0) fail(a, `${atomText(a)}: '${arg}' is not a value of ${a.name}`, `values: ${v.codec.decl.domain.values.join(', ')}`);
          const f = L.vars[v.index];
          return (s, o) => F.read(s, o, f) === code;
        }
      }
      return fail(a, `unknown atom '${atomText(a)}' in a property of workflow ${ir.name}`,
        'atoms: done, failed, cancelled, continuedAsNew, running, started(a), completed(a), failed(a), signaled(s), updated(u), timerFired, childStarted(w), childCompleted(w), childFailed(w), at(line), or a tracked variable');
    },
    integerAtom(a: Atom): StateInteger {
      const v = a.args.length === 0 ? varByName(a.name) : undefined;
      if (v === undefined) return fail(a, `unknown integer '${atomText(a)}' in a property of workflow ${ir.name}`, 'integers in workflow properties are tracked int or bool variables');
      if (v.codec.decl.domain.kind === 'enum') return fail(a, `'${a.name}' is an enum variable; use ${a.name}(value) instead of comparing it as a number`);
      const f = L.vars[v.index];
      const codec = v.codec;
      return (s, o) => {
        const x = codec.decode(F.read(s, o, f));
        return x === null ? Number.NaN : typeof x === 'boolean' ? (x ? 1 : 0) : Number(x);
      };
    },
  };
}
