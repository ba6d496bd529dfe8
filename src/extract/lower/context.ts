/**
 * The compilation context of a statement: which thread slot runs it, where failures, `return`,
 * `break` and `continue` lead (as lazily compiled targets, so finally copies are only built for
 * the continuations that occur), and what the enclosing constructs imply (cancellable scope,
 * the failure a bare rethrow re-raises, whether the code may run more than once per run).
 */
import type { Expr, SourceSpan, Stmt, VarDecl, WorkflowIR } from '../ir.js';
import type { GraphBuilder } from './builder.js';
import type { VarCodec } from './domains.js';
import { type Edge, FAIL_KINDS, type FailKind, type Target } from './graph.js';

/** A target computed at most once, on first use. */
export type Lazy<T> = () => T;

export function lazy<T>(f: () => T): Lazy<T> {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value as T;
  };
}

/** A target per failure kind. */
export function perKind(f: (k: FailKind) => Lazy<Target>): Record<FailKind, Lazy<Target>> {
  return Object.fromEntries(FAIL_KINDS.map((k) => [k, f(k)])) as Record<FailKind, Lazy<Target>>;
}

export function at(loc: number): Target {
  return { loc, resets: [] };
}

/** The same target, also resetting `cursor`. */
export function withReset(t: Target, cursor: number): Target {
  return { loc: t.loc, resets: [...t.resets, cursor] };
}

export interface Ctx {
  readonly slot: number;
  readonly onFail: Readonly<Record<FailKind, Lazy<Target>>>;
  readonly onReturn: Lazy<Target>;
  readonly onBreak: Lazy<Target> | null;
  readonly onContinue: Lazy<Target> | null;
  /** Does cancellation reach waits here (false inside `nonCancellable` scopes)? */
  readonly cancellable: boolean;
  /** Inside a catch block: the kind of failure caught (a bare rethrow re-raises it). */
  readonly caught: FailKind | null;
  /** Is an error raised here caught by an enclosing `catch` (so it cannot fail the workflow task)? */
  readonly catches: boolean;
  /** May this code run more than once per workflow run (loop, handler, compensation)? */
  readonly repeatable: boolean;
  /** Push statements whose bodies are being compiled (guards against recursive compensation). */
  readonly compensating: readonly string[];
}

export type PushStmt = Extract<Stmt, { kind: 'compensate'; op: 'push' }>;

/** What statement compilers share. */
export interface CompileEnv {
  readonly ir: WorkflowIR;
  readonly b: GraphBuilder;
  /** Var id → index into `ir.vars`. */
  readonly varIndex: ReadonlyMap<string, number>;
  readonly codecs: ReadonlyMap<string, VarCodec>;
  readonly varDecls: ReadonlyMap<string, VarDecl>;
  /** Is cancellation modelled? */
  readonly cancellation: boolean;
  /** Push statements by list id, in IR order. */
  readonly pushSites: ReadonlyMap<string, readonly PushStmt[]>;
  /** Compiles a statement sequence ending at `next`; returns its entry. */
  seq(stmts: readonly Stmt[], ctx: Ctx, next: Target): Target;
  /** The handler index (in the graph) of `ir.handlers[decl]`, compiling its body on first use. */
  handler(decl: number): number;
  /** Checks an expression's variable references, reporting unknown ones. */
  checkExpr(e: Expr, span: SourceSpan): void;
}

/** The fields of an edge a statement compiler chooses (the rest come from the context). */
export interface EdgeSpec {
  readonly from: number;
  readonly label: string;
  readonly event: Edge['event'];
  readonly guards?: Edge['guards'];
  readonly writes?: Edge['writes'];
  readonly effects?: Edge['effects'];
  readonly to: Target;
  readonly local: boolean;
}
