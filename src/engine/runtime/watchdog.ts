/**
 * One deadlock watchdog for many calls into workflow code.
 *
 * Node's `vm` timeout starts a watchdog thread for every timed evaluation (~0.15–0.2 ms each, more
 * than a whole workflow task). `guarded(timeoutMs, fn)` runs `fn` inside ONE timed evaluation of a
 * tiny script; calls into sandboxes made from `fn` ({@link WorkflowSandbox.invoke}) then run as
 * nested, untimed evaluations (which still drain their context's microtasks on return). When the
 * timeout expires, V8 terminates everything on the stack down to the guard — host frames included,
 * without running their `catch`/`finally` blocks — and `guarded` throws Node's
 * `ERR_SCRIPT_EXECUTION_TIMEOUT` error.
 *
 * Contract for callers: keep a marker (set before, cleared after) around the code that may run
 * long, so that after a timeout you know what was interrupted; anything else on the stack may be
 * half done. The engine gives each guard a time slice and starts no workflow task after the slice,
 * so each task gets at least the full deadlock timeout.
 */
import vm from 'node:vm';

let depth = 0;
let guardContext: vm.Context | undefined;
let guardBox: { fn: (() => unknown) | undefined } | undefined;
const guardScript = new vm.Script('__wfv_guard.fn()', { filename: 'wfverify-watchdog' });

/** True while `fn` of a {@link guarded} call runs: sandbox calls need no timeout of their own. */
export function insideGuard(): boolean {
  return depth > 0;
}

/** Runs `fn` under one timeout (ms; `undefined` = none). Nested guards reuse the outer one. */
export function guarded<T>(timeoutMs: number | undefined, fn: () => T): T {
  if (timeoutMs === undefined || depth > 0) return fn();
  if (!guardContext) {
    guardContext = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
    guardBox = vm.runInContext('globalThis.__wfv_guard = { fn: undefined }', guardContext) as { fn: (() => unknown) | undefined };
  }
  let out: T | undefined;
  guardBox!.fn = () => { out = fn(); };
  depth++;
  try {
    guardScript.runInContext(guardContext, { timeout: timeoutMs });
  } finally {
    depth = 0; // also after a termination, which skips the finally blocks inside `fn`
    guardBox!.fn = undefined;
  }
  return out as T;
}

/** True if `err` is the error a timed-out evaluation throws. */
export function isTimeout(err: unknown): boolean {
  return (err as { code?: string } | undefined)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}
