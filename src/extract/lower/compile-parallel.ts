/**
 * `Promise.all | allSettled | race | any` over branches: a fork edge starts one thread slot per
 * branch; each branch ends at an outcome location (ok, or one per failure kind it can raise:
 * failure, cancel, and — only when the branch can raise them — fatal and error) where it rests
 * until a join edge of the parent reads the outcomes:
 * - all: succeeds when every branch is ok; fails (with the kind of the failure) as soon as one
 *   branch failed, abandoning the others;
 * - allSettled: continues when every branch has an outcome; never fails;
 * - race: the first branch with an outcome decides, the others are abandoned;
 * - any: the first ok branch wins (others abandoned); when every branch failed it raises an
 *   `AggregateError`, which is no Temporal failure (the IR's `allFailed` says what it does).
 * Abandoned threads stop (a WFV3202 diagnostic says so): the model does not run the rest of an
 * abandoned branch, which JavaScript would.
 */
import type { Stmt } from '../ir.js';
import { reportTaskFailure, stmtEdge, stmtLocation } from './compile-util.js';
import type { CompileEnv, Ctx } from './context.js';
import { at } from './context.js';
import { FAIL_KINDS, type Effect, type FailKind, type Guard, type Target } from './graph.js';

type ParallelStmt = Extract<Stmt, { kind: 'parallel' }>;

interface Branch {
  readonly slot: number;
  readonly ok: number;
  /** The outcome location per failure kind (fatal and error only when the branch raises them). */
  readonly failed: Partial<Record<FailKind, number>>;
}

const OUTCOME_TEXT: Readonly<Record<FailKind, string>> = {
  failure: 'branch failed', cancel: 'branch cancelled', fatal: 'branch threw an error of failureExceptionTypes', error: 'branch threw an error failing the workflow task',
};

export function compileParallel(cx: CompileEnv, s: ParallelStmt, ctx: Ctx, next: Target): Target {
  const fork = stmtLocation(cx, ctx, s, `before Promise.${s.mode}`);
  const join = stmtLocation(cx, ctx, s, `awaiting Promise.${s.mode}`);
  const branches: Branch[] = [];
  const entries: number[] = [];
  s.branches.forEach((body, i) => {
    const slot = cx.b.addSlot('branch', ctx.slot, `branch ${i + 1} of Promise.${s.mode} (${s.id})`, s.span);
    const ok = cx.b.addLocation(slot, 'ok', null, s.id, 'branch succeeded');
    const failed: Partial<Record<FailKind, number>> = {
      failure: cx.b.addLocation(slot, 'fail', null, s.id, OUTCOME_TEXT.failure),
      cancel: cx.b.addLocation(slot, 'cancel', null, s.id, OUTCOME_TEXT.cancel),
    };
    const outcomeOf = (k: FailKind) => (): Target => at(failed[k] ??= cx.b.addLocation(slot, 'fail', null, s.id, OUTCOME_TEXT[k]));
    branches.push({ slot, ok, failed });
    const bctx: Ctx = {
      slot,
      onFail: { failure: outcomeOf('failure'), cancel: outcomeOf('cancel'), fatal: outcomeOf('fatal'), error: outcomeOf('error') },
      onReturn: () => at(ok),
      onBreak: null,
      onContinue: null,
      cancellable: ctx.cancellable,
      caught: null,
      catches: ctx.catches, // a branch's error reaches the join
      repeatable: ctx.repeatable,
      compensating: ctx.compensating,
    };
    const entry = cx.seq(body, bctx, at(ok));
    entries.push(entry.loc ?? ok);
  });
  stmtEdge(cx, ctx, s, {
    from: fork, label: `fork Promise.${s.mode}(${s.branches.length})`, event: null, local: false,
    effects: branches.map((b, i): Effect => ({ kind: 'fork', slot: b.slot, entry: entries[i] })),
    to: at(join),
  });
  const all = branches.map((b) => b.slot);
  const release: Effect[] = all.length === 0 ? [] : [{ kind: 'abandon', slots: all }];
  const edge = (label: string, guards: Guard[], effects: Effect[], to: Target): void => {
    stmtEdge(cx, ctx, s, { from: join, label: `Promise.${s.mode} ${label}`, event: null, guards, effects, to, local: false });
  };
  const failLocs = (b: Branch): number[] => FAIL_KINDS.flatMap((k) => (b.failed[k] === undefined ? [] : [b.failed[k]]));
  const outcome = (b: Branch, k: 'ok' | FailKind): Guard => ({ kind: 'at', slot: b.slot, locs: [k === 'ok' ? b.ok : b.failed[k] as number] });
  const settled = (b: Branch): Guard => ({ kind: 'at', slot: b.slot, locs: [b.ok, ...failLocs(b)] });
  const failed = (b: Branch): Guard => ({ kind: 'at', slot: b.slot, locs: failLocs(b) });
  // the failure kinds a branch can end with (cancellation only when modelled)
  const kindsOf = (b: Branch): FailKind[] => FAIL_KINDS.filter((k) => b.failed[k] !== undefined && (k !== 'cancel' || cx.cancellation));
  const abandons = s.branches.length > 1 && s.mode !== 'allSettled';
  if (abandons) {
    const why = s.mode === 'all' ? 'when one branch fails, the others' : s.mode === 'race' ? 'the branches that do not settle first' : 'once one branch succeeds, the others';
    cx.b.diagnostics.report('WFV3202', 'warning', s.span,
      `Promise.${s.mode}: ${why} are abandoned; the model stops them (JavaScript would keep running them)`, s.id);
  }
  switch (s.mode) {
    case 'all':
      edge('succeeded', branches.map((b) => outcome(b, 'ok')), release, next);
      branches.forEach((b, i) => {
        for (const k of kindsOf(b)) edge(`branch ${i + 1} ${FAILED_TEXT[k]}`, [outcome(b, k)], [{ kind: 'abandon', slots: all }], ctx.onFail[k]());
      });
      break;
    case 'allSettled':
      edge('settled', branches.map(settled), release, next);
      break;
    case 'race':
      if (branches.length === 0) break; // Promise.race([]) never settles
      branches.forEach((b, i) => {
        edge(`branch ${i + 1} won`, [outcome(b, 'ok')], [{ kind: 'abandon', slots: all }], next);
        for (const k of kindsOf(b)) edge(`branch ${i + 1} ${FAILED_TEXT[k]} first`, [outcome(b, k)], [{ kind: 'abandon', slots: all }], ctx.onFail[k]());
      });
      break;
    case 'any':
      branches.forEach((b, i) => edge(`branch ${i + 1} succeeded`, [outcome(b, 'ok')], [{ kind: 'abandon', slots: all }], next));
      // an AggregateError: by default it fails the workflow task
      if ((s.allFailed ?? ['error']).includes('error') && !ctx.catches) reportTaskFailure(cx, s.span, 'Promise.any whose branches all fail raises an AggregateError, which is not a Temporal failure', s.id);
      for (const k of s.allFailed ?? ['error']) edge(`all failed (${FAILED_TEXT[k]})`, branches.map(failed), release, ctx.onFail[k]());
      break;
  }
  return at(fork);
}

const FAILED_TEXT: Readonly<Record<FailKind, string>> = { failure: 'failed', cancel: 'cancelled', fatal: 'threw a fatal error', error: 'threw an error' };
