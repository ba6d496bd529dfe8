/**
 * Test helpers for lowering: a small builder of Workflow IR fixtures (ids `s1`, `s2` … and one
 * source line per statement unless given) and functions that explore a lowered model and read
 * its behaviour as event sequences.
 */
import { explore, replayTrace, traceTo, type Exploration, type TransitionSystem } from '../../../src/core/index.js';
import type { Atom } from '../../../src/logic/index.js';
import { IR_FORMAT_VERSION, type ActivityOptions, type Domain, type Expr, type HandlerDecl, type Raised, type SourceSpan, type Stmt, type Value, type VarDecl, type WorkflowIR } from '../../../src/extract/ir.js';
import { eventKey, type ModelEvent, type WorkflowModel, type WorkflowStatus } from '../../../src/extract/lower/index.js';

export const FILE = 'wf.ts';

export function span(line: number, column = 3): SourceSpan {
  return { file: FILE, line, column, endLine: line, endColumn: column + 10 };
}

/** Three attempts, so every call may fail (`mayFail`); pass `options: { mayFail: false }` to `act` for a call that always succeeds eventually. */
const OPTIONS: ActivityOptions = {
  maximumAttempts: 3, nonRetryableErrorTypes: [], startToCloseTimeoutMs: 10_000, scheduleToCloseTimeoutMs: null,
  heartbeatTimeoutMs: null, initialIntervalMs: null, backoffCoefficient: null, maximumIntervalMs: null, local: false, mayFail: true,
};

type Body = readonly Stmt[];

/** Builds statements with fresh ids; `line` defaults to the next line number. */
export class Ir {
  private n = 0;
  private lineNo = 1;

  private base(line?: number): { id: string; span: SourceSpan } {
    this.n++;
    const l = line ?? ++this.lineNo;
    return { id: `s${this.n}`, span: span(l) };
  }

  act(activity: string, o: { result?: string; line?: number; options?: Partial<ActivityOptions> } = {}): Stmt {
    const options = o.options === undefined ? OPTIONS : { ...OPTIONS, ...o.options };
    return { ...this.base(o.line), kind: 'activity', activity, options, ...(o.result !== undefined ? { result: o.result } : {}) };
  }
  timer(line?: number): Stmt {
    return { ...this.base(line), kind: 'timer', durationMs: 1000 };
  }
  cond(guard: Expr, timeoutMs: number | null | 'none', o: { result?: string; line?: number } = {}): Stmt {
    return { ...this.base(o.line), kind: 'condition', guard, timeoutMs, ...(o.result !== undefined ? { result: o.result } : {}) };
  }
  assign(target: string, value: Expr, line?: number): Stmt {
    return { ...this.base(line), kind: 'assign', target, value };
  }
  if(test: Expr, then: Body, otherwise: Body = [], line?: number): Stmt {
    return { ...this.base(line), kind: 'if', test, then, else: otherwise };
  }
  loop(test: Expr, body: Body, line?: number, update?: Body): Stmt {
    return { ...this.base(line), kind: 'loop', test, body, ...(update !== undefined ? { update } : {}) };
  }
  brk(line?: number): Stmt {
    return { ...this.base(line), kind: 'break' };
  }
  cont(line?: number): Stmt {
    return { ...this.base(line), kind: 'continue' };
  }
  parallel(mode: 'all' | 'allSettled' | 'race' | 'any', branches: readonly Body[], line?: number): Stmt {
    return { ...this.base(line), kind: 'parallel', mode, branches };
  }
  try(body: Body, handler: Body | null, fin: Body | null = null, line?: number): Stmt {
    return { ...this.base(line), kind: 'try', body, catch: handler, finally: fin };
  }
  /** `throw`: an ApplicationFailure of `errorType`; `null`, a bare rethrow of the caught error; `raises` overrides. */
  throw(errorType: string | null = 'Oops', line?: number, raises?: 'rethrow' | readonly Raised[]): Stmt {
    return { ...this.base(line), kind: 'throw', errorType, nonRetryable: true, raises: raises ?? (errorType === null ? 'rethrow' : ['failure']) };
  }
  ret(line?: number): Stmt {
    return { ...this.base(line), kind: 'return' };
  }
  child(workflow: string, mode: 'execute' | 'start' = 'execute', line?: number): Stmt {
    return { ...this.base(line), kind: 'child', workflow, mode };
  }
  childResult(workflow: string, line?: number): Stmt {
    return { ...this.base(line), kind: 'childResult', workflow };
  }
  continueAsNew(line?: number): Stmt {
    return { ...this.base(line), kind: 'continueAsNew' };
  }
  scope(mode: 'run' | 'cancellable' | 'nonCancellable', body: Body, line?: number): Stmt {
    return { ...this.base(line), kind: 'scope', mode, body };
  }
  handler(name: string, line?: number): Stmt {
    return { ...this.base(line), kind: 'handler', handler: name };
  }
  push(list: string, body: Body, front = false, line?: number): Stmt {
    return { ...this.base(line), kind: 'compensate', op: 'push', list, front, body };
  }
  run(list: string, line?: number, reverse = false): Stmt {
    return { ...this.base(line), kind: 'compensate', op: 'run', list, ...(reverse ? { reverse } : {}) };
  }
  patched(patchId: string, then: Body, otherwise: Body, line?: number): Stmt {
    return { ...this.base(line), kind: 'patched', patchId, deprecated: false, then, else: otherwise };
  }
}

