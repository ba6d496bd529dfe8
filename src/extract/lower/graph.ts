/**
 * The process graph: the Workflow IR compiled to control locations and edges, per static thread
 * slot. It is pure data — guards, writes and effects are described, not executed — so the
 * transition system (system.ts) and the workflow net (net.ts) can both be built from it.
 *
 * Contracts:
 * - Every location belongs to exactly one slot; a slot is "active" when its program counter
 *   holds one of its locations. Slot 0 is the workflow's main body.
 * - An edge fires from its `from` location of its slot (environment edges have `from: null` and
 *   state their preconditions as guards). Guards are read on the source state; then `writes`
 *   run in order, then `effects`, then the thread moves to `to` (applying its resets).
 * - `local` edges have no event and no waiting: they may be chained into one atomic step
 *   (handler bodies without waits, see atomic.ts).
 */
import type { Expr, SourceSpan } from '../ir.js';
import type { ModelEvent, WorkflowStatus } from './types.js';

/** Why a thread stops at a location for good (branch outcomes) or ends the workflow from it. */
export type LocationRole =
  | 'stmt'
  /** A branch finished: succeeded, failed, or failed by cancellation (read by the join). */
  | 'ok' | 'fail' | 'cancel'
  /** The workflow ends from here (one terminating edge). */
  | 'end';

export interface Location {
  readonly id: number;
  readonly slot: number;
  /** Index among the locations of its slot (program counters store `local + 1`). */
  readonly local: number;
  /** The statement the location belongs to (null for branch outcomes and workflow ends). */
  readonly span: SourceSpan | null;
  readonly stmt: string;
  /** What the thread does here, for humans: `before lockFunds`, `awaiting lockFunds`. */
  readonly what: string;
  readonly role: LocationRole;
}

export type SlotKind = 'main' | 'branch' | 'handler';

export interface Slot {
  readonly id: number;
  readonly kind: SlotKind;
  /** The slot whose thread forks this one (branches), else null. */
  readonly parent: number | null;
  /** For branches: the parallel statement and the branch index; for handlers: the handler. */
  readonly title: string;
  readonly span: SourceSpan;
  /** Locations of this slot, by `local` index. */
  readonly locations: number[];
  /** Compensation cursors of run statements executed by this slot (reset when abandoned). */
  readonly cursors: number[];
  /** Direct child slots (branches forked by this slot). */
  readonly children: number[];
}

/** Where a thread goes: a location, or nowhere (`loc: null`, the slot becomes inactive). */
export interface Target {
  readonly loc: number | null;
  /** Compensation cursors to reset to 0 on the way (leaving a compensation run abnormally). */
  readonly resets: readonly number[];
}

/**
 * How a thread stops abnormally: `failure` (a Temporal failure: failed activity or child, a thrown
 * `ApplicationFailure`), `cancel` (cancellation), `fatal` (an error of the workflow's
 * `failureExceptionTypes`: fails the workflow even from an update handler) and `error` (any other
 * error: fails the workflow task, status `taskFailed`). See {@link Raised} in the IR.
 */
export type FailKind = 'failure' | 'cancel' | 'fatal' | 'error';

/** Every {@link FailKind}, in a fixed order. */
export const FAIL_KINDS: readonly FailKind[] = ['failure', 'cancel', 'fatal', 'error'];

/** Preconditions read on the source state. */
export type Guard =
  /** The expression's truthiness is `want`, or unknown. */
  | { readonly kind: 'test'; readonly expr: Expr; readonly want: boolean }
  /** Slot `slot` is at one of `locs`. */
  | { readonly kind: 'at'; readonly slot: number; readonly locs: readonly number[] }
  | { readonly kind: 'inactive'; readonly slot: number }
  | { readonly kind: 'registered'; readonly handler: number }
  | { readonly kind: 'cancelRequested'; readonly value: boolean }
  /** The patch's choice is unset or `value`. */
  | { readonly kind: 'patch'; readonly patch: number; readonly value: boolean }
  /** The entry at `cursor` (counted from the back when `reverse`) of list `list` is push site `push`. */
  | { readonly kind: 'listAt'; readonly list: number; readonly cursor: number; readonly push: number; readonly reverse: boolean }
  /** The cursor has passed the end of the list. */
  | { readonly kind: 'listDone'; readonly list: number; readonly cursor: number };

/** `var := value`; `split` writes become one action per value of the variable. */
export interface Write {
  readonly var: number;
  readonly value: Expr;
  readonly split: boolean;
}

export type Effect =
  | { readonly kind: 'fork'; readonly slot: number; readonly entry: number }
  /** Deactivates the slots and their descendants; pending ones are recorded as leftovers. */
  | { readonly kind: 'abandon'; readonly slots: readonly number[] }
  | { readonly kind: 'terminate'; readonly status: Exclude<WorkflowStatus, 'running'> }
  | { readonly kind: 'register'; readonly handler: number }
  | { readonly kind: 'requestCancel' }
  | { readonly kind: 'setPatch'; readonly patch: number; readonly value: boolean }
  | { readonly kind: 'push'; readonly list: number; readonly push: number; readonly front: boolean; readonly span: SourceSpan }
  | { readonly kind: 'cursorNext'; readonly cursor: number }
  | { readonly kind: 'resetCursor'; readonly cursor: number };

export type EdgeKind = 'thread' | 'deliver' | 'environment';

export interface Edge {
  readonly id: number;
  readonly kind: EdgeKind;
  readonly slot: number;
  /** Source location (thread edges), null for environment edges and deliveries. */
  readonly from: number | null;
  readonly label: string;
  readonly event: ModelEvent | null;
  readonly span: SourceSpan;
  readonly stmt: string;
  readonly guards: readonly Guard[];
  readonly writes: readonly Write[];
  readonly effects: readonly Effect[];
  /** Where the slot's thread goes; null for environment edges (no thread moves). */
  readonly to: Target | null;
  readonly local: boolean;
}

/** A message handler of the IR that some statement registers. */
export interface HandlerInfo {
  /** Index into `ir.handlers`. */
  readonly decl: number;
  readonly kind: 'signal' | 'update';
  readonly name: string;
  readonly slot: number;
  /** The body's first location (may be a resting location such as a workflow end). */
  readonly entry: Target;
  /** The delivery edge. */
  readonly deliver: number;
}

/** A saga compensation list and its push sites (codes 1 … n in list entries). */
export interface ListInfo {
  readonly id: string;
  readonly name: string;
  /** Push statement ids; entry code `k` means `pushes[k-1]`. */
  readonly pushes: string[];
  /** Most entries the list can hold in the model. */
  capacity: number;
}

export interface ProcessGraph {
  readonly slots: readonly Slot[];
  readonly locations: readonly Location[];
  readonly edges: readonly Edge[];
  /** Main thread's first location. */
  readonly mainEntry: number;
  readonly handlers: readonly HandlerInfo[];
  readonly lists: readonly ListInfo[];
  /** Patch ids, by patch index. */
  readonly patches: readonly string[];
  /** Number of compensation cursors (each counts 0 … capacity of its list). */
  readonly cursorLists: readonly number[];
  /** Is cancellation modelled (`ir.cancellable`)? */
  readonly cancellable: boolean;
  /** Activity stmt id → ids of its scheduling edges. */
  readonly activityCalls: ReadonlyMap<string, readonly number[]>;
}
