/**
 * A compact, indented text form of the Workflow IR for humans and for pinned tests
 * (`wfverify extract --format ir-text`). One line per statement with its source line; the JSON
 * form (`--format ir`) is the exchange format.
 */
import type { Expr, Stmt, WorkflowIR } from './ir.js';

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'const':
      return e.value === null ? 'undefined' : JSON.stringify(e.value);
    case 'var':
      return e.id;
    case 'not':
      return `!${printExpr(e.arg)}`;
    case 'binary':
      return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case 'cond':
      return `(${printExpr(e.test)} ? ${printExpr(e.then)} : ${printExpr(e.else)})`;
    case 'unknown':
      return e.symbolic ? `?{${e.symbolic}}` : '?';
  }
}

function lines(stmts: readonly Stmt[], depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const put = (text: string, s: Stmt): void => {
    out.push(`${pad}${text}  @${s.span.line}`);
  };
  for (const s of stmts) {
    switch (s.kind) {
      case 'activity':
        put(`activity ${s.activity}${s.result ? ` -> ${s.result}` : ''}`, s);
        break;
      case 'timer':
        put(`sleep ${s.durationMs ?? '?'}ms`, s);
        break;
      case 'condition':
        put(`condition ${printExpr(s.guard)}${s.timeoutMs === 'none' ? '' : ` timeout ${s.timeoutMs ?? '?'}ms`}${s.result ? ` -> ${s.result}` : ''}`, s);
        break;
      case 'assign':
        put(`${s.target} := ${printExpr(s.value)}`, s);
        break;
      case 'if':
        put(`if ${printExpr(s.test)}`, s);
        lines(s.then, depth + 1, out);
        if (s.else.length > 0) {
          out.push(`${pad}else`);
          lines(s.else, depth + 1, out);
        }
        break;
      case 'patched':
        put(`${s.deprecated ? 'deprecatePatch' : 'patched'} ${JSON.stringify(s.patchId)}`, s);
        lines(s.then, depth + 1, out);
        out.push(`${pad}else`);
        lines(s.else, depth + 1, out);
        break;
      case 'loop':
        put(`loop while ${printExpr(s.test)}`, s);
        lines(s.body, depth + 1, out);
        if (s.update) {
          out.push(`${pad}update`);
          lines(s.update, depth + 1, out);
        }
        break;
      case 'parallel':
        put(`parallel ${s.mode}`, s);
        s.branches.forEach((b, i) => {
          out.push(`${pad}branch ${i + 1}`);
          lines(b, depth + 1, out);
        });
        break;
      case 'try':
        put('try', s);
        lines(s.body, depth + 1, out);
        if (s.catch) {
          out.push(`${pad}catch`);
          lines(s.catch, depth + 1, out);
        }
        if (s.finally) {
          out.push(`${pad}finally`);
          lines(s.finally, depth + 1, out);
        }
        break;
      case 'throw':
        put(`throw ${s.errorType ?? 'Error'}${s.nonRetryable ? ' (non-retryable)' : ''} → ${s.raises === 'rethrow' ? 'rethrow' : s.raises.join(' | ')}`, s);
        break;
      case 'scope':
        put(`scope ${s.mode}`, s);
        lines(s.body, depth + 1, out);
        break;
      case 'compensate':
        if (s.op === 'push') {
          put(`compensate ${s.front ? 'unshift' : 'push'} ${s.list}`, s);
          lines(s.body, depth + 1, out);
        } else put(`compensate run ${s.list}${s.reverse ? ' reversed' : ''}`, s);
        break;
      case 'child':
        put(`child ${s.mode} ${s.workflow}${s.cron ? " (cron: never completes)" : ""}`, s);
        break;
      case 'childResult':
        put(`child result ${s.workflow}`, s);
        break;
      case 'handler':
        put(`setHandler ${s.handler}`, s);
        break;
      case 'break':
      case 'continue':
      case 'return':
      case 'continueAsNew':
        put(s.kind, s);
        break;
    }
  }
}

export function printWorkflow(w: WorkflowIR): string {
  const out: string[] = [`workflow ${w.name}${w.cancellable ? ' (cancellable)' : ''}`];
  for (const v of w.vars) {
    const d = v.domain.kind === 'bool' ? 'bool' : v.domain.kind === 'enum' ? v.domain.values.map((x) => JSON.stringify(x)).join('|') : `${v.domain.min}..${v.domain.max}`;
    out.push(`var ${v.id}: ${d}${v.nullable ? '|undefined' : ''} = ${printExpr(v.init)}`);
  }
  for (const h of w.handlers) {
    out.push(`on ${h.kind} ${h.name}(${h.params.join(', ')})`);
    lines(h.body, 1, out);
  }
  out.push('body');
  lines(w.body, 1, out);
  return out.join('\n');
}