export const unknown: Expr = { kind: 'unknown' };
export function v(id: string): Expr {
  return { kind: 'var', id };
}
export function c(value: Value): Expr {
  return { kind: 'const', value };
}
export function not(arg: Expr): Expr {
  return { kind: 'not', arg };
}
export function bin(op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right };
}

export function varDecl(id: string, domain: Domain, init: Expr, o: { name?: string; nullable?: boolean } = {}): VarDecl {
  return { id, name: o.name ?? id, domain, nullable: o.nullable ?? false, init, span: span(1) };
}

export function handlerDecl(kind: 'signal' | 'update' | 'query', name: string, body: Body, params: string[] = []): HandlerDecl {
  return { kind, name, params, body, span: span(90) };
}

export function workflow(body: Body, o: Partial<Omit<WorkflowIR, 'body'>> = {}): WorkflowIR {
  const activities: string[] = [];
  const visit = (ss: Body): void => {
    for (const s of ss) {
      if (s.kind === 'activity' && !activities.includes(s.activity)) activities.push(s.activity);
      for (const k of ['then', 'else', 'body', 'catch', 'finally', 'update'] as const) {
        const x = (s as unknown as Record<string, unknown>)[k];
        if (Array.isArray(x)) visit(x as Body);
      }
      if (s.kind === 'parallel') s.branches.forEach(visit);
    }
  };
  visit(body);
  (o.handlers ?? []).forEach((h) => visit(h.body));
  return {
    formatVersion: IR_FORMAT_VERSION, name: 'wf', span: span(1, 1), api: '@temporalio/workflow', vars: [], compensationLists: [], handlers: [],
    activities, cancellable: false, diagnostics: [], ...o, body,
  };
}

/** Explores the model completely (fails the test on a bound). */
export function exploreAll(m: WorkflowModel | TransitionSystem, recordEdges = true): Exploration {
  const system = 'system' in m ? m.system : m;
  const x = explore(system, { recordEdges, bounds: { maxStates: 200_000 } });
  if (x.status !== 'complete') throw new Error(`exploration ${x.status}`);
  return x;
}

/** The statuses of the reachable terminal states (sorted, distinct). */
export function terminalStatuses(m: WorkflowModel, x: Exploration): WorkflowStatus[] {
  const out = new Set<WorkflowStatus>();
  for (let id = 0; id < x.store.size; id++) {
    const s = m.status(x.store.arena, id * x.store.words);
    if (s !== 'running') out.add(s);
  }
  return [...out].sort();
}

