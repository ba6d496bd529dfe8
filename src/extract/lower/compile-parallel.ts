/**
 * `Promise.all | allSettled | race | any` over branches: a fork edge starts one thread slot per
 * branch; each branch ends at an outcome location (ok, fail, cancel) where it rests until a join
 * edge of the parent reads the outcomes:
 * - all: succeeds when every branch is ok; fails (with the kind of the failure) as soon as one
 *   branch failed, abandoning the others;
 * - allSettled: continues when every branch has an outcome; never fails;
 * - race: the first branch with an outcome decides, the others are abandoned;
 * - any: the first ok branch wins (others abandoned); fails when every branch failed.
 * Abandoned threads stop (a WFV3202 diagnostic says so): the model does not run the rest of an
 * abandoned branch, which JavaScript would.
 */
import type { Stmt } from '../ir.js';
import { stmtEdge, stmtLocation } from './compile-util.js';
import type { CompileEnv, Ctx } from './context.js';
import { at } from './context.js';
import type { Effect, FailKind, Guard, Target } from './graph.js';

type ParallelStmt = Extract<Stmt, { kind: 'parallel' }>;

interface Branch {
  readonly slot: number;
  readonly ok: number;
  readonly fail: number;
  readonly cancel: number;
}

export function compileParallel(cx: CompileEnv, s: ParallelStmt, ctx: Ctx, next: Target): Target {
  const fork = stmtLocation(cx, ctx, s, `before Promise.${s.mode}`);
  const join = stmtLocation(cx, ctx, s, `awaiting Promise.${s.mode}`);
  const branches: Branch[] = [];
  const entries: number[] = [];
  s.branches.forEach((body, i) => {
    const slot = cx.b.addSlot('branch', ctx.slot, `branch ${i + 1} of Promise.${s.mode} (${s.id})`, s.span);
    const ok = cx.b.addLocation(slot, 'ok', null, s.id, 'branch succeeded');
    const fail = cx.b.addLocation(slot, 'fail', null, s.id, 'branch failed');
    const cancel = cx.b.addLocation(slot, 'cancel', null, s.id, 'branch cancelled');
    branches.push({ slot, ok, fail, cancel });
    const bctx: Ctx = {
      slot,
      onFail: { failure: () => at(fail), cancel: () => at(cancel) },
      onReturn: () => at(ok),
      onBreak: null,
      onContinue: null,
      cancellable: ctx.cancellable,
      caught: null,
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
  const outcome = (b: Branch, k: 'ok' | FailKind): Guard => ({ kind: 'at', slot: b.slot, locs: [k === 'ok' ? b.ok : k === 'failure' ? b.fail : b.cancel] });
  const settled = (b: Branch): Guard => ({ kind: 'at', slot: b.slot, locs: [b.ok, b.fail, b.cancel] });
  const failed = (b: Branch): Guard => ({ kind: 'at', slot: b.slot, locs: [b.fail, b.cancel] });
  const kinds: FailKind[] = cx.cancellation ? ['failure', 'cancel'] : ['failure'];
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
        for (const k of kinds) edge(`branch ${i + 1} ${k === 'failure' ? 'failed' : 'cancelled'}`, [outcome(b, k)], [{ kind: 'abandon', slots: all }], ctx.onFail[k]());
      });
      break;
    case 'allSettled':
      edge('settled', branches.map(settled), release, next);
      break;
    case 'race':
      if (branches.length === 0) break; // Promise.race([]) never settles
      branches.forEach((b, i) => {
        edge(`branch ${i + 1} won`, [outcome(b, 'ok')], [{ kind: 'abandon', slots: all }], next);
        for (const k of kinds) edge(`branch ${i + 1} ${k === 'failure' ? 'failed first' : 'cancelled first'}`, [outcome(b, k)], [{ kind: 'abandon', slots: all }], ctx.onFail[k]());
      });
      break;
    case 'any':
      branches.forEach((b, i) => edge(`branch ${i + 1} succeeded`, [outcome(b, 'ok')], [{ kind: 'abandon', slots: all }], next));
      edge('all failed', branches.map(failed), release, ctx.onFail.failure());
      break;
  }
  return at(fork);
}
