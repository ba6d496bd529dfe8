/**
 * Removes the extractor's temporaries (values of awaited calls, `condition` results) that
 * nothing reads: a variable no test, guard or assignment reads only enlarges the state space.
 * User variables are kept even when unread, since properties may name them.
 */
import type { Expr, HandlerDecl, Stmt, VarDecl } from './ir.js';

function readsOf(e: Expr, into: Set<string>): void {
  switch (e.kind) {
    case 'var':
      into.add(e.id);
      break;
    case 'not':
      readsOf(e.arg, into);
      break;
    case 'binary':
      readsOf(e.left, into);
      readsOf(e.right, into);
      break;
    case 'cond':
      readsOf(e.test, into);
      readsOf(e.then, into);
      readsOf(e.else, into);
      break;
    default:
      break;
  }
}

function collect(stmts: readonly Stmt[], into: Set<string>): void {
  for (const s of stmts) {
    switch (s.kind) {
      case 'assign':
        readsOf(s.value, into);
        break;
      case 'condition':
        readsOf(s.guard, into);
        break;
      case 'if':
        readsOf(s.test, into);
        collect(s.then, into);
        collect(s.else, into);
        break;
      case 'loop':
        readsOf(s.test, into);
        collect(s.body, into);
        if (s.update) collect(s.update, into);
        break;
      case 'patched':
        collect(s.then, into);
        collect(s.else, into);
        break;
      case 'parallel':
        for (const b of s.branches) collect(b, into);
        break;
      case 'try':
        collect(s.body, into);
        if (s.catch) collect(s.catch, into);
        if (s.finally) collect(s.finally, into);
        break;
      case 'scope':
        collect(s.body, into);
        break;
      case 'compensate':
        if (s.op === 'push') collect(s.body, into);
        break;
      default:
        break;
    }
  }
}

function strip(stmts: readonly Stmt[], dead: ReadonlySet<string>): Stmt[] {
  const out: Stmt[] = [];
  for (const s of stmts) {
    switch (s.kind) {
      case 'assign':
        if (!dead.has(s.target)) out.push(s);
        break;
      case 'activity':
      case 'condition':
        if (s.result && dead.has(s.result)) {
          const { result: _drop, ...rest } = s;
          void _drop;
          out.push(rest as Stmt);
        } else out.push(s);
        break;
      case 'if':
        out.push({ ...s, then: strip(s.then, dead), else: strip(s.else, dead) });
        break;
      case 'loop':
        out.push({ ...s, body: strip(s.body, dead), ...(s.update ? { update: strip(s.update, dead) } : {}) });
        break;
      case 'patched':
        out.push({ ...s, then: strip(s.then, dead), else: strip(s.else, dead) });
        break;
      case 'parallel':
        out.push({ ...s, branches: s.branches.map((b) => strip(b, dead)) });
        break;
      case 'try':
        out.push({ ...s, body: strip(s.body, dead), catch: s.catch ? strip(s.catch, dead) : null, finally: s.finally ? strip(s.finally, dead) : null });
        break;
      case 'scope':
        out.push({ ...s, body: strip(s.body, dead) });
        break;
      case 'compensate':
        out.push(s.op === 'push' ? { ...s, body: strip(s.body, dead) } : s);
        break;
      default:
        out.push(s);
    }
  }
  return out;
}

/** The body, handlers and variables without unread temporaries (those in `temps`). */
export function pruneTemporaries(vars: readonly VarDecl[], temps: ReadonlySet<string>, handlers: readonly HandlerDecl[], body: readonly Stmt[]): { vars: VarDecl[]; handlers: HandlerDecl[]; body: Stmt[] } {
  const read = new Set<string>();
  collect(body, read);
  for (const h of handlers) collect(h.body, read);
  const dead = new Set([...temps].filter((t) => !read.has(t)));
  return {
    vars: vars.filter((v) => !dead.has(v.id)),
    handlers: handlers.map((h) => ({ ...h, body: strip(h.body, dead) })),
    body: strip(body, dead),
  };
}
