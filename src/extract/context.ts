/**
 * The state of extracting one workflow: the compiler's checker, the variables tracked so far,
 * the activity proxies, message definitions and compensation lists the code refers to, and the
 * diagnostics. Statement and expression translators share one context.
 */
import type { ActivityOptions, Diagnostic, Domain, Expr, HandlerDecl, SourceSpan, VarDecl } from './ir.js';
import { spanOf } from './span.js';
import type { FailureExceptionTypes } from './thrown.js';
import type { ts } from './ts.js';

/** What an activity-proxy binding stands for: one activity type, or the whole proxy object. */
export interface ActivityBinding {
  /** The activity type for a destructured binding; undefined for the proxy object itself. */
  readonly activity?: string;
  readonly options: ActivityOptions;
}

/** A `defineSignal/defineQuery/defineUpdate` result. */
export interface MessageDefinition {
  readonly kind: 'signal' | 'update' | 'query';
  readonly name: string;
}

/** The diagnostics of one file, in order, without duplicates (same code and position). */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  add(severity: Diagnostic['severity'], code: string, message: string, span: SourceSpan): void {
    const key = `${code}@${span.line}:${span.column}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ severity, code, message, span });
  }
}

export class ExtractionContext {
  readonly vars: VarDecl[] = [];
  readonly handlers: HandlerDecl[] = [];
  readonly compensationLists: { id: string; name: string; span: SourceSpan }[] = [];
  readonly activities: string[] = [];
  /** Tracked variables by the compiler's symbol. */
  readonly varOf = new Map<ts.Symbol, string>();
  /** Compensation lists by symbol. */
  readonly listOf = new Map<ts.Symbol, string>();
  /** Promises started without `await` (`const p = act()`), consumed where awaited. */
  readonly pendingPromise = new Map<ts.Symbol, ts.Expression>();
  /** Child-workflow handles (`const h = await startChild(wf)`) by symbol → workflow type. */
  readonly childHandle = new Map<ts.Symbol, string>();
  /** Helper functions being inlined (recursion guard). */
  readonly inlining: ts.Node[] = [];
  cancellable = false;
  /** The workflow's `failureExceptionTypes` (what its thrown errors do): set before translation. */
  failureTypes: FailureExceptionTypes = { kind: 'none' };
  /** Variables the extractor introduced (not the user's), which may be pruned when unread. */
  readonly temporaries = new Set<string>();
  private nextStmt = 0;
  private nextVar = 0;

  constructor(
    readonly checker: ts.TypeChecker,
    /** The file path shown to users. */
    readonly file: string,
    readonly diagnostics: DiagnosticSink,
  ) {}
  /** Activity proxies already read, by their declaration. */
  readonly proxyCache = new Map<ts.Node, ActivityBinding | null>();

  span(node: ts.Node): SourceSpan {
    return spanOf(node, this.file);
  }

  stmtId(): string {
    return `s${++this.nextStmt}`;
  }

  /** Declares a tracked variable and returns its id. */
  declareVar(name: string, domain: Domain, nullable: boolean, init: Expr, node: ts.Node, symbol?: ts.Symbol): string {
    const id = `v${++this.nextVar}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    if (!symbol) this.temporaries.add(id);
    this.vars.push({ id, name, domain, nullable, init, span: this.span(node) });
    if (symbol) this.varOf.set(symbol, id);
    return id;
  }

  varDecl(id: string): VarDecl | undefined {
    return this.vars.find((v) => v.id === id);
  }

  noteActivity(name: string): void {
    if (!this.activities.includes(name)) this.activities.push(name);
  }

  warn(code: string, message: string, node: ts.Node): void {
    this.diagnostics.add('warning', code, message, this.span(node));
  }

  note(code: string, message: string, node: ts.Node): void {
    this.diagnostics.add('note', code, message, this.span(node));
  }

  error(code: string, message: string, node: ts.Node): void {
    this.diagnostics.add('error', code, message, this.span(node));
  }

  /** The symbol a name refers to, following shorthand properties and aliases of locals. */
  symbolOf(node: ts.Node): ts.Symbol | undefined {
    return this.checker.getSymbolAtLocation(node);
  }
}
