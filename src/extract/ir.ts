/**
 * The Workflow IR: what the extractor reads out of a TypeScript workflow, before any model is
 * built. It is a structured (tree-shaped) program over a small, finite-data language; lowering
 * (src/extract/lower) turns it into a transition system or a workflow net. docs/workflow-ir.md
 * documents the JSON form and the model semantics of every node.
 *
 * Contracts:
 * - Plain JSON data (no classes, no `undefined` values that matter, no cycles): `JSON.parse(
 *   JSON.stringify(ir))` is the same IR. `formatVersion` changes when the shape changes.
 * - Every statement and every diagnostic carries the {@link SourceSpan} it came from.
 * - Helper functions of the workflow's module are inlined at their call sites; constant-bound
 *   loops are unrolled; what the extractor cannot model exactly is over-approximated (a
 *   nondeterministic value or choice) and reported in `diagnostics`, never silently dropped.
 * - Data is finite: every {@link VarDecl} has a finite {@link Domain}. Expressions over untracked
 *   data are `{kind:'unknown'}` (any value); integer arithmetic is kept symbolically in `symbolic`
 *   fields for the SMT checker even where the finite model abstracts it.
 */

export const IR_FORMAT_VERSION = 2;

/** A source range: 1-based line and column (UTF-16 units) of the first and last+1 character. */
export interface SourceSpan {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Finite domains of tracked data. `enum` values are string literals (TS literal unions, enums). */
export type Domain =
  | { readonly kind: 'bool' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'int'; readonly min: number; readonly max: number };

/** A value of a domain: booleans, enum members (strings) or integers. `null` means `undefined`. */
export type Value = boolean | string | number | null;

/**
 * A tracked variable: a workflow local, a parameter of a known finite type, or state shared with
 * message handlers. `init` is the value at declaration (evaluated when the declaration executes);
 * `nullable` adds `undefined` (written `null` in the IR) to the domain.
 */
export interface VarDecl {
  readonly id: string;
  /** The TypeScript name; ids are unique, names need not be (shadowing, inlined helpers). */
  readonly name: string;
  readonly domain: Domain;
  readonly nullable: boolean;
  readonly init: Expr;
  readonly span: SourceSpan;
}

export type BinaryOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '+' | '-' | '*';

/** Expressions over tracked data. `unknown` is any value of the expected sort (nondeterminism). */
export type Expr =
  | { readonly kind: 'const'; readonly value: Value }
  | { readonly kind: 'var'; readonly id: string }
  | { readonly kind: 'not'; readonly arg: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'cond'; readonly test: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly kind: 'unknown'; readonly symbolic?: string };

/** How an activity is configured (from the `proxyActivities` options, per call site). */
export interface ActivityOptions {
  /** `retry.maximumAttempts`; null when unlimited (Temporal's default). */
  readonly maximumAttempts: number | null;
  readonly nonRetryableErrorTypes: readonly string[];
  readonly startToCloseTimeoutMs: number | null;
  readonly scheduleToCloseTimeoutMs: number | null;
  readonly heartbeatTimeoutMs: number | null;
  readonly initialIntervalMs: number | null;
  readonly backoffCoefficient: number | null;
  readonly maximumIntervalMs: number | null;
  /** From `proxyLocalActivities`. */
  readonly local: boolean;
  /**
   * Can a call end in failure? True when attempts are limited, non-retryable error types are
   * declared, a schedule-to-close timeout is set, or the options could not be read. False means
   * the policy retries until the activity succeeds (Temporal's default policy): the model then
   * assumes the activity's code throws no non-retryable failure it did not declare in
   * `nonRetryableErrorTypes` (docs/workflow-model.md).
   */
  readonly mayFail: boolean;
}

/** A message definition (`defineSignal('approve')` …) and the handler the workflow installs. */
export interface HandlerDecl {
  readonly kind: 'signal' | 'update' | 'query';
  /** The message name on the wire (the string passed to `defineSignal`). */
  readonly name: string;
  /**
   * The handler body, run atomically when the message arrives (signals and updates). Parameters
   * of finite type are bound to fresh variables listed in `params`, whose values the environment
   * chooses. Queries never change state: their body is empty.
   */
  readonly params: readonly string[];
  readonly body: readonly Stmt[];
  readonly span: SourceSpan;
}

/** Fields every statement has. `id` is unique within a workflow (`s12`). */
interface StmtBase {
  readonly id: string;
  readonly span: SourceSpan;
}

/**
 * Statements. Model semantics (docs/workflow-ir.md has the full text):
 * - `activity`: one call: scheduled → completed | failed (the failure is an `ActivityFailure`
 *   thrown at the call; it stands for retries exhausted, a non-retryable error or a timeout, and
 *   exists only when `options.mayFail`).
 *   `result` receives the result when tracked (any value of its domain).
 * - `timer`: `sleep(ms)`; one step, the timer firing.
 * - `condition`: waits until `guard` holds; with a timeout, the timer may fire while the guard
 *   is false. `result` receives true (guard) or false (timeout).
 * - `assign`: `target := value`.
 * - `if`: two-way choice on `test` (nondeterministic when `test` is unknown).
 * - `loop`: `while (test) { body; update }`, `test` evaluated before each iteration; `break`/
 *   `continue` refer to the innermost loop; `continue` runs `update` (a `for` loop's increment)
 *   before the test. Loops of unknown bound have an unknown test.
 * - `parallel`: `Promise.all|allSettled|race|any` over branches that run interleaved;
 *   all: fails as soon as a branch fails; allSettled: waits for all, never fails;
 *   race: settles with the first branch to settle; any: first success, fails when all failed.
 *   Branches not awaited any more are abandoned (a diagnostic says so where it matters).
 * - `try`: body, optional catch, optional finally, JavaScript semantics (finally also runs on
 *   return and on a rethrow).
 * - `throw`: raises an error of the kinds in `raises` (several: the model chooses), or, for
 *   `'rethrow'` (`throw e` of the enclosing catch's own `e`), what that catch caught. Uncaught, a
 *   `failure` (a Temporal failure) fails the workflow (from an update handler, the update); a
 *   `fatal` error (of the workflow's `failureExceptionTypes`) fails the workflow; an `error`
 *   (anything else) fails the workflow task: the run stays open and never moves on (status
 *   `taskFailed`). `errorType` is the failure's type when the code names it.
 * - `return`: ends the workflow (completed) or, inside an inlined helper, the helper.
 * - `child`: `executeChild` (started → completed | failed) or `startChild` (started only; the
 *   handle's `result()` is a `childResult` statement).
 * - `continueAsNew`: ends this run; the workflow continues as a new run (terminal here).
 * - `scope`: `CancellationScope.run|cancellable|nonCancellable` around `body`.
 * - `handler`: `setHandler(def, fn)`: from here on, messages of `handler` may arrive.
 * - `compensate`: saga lists: `push` registers `body` on list `list` (`front` for `unshift`);
 *   `run` runs the registered bodies of `list` in list order (front first), or back first when
 *   `reverse` (`for (const c of list.reverse())`; JavaScript's in-place reversal is not kept: a
 *   later run sees the original order).
 * - `patched`: `patched(id)` / `deprecatePatch(id)`: both code paths are explored as a choice
 *   fixed at the first evaluation of the patch in a run.
 */
export type Stmt =
  | (StmtBase & { readonly kind: 'activity'; readonly activity: string; readonly options: ActivityOptions; readonly result?: string })
  | (StmtBase & { readonly kind: 'timer'; readonly durationMs: number | null })
  | (StmtBase & { readonly kind: 'condition'; readonly guard: Expr; readonly timeoutMs: number | null | 'none'; readonly result?: string })
  | (StmtBase & { readonly kind: 'assign'; readonly target: string; readonly value: Expr })
  | (StmtBase & { readonly kind: 'if'; readonly test: Expr; readonly then: readonly Stmt[]; readonly else: readonly Stmt[] })
  | (StmtBase & { readonly kind: 'loop'; readonly test: Expr; readonly body: readonly Stmt[]; readonly update?: readonly Stmt[] })
  | (StmtBase & { readonly kind: 'break' })
  | (StmtBase & { readonly kind: 'continue' })
  | (StmtBase & {
      readonly kind: 'parallel';
      readonly mode: 'all' | 'allSettled' | 'race' | 'any';
      readonly branches: readonly (readonly Stmt[])[];
      /** `any` only: what the `AggregateError` raised when every branch failed is. */
      readonly allFailed?: readonly Raised[];
    })
  | (StmtBase & {
      readonly kind: 'try';
      readonly body: readonly Stmt[];
      readonly catch: readonly Stmt[] | null;
      readonly finally: readonly Stmt[] | null;
    })
  | (StmtBase & { readonly kind: 'throw'; readonly errorType: string | null; readonly nonRetryable: boolean; readonly raises: 'rethrow' | readonly Raised[] })
  | (StmtBase & { readonly kind: 'return' })
  /** `cron`: the child has a cron schedule and never completes (its `executeChild` never returns) */
  | (StmtBase & { readonly kind: 'child'; readonly workflow: string; readonly mode: 'execute' | 'start'; readonly handle?: string; readonly cron?: true })
  | (StmtBase & { readonly kind: 'childResult'; readonly workflow: string })
  | (StmtBase & { readonly kind: 'continueAsNew' })
  | (StmtBase & { readonly kind: 'scope'; readonly mode: 'run' | 'cancellable' | 'nonCancellable'; readonly body: readonly Stmt[] })
  | (StmtBase & { readonly kind: 'handler'; readonly handler: string })
  | (StmtBase & { readonly kind: 'compensate'; readonly op: 'push'; readonly list: string; readonly front: boolean; readonly body: readonly Stmt[] })
  | (StmtBase & { readonly kind: 'compensate'; readonly op: 'run'; readonly list: string; readonly reverse?: boolean })
  | (StmtBase & { readonly kind: 'patched'; readonly patchId: string; readonly deprecated: boolean; readonly then: readonly Stmt[]; readonly else: readonly Stmt[] });

export type StmtKind = Stmt['kind'];

/**
 * What an error escaping workflow code does on Temporal (src/extract/thrown.ts): `failure` (a
 * Temporal failure) fails the workflow, or only the update from an update handler; `fatal` (an
 * error of the workflow's `failureExceptionTypes`) fails the workflow; `error` (anything else)
 * fails the workflow task, which Temporal retries while the run stays open.
 */
export type Raised = 'failure' | 'fatal' | 'error';

/** A located message about the extraction: an abstraction made, an unsupported construct. */
export interface Diagnostic {
  /** `abstraction`: behaviour over-approximated; `unsupported`: the construct is not modelled
   *  (the model is then incomplete and checks are inconclusive); `note`: information. */
  readonly severity: 'error' | 'warning' | 'note';
  /** Stable code, e.g. `WFV3101`. */
  readonly code: string;
  readonly message: string;
  readonly span: SourceSpan;
}

/** One workflow function, extracted. */
export interface WorkflowIR {
  readonly formatVersion: typeof IR_FORMAT_VERSION;
  /** The exported function's name (the workflow type). */
  readonly name: string;
  readonly span: SourceSpan;
  /** Which module the workflow API came from. */
  readonly api: '@temporalio/workflow' | 'wfverify/workflow';
  readonly vars: readonly VarDecl[];
  /** Saga compensation lists (`const compensations: (() => Promise<void>)[] = []`) by id. */
  readonly compensationLists: readonly { readonly id: string; readonly name: string; readonly span: SourceSpan }[];
  readonly handlers: readonly HandlerDecl[];
  /** Activity types the workflow calls, in first-call order. */
  readonly activities: readonly string[];
  readonly body: readonly Stmt[];
  /** Does the workflow react to cancellation (uses `CancellationScope` or `isCancellation`)? */
  readonly cancellable: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** The result of extracting one file: its workflows and the file-level diagnostics. */
export interface ExtractedFile {
  readonly file: string;
  readonly workflows: readonly WorkflowIR[];
  readonly diagnostics: readonly Diagnostic[];
}