/**
 * The set of event sequences (event keys joined by ' ') of length ≤ maxLen from the initial
 * states, skipping steps without an event. `eventOf(action)` names each action's event.
 * Throws when the internal-step closure of some state grows beyond `cap` states, when there are
 * more than `maxSequences` sequences, or when more than `maxWork` states are expanded in all.
 */
export function eventSequences(system: TransitionSystem, eventOf: (a: number) => ModelEvent | null, maxLen: number, cap = 5000, maxSequences = 50_000, maxWork = 200_000): Set<string> {
  let work = 0;
  const W = system.stateWords;
  const key = (s: Uint32Array): string => Array.from(s).join(',');
  const succ = (s: Uint32Array): { a: number; t: Uint32Array }[] => {
    if (++work > maxWork) throw new Error('too many sequences');
    const out: { a: number; t: Uint32Array }[] = [];
    system.successors(s, 0, (a, t) => {
      out.push({ a, t: t.slice(0, W) });
    });
    return out;
  };
  const closure = (states: Uint32Array[]): Map<string, Uint32Array> => {
    const seen = new Map<string, Uint32Array>();
    const stack = [...states];
    while (stack.length > 0) {
      const s = stack.pop() as Uint32Array;
      const k = key(s);
      if (seen.has(k)) continue;
      seen.set(k, s);
      if (seen.size > cap) throw new Error('internal closure too large');
      for (const { a, t } of succ(s)) if (eventOf(a) === null) stack.push(t);
    }
    return seen;
  };
  const result = new Set<string>(['']);
  let frontier = new Map<string, Map<string, Uint32Array>>([['', closure(system.initialStates().map((s) => s.slice()))]]);
  for (let len = 1; len <= maxLen; len++) {
    const next = new Map<string, Uint32Array[]>();
    for (const [prefix, states] of frontier) {
      for (const s of states.values()) {
        for (const { a, t } of succ(s)) {
          const e = eventOf(a);
          if (e === null) continue;
          const p = prefix === '' ? eventKey(e) : `${prefix} ${eventKey(e)}`;
          const l = next.get(p);
          if (l) l.push(t);
          else next.set(p, [t]);
        }
      }
    }
    frontier = new Map([...next].map(([p, ss]) => [p, closure(ss)]));
    for (const p of frontier.keys()) result.add(p);
    if (result.size > maxSequences) throw new Error('too many sequences');
  }
  return result;
}

/** The event sequences of complete runs (ending in a terminal state) of length ≤ maxLen. */
export function completeRuns(m: WorkflowModel, maxLen = 12): string[] {
  const all = eventSequences(m.system, (a) => m.step(a).event, maxLen);
  return [...all].filter((s) => /workflow(Completed|Failed|Cancelled|ContinuedAsNew|TaskFailed)$/.test(s)).sort();
}

/** Replays the BFS trace to every state of `x` and checks it ends in that state. */
export function expectTracesReplay(m: WorkflowModel, x: Exploration): void {
  for (let id = 0; id < x.store.size; id++) {
    const states = replayTrace(m.system, traceTo(x, id));
    const got = Array.from(states[states.length - 1]);
    const want = Array.from(x.store.arena.subarray(id * x.store.words, (id + 1) * x.store.words));
    if (got.join() !== want.join()) throw new Error(`trace to state ${id} replays to another state`);
  }
}

/** Ids of the explored states satisfying `p`. */
export function statesWhere(x: Exploration, p: (arena: Uint32Array, offset: number) => boolean): number[] {
  const out: number[] = [];
  for (let id = 0; id < x.store.size; id++) if (p(x.store.arena, id * x.store.words)) out.push(id);
  return out;
}

/** A bare atom of the property language. */
export function atom(name: string, ...args: string[]): Atom {
  return { kind: 'atom', name, args };
}
